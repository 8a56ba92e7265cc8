"""Reported speech from the dependency parse: "Smith claimed after the match that the Reds ..."

A speech verb with a person as subject and a clausal complement after it is
reported speech; the clause is what was said.  Clauses that hold quotation
are left to the partial-quote rule.  Lower confidence than quotes: the parse
of a long clause is often cut short or runs long.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from touchline.nlp.quotes.attribution import Attributor
from touchline.nlp.quotes.speakers import Speaker

logger = logging.getLogger(__name__)

_MIN_CLAUSE_TOKENS = 3


@dataclass(frozen=True, slots=True)
class Reported:
    start: int
    end: int
    speaker: Speaker
    verb: Token
    confidence: float


def _subject(verb: Token) -> Token | None:
    for head in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
        for child in head.children:
            if child.dep_ == "nsubj" and child.i < verb.i:
                return child
    return None


def find_reported(att: Attributor, quoted: Sequence[tuple[int, int]], used_verbs: set[int]) -> list[Reported]:
    """Reported-speech records (kind "reported") for every fitting speech verb outside quotation."""
    doc: Doc = att.doc
    if not att.has_parse:
        return []
    starts = [s for s, _ in quoted]
    out: list[Reported] = []
    for verb in doc:
        if verb.i in used_verbs or not att.is_speech_verb(verb, att.lex.reported):
            continue
        if _overlaps(verb.idx, verb.idx + 1, quoted, starts):
            continue
        clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
        subject = _subject(verb)
        if clause is None or subject is None:
            continue
        toks = [t for t in doc[clause.left_edge.i: clause.right_edge.i + 1]]
        while toks and (toks[0].dep_ == "mark" or toks[0].lower_ == "that" or toks[0].is_punct
                        or toks[0].is_space):
            toks = toks[1:]
        while toks and (toks[-1].is_punct or toks[-1].is_space):
            toks = toks[:-1]
        if len(toks) < _MIN_CLAUSE_TOKENS:
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        if _overlaps(start, end, quoted, starts) or "\n" in att.text[start:end]:
            continue
        speaker = att.resolver.from_tokens(list(doc[subject.left_edge.i: subject.i + 1]))
        if speaker is None:
            continue  # "reports claimed that...": no person said it
        conf = 0.5 if speaker.method == "name" and speaker.ref is not None else 0.35
        out.append(Reported(start, end, speaker, verb, conf))
    return out


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]], starts: Sequence[int]) -> bool:
    i = bisect.bisect_left(starts, end) - 1
    while i >= 0:
        _s, e = spans[i]
        if e > start:
            return True
        if e <= start:
            # Quotations do not nest, so earlier ones end earlier still.
            return False
        i -= 1
    return False
