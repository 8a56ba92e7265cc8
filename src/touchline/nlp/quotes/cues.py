"""Attributions without a speech verb: speaker labels, dash credits and headline speakers.

Football journalism often names a speaker with punctuation instead of a verb:

- a label before the quotation, at the start of its paragraph: ``Harbour
  boss Ivo Brandt: "We were poor."``, ``Ivo Brandt, Harbour manager: "…"``;
  a press-conference round-up puts one such paragraph per speaker, several in
  a row;
- a credit after the quotation: ``"We were poor." – Ivo Brandt on the
  defeat``, ``"…" - Ivo Brandt, Harbour manager``;
- a headline naming who speaks: ``Brandt: 'We were poor'`` or ``Brandt says
  Harbour must improve``; its quotations follow in the body.

Each reader accepts only a phrase that names a person the pipeline knows (a
name the recognisers found, never any capitalised words: "Team news:" and
"Verdict:" are labels too) and holds no verb.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from spacy.tokens import Token

from touchline.nlp.quotes.speakers import Speaker, SpeakerResolver

logger = logging.getLogger(__name__)

DASHES = frozenset({"-", "–", "—", "--"})
# Words that end the name part of a label or credit: "Brandt on the defeat", "Brandt, Harbour boss".
_NAME_PART_ENDS = frozenset({",", "on", "about", "after", "before", "speaking", "(", "when", "at", "to", "in",
                             "via", "from"})
# Verbs that make a headline's name its speaker: "Brandt says ...", "Brandt admits ...".
HEADLINE_VERBS = frozenset({"says", "admits", "insists", "claims", "reveals", "warns", "vows", "believes",
                            "explains", "hails", "urges", "confirms", "denies", "tells", "backs", "wants",
                            "expects", "feels", "thinks", "hopes", "praises", "slams", "blasts", "defends",
                            "responds", "rues", "laments", "admitted", "said", "insisted", "claimed"})
_MAX_LABEL_TOKENS = 12


def name_part(tokens: Sequence[Token]) -> list[Token]:
    """The tokens of a label or credit up to where the name and its title end."""
    out: list[Token] = []
    for t in tokens:
        if t.is_space:
            continue
        if t.lower_ in _NAME_PART_ENDS or t.text in ("(", "[", "|"):
            break
        out.append(t)
    return out


def _has_verb(tokens: Sequence[Token]) -> bool:
    # A verb tagged inside a name ("Leicester City vice-chairman") is rare; a
    # finite verb ("Brandt was furious:") is what rules a label out.
    return any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in tokens)


def person_of(resolver: SpeakerResolver, tokens: Sequence[Token]) -> Speaker | None:
    """The known person a label or credit names, or None."""
    phrase = name_part(tokens)
    if not phrase or len(phrase) > _MAX_LABEL_TOKENS or _has_verb(phrase):
        return None
    speaker = resolver.from_tokens(phrase, strict=True)
    if speaker is None or speaker.ref is None or speaker.ref.kind != "person" or speaker.method != "name":
        return None
    return speaker


def label(resolver: SpeakerResolver, tokens: Sequence[Token]) -> Speaker | None:
    """``Harbour boss Ivo Brandt:`` — the tokens of a paragraph's opening up to its colon."""
    toks = [t for t in tokens if not t.is_space]
    if not toks or toks[-1].text != ":":
        return None
    return person_of(resolver, toks[:-1])


def credit(resolver: SpeakerResolver, tokens: Sequence[Token]) -> tuple[Speaker, Token] | None:
    """``– Ivo Brandt on the defeat`` — the tokens after a closing mark to the paragraph's end."""
    toks = [t for t in tokens if not t.is_space]
    if len(toks) < 2 or toks[0].text not in DASHES:
        return None
    rest = toks[1:]
    if rest and rest[-1].text in (".", ")"):
        rest = rest[:-1]
    speaker = person_of(resolver, rest)
    return (speaker, toks[-1]) if speaker is not None else None


def headline(resolver: SpeakerResolver, tokens: Sequence[Token]) -> Speaker | None:
    """``Brandt: 'We were poor'`` or ``Brandt says Harbour must improve`` — a headline's speaker."""
    toks = [t for t in tokens if not t.is_space]
    for i, t in enumerate(toks[:_MAX_LABEL_TOKENS + 1]):
        if t.text == ":" or t.lower_ in HEADLINE_VERBS:
            if i == 0 or any(x.text in ('"', "“", "‘", "'") for x in toks[:i]):
                return None
            return person_of(resolver, toks[:i])
    return None
