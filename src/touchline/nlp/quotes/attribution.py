"""Attribute each quotation to a speaker and decide whether it is a direct or a partial quote.

Attribution is tried in the order a reader uses: the clause right after the
closing mark ("...," Smith said), the clause right before the opening mark
(Smith said: "..."), the attribution of the quote just before it in the same
paragraph ("...," he said. "..."), and the last speaker of the previous
paragraph when this paragraph opens with quotation and nothing came between,
and else the person whose speech verb ends the previous paragraph ("Smith
insists he has faith in the keeper." followed by a paragraph of quotation).
A quotation embedded in a sentence is partial; its speaker is the subject of
the speech verb that governs it in the dependency parse.  When none of this
applies the speaker stays unknown: a wrong speaker is worse than none.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from touchline.nlp.extensions import doc_text
from touchline.nlp.quotes import cues
from touchline.nlp.quotes.lexicon import Lexicon
from touchline.nlp.quotes.marks import QuoteSpan
from touchline.nlp.quotes.speakers import Speaker, SpeakerResolver

logger = logging.getLogger(__name__)

_END_PUNCT = frozenset({".", "!", "?"})
_UTTERANCE_END = set(",.!?…;:-—–")
# Words a title may leave in lower case ("Match of the Day").
_TITLE_SMALL = frozenset(
    {"a", "an", "the", "of", "and", "in", "on", "at", "to", "for", "with", "or", "de", "la"}
)
# Embedded social-media posts: quoted, but nobody "said" them in the article.
_EMBED = re.compile(r"pic\.twitter\.com|twitter\.com/|instagram\.com/|\(@\w+\)|^\s*@\w+|— @\w+", re.I)
# Most words a speaker phrase before the verb may have ("the former Ajax and Benfica midfielder").
_MAX_VERB_OFFSET = 9


@dataclass(slots=True)
class Found:
    """A quotation with what attribution decided about it."""

    span: QuoteSpan
    kind: str
    speaker: Speaker | None
    verb: Token | None
    confidence: float
    tail: int  # where this quotation's own material ends (its attribution included)
    how: str  # after | before | label | inherit | continue | governor | lead-in | headline | none


def is_title(text: str) -> bool:
    """Title Case with no sentence punctuation: a name of a work or a nickname, not speech."""
    words = text.split()
    if not words or len(words) > 8 or text.rstrip()[-1:] in _UTTERANCE_END:
        return False
    if not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w.lower() in _TITLE_SMALL or not w[:1].isalpha() for w in words)


class Attributor:
    """Attributes the quotations of one Doc, in text order."""

    def __init__(self, doc: Doc, lex: Lexicon, spans: Sequence[QuoteSpan],
                 paragraphs: Sequence[tuple[int, int]], lookback_paragraphs: int = 2) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.lex = lex
        self.spans = spans
        self.paras = paragraphs
        self._para_starts = [s for s, _ in paragraphs]
        self._tok_starts = [t.idx for t in doc]
        self.has_parse = doc.has_annotation("DEP")
        quoted = [(q.open_mark, q.after) for q in spans]
        self.resolver = SpeakerResolver(doc, lex, quoted, paragraphs, lookback_paragraphs)
        self._headline: tuple[Speaker | None] | None = None

    # --- helpers ---------------------------------------------------------

    def para_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._para_starts, pos) - 1)

    def is_speech_verb(self, tok: Token, words: frozenset[str] | None = None) -> bool:
        if tok.lower_ not in (words if words is not None else self.lex.attribution):
            return False
        # Without a tagger every listed word counts; with one, only verbs do.
        return not tok.tag_ or tok.tag_.startswith("VB") or tok.lower_ in ("said", "says", "told")

    def _tokens(self, start: int, end: int) -> list[Token]:
        i = bisect.bisect_left(self._tok_starts, start)
        j = bisect.bisect_left(self._tok_starts, end)
        return [self.doc[k] for k in range(i, j)]

    # --- the clause after the closing mark --------------------------------

    def after(self, q: QuoteSpan, limit: int) -> tuple[Speaker | None, Token | None, int] | None:
        if q.close_mark is None:
            return None
        window: list[Token] = []
        for tok in self._tokens(q.after, limit):
            if tok.is_space:
                if "\n" in tok.text:
                    break
                continue
            window.append(tok)
            if tok.text in _END_PUNCT or len(window) >= 25:
                break
        if not window:
            return None
        lead_comma = window[0].text == ","
        last_char = self.text[q.end - 1]
        if not (lead_comma or last_char in _UTTERANCE_END):
            return None  # the quote goes on as part of a sentence: "ole" which greeted...
        body = window[1:] if lead_comma else window
        if last_char in _END_PUNCT and not lead_comma:
            # After a full stop a new sentence starts; only a bare "Smith said."
            # (or "he asked" after a question) is still this quote's attribution.
            short = len(body) <= 6 and body[-1].text in _END_PUNCT
            if not (short or (last_char in "!?" and body[0].text[:1].islower())):
                return None
        if body and body[-1].text in _END_PUNCT:
            body = body[:-1]
        if len(body) >= 3 and body[0].lower_ == "according" and body[1].lower_ == "to":
            # '"...," according to Ivo Brandt.'
            tail = window[-1].idx + len(window[-1])
            return self.resolver.from_tokens(_noun_phrase_after(body[2:])), None, tail
        verb_at = next(
            (i for i, t in enumerate(body[: _MAX_VERB_OFFSET + 1]) if self.is_speech_verb(t)), None
        )
        if verb_at is None:
            return None
        verb = body[verb_at]
        pre, post = body[:verb_at], body[verb_at + 1:]
        tail = window[-1].idx + len(window[-1])
        phrase = _until_comma(pre) if pre else _noun_phrase_after(post)
        speaker = self.resolver.from_tokens(phrase, verb=verb)
        if not pre and (speaker is None or speaker.ref is None or speaker.method == "descriptor"):
            # 'said the Harbour manager, Ivo Brandt.': the name in apposition.
            named = self._appositive_name(post[len(phrase):])
            speaker = named or speaker
        return speaker, verb, tail

    def _appositive_name(self, tokens: Sequence[Token]) -> Speaker | None:
        """", Ivo Brandt" right after a description: the person it names."""
        if len(tokens) < 2 or tokens[0].text != ",":
            return None
        name = _noun_phrase_after(tokens[1:])
        speaker = self.resolver.from_tokens(name, strict=True) if name else None
        return speaker if speaker is not None and speaker.ref is not None else None

    # --- the clause before the opening mark -------------------------------

    def before(self, q: QuoteSpan, boundary: int) -> tuple[Speaker | None, Token, int] | None:
        toks = [t for t in self._tokens(boundary, q.open_mark) if not t.is_space]
        if not toks or toks[-1].text not in (":", ","):
            return None
        # Back to the start of this sentence.
        start = 0
        for k in range(len(toks) - 2, -1, -1):
            if toks[k].text in _END_PUNCT:
                start = k + 1
                break
        clause = toks[start:-1][-40:]
        verbs = [t for t in clause if self.is_speech_verb(t)]
        if not verbs:
            return None
        verb = verbs[-1]
        subject = self._subject(verb) if self.has_parse else None
        before_verb = _until_comma_back([t for t in clause if t.i < verb.i])
        if subject is not None and subject.idx >= clause[0].idx:
            phrase: list[Token] = list(self.doc[subject.left_edge.i: subject.i + 1])
        else:
            phrase = _noun_phrase_after([t for t in clause if t.i > verb.i]) or before_verb
        speaker = self.resolver.from_tokens(phrase, verb=verb)
        if subject is not None and (speaker is None or speaker.ref is None or speaker.method == "descriptor"):
            # 'The Harbour manager, Ivo Brandt, said:': the name in apposition to the subject.
            for child in subject.children:
                if child.dep_ == "appos":
                    appos = list(self.doc[child.left_edge.i: child.i + 1])
                    named = self.resolver.from_tokens(appos, strict=True)
                    if named is not None and named.ref is not None:
                        speaker = named
                        break
        if (speaker is None or speaker.ref is None) and before_verb and phrase != before_verb:
            # The parse picked a stray subject ("vice-chairman" split at its hyphen):
            # the words right before the verb name the speaker.
            speaker = self.resolver.from_tokens(before_verb, verb=verb) or speaker
        return speaker, verb, clause[0].idx

    # --- attributions without a verb: a label before, a credit after ------

    def label(self, q: QuoteSpan) -> Speaker | None:
        """``Harbour boss Ivo Brandt: "…"`` at the start of the quotation's paragraph."""
        para_start = self.paras[self.para_of(q.open_mark)][0]
        if para_start >= q.open_mark:
            return None
        return cues.label(self.resolver, self._tokens(para_start, q.open_mark))

    def credit(self, q: QuoteSpan, limit: int) -> tuple[Speaker | None, Token | None, int] | None:
        """``"…" – Ivo Brandt on the defeat``: a dash and a name after the closing mark."""
        if q.close_mark is None:
            return None
        toks = [t for t in self._tokens(q.after, limit) if not (t.is_space and "\n" not in t.text)]
        toks = toks[:next((i for i, t in enumerate(toks) if "\n" in t.text), len(toks))]
        found = cues.credit(self.resolver, toks)
        if found is None:
            return None
        speaker, last = found
        return speaker, None, last.idx + len(last)

    def headline_speaker(self) -> Speaker | None:
        """The person a headline names as speaking ("Brandt says …", "Brandt: '…'"), found once."""
        if self._headline is None:
            speaker = None
            if len(self.paras) > 1:
                h_start, h_end = self.paras[0]
                if self.text[h_end - 1:h_end] not in (".", "!", "?"):
                    speaker = cues.headline(self.resolver, self._tokens(h_start, h_end))
            self._headline = (speaker,)
        return self._headline[0]

    def _subject(self, verb: Token) -> Token | None:
        # A participle ("..., saying:") or a conjunct shares its head's subject.
        for head in (verb, verb.head) if verb.dep_ in ("conj", "xcomp", "advcl") else (verb,):
            for child in head.children:
                if child.dep_ == "nsubj":
                    if child.lower_ in ("who", "that") and head.dep_ == "relcl":
                        return head.head
                    return child
        return None

    # --- the speech verb that governs an embedded quotation ---------------

    def governor(self, q: QuoteSpan) -> tuple[Speaker | None, Token] | None:
        if not self.has_parse:
            return None
        s, e = q.segments[0]
        inner = self._tokens(s, e)
        if not inner:
            return None
        inside = {t.i for t in inner}
        for tok in inner:
            if tok.head.i in inside and tok.head.i != tok.i:
                continue
            node = tok.head
            for _ in range(5):
                if node.i in inside or node.sent.start != tok.sent.start:
                    break
                if self.is_speech_verb(node):
                    subject = self._subject(node)
                    if subject is None or subject.i in inside:
                        return None
                    phrase = list(self.doc[subject.left_edge.i: subject.i + 1])
                    return self.resolver.from_tokens(phrase), node
                if node.head.i == node.i:
                    break
                node = node.head
        return None

    # --- all quotations ---------------------------------------------------

    def run(self) -> list[Found]:
        out: list[Found] = []
        prev: Found | None = None
        for n, q in enumerate(self.spans):
            found = self._one(q, n, prev)
            if found is None:
                continue
            if found.speaker is not None and found.speaker.ref is not None:
                self.resolver.spoke(found.speaker.ref, found.span.after)
            out.append(found)
            prev = found
        return out

    def _one(self, q: QuoteSpan, n: int, prev: Found | None) -> Found | None:
        text = self.text
        p_first = self.para_of(q.open_mark)
        p_last = self.para_of(q.end)
        para_start = self.paras[p_first][0]
        if _EMBED.search(text[para_start:self.paras[p_last][1]]):
            return None
        next_open = self.spans[n + 1].open_mark if n + 1 < len(self.spans) else len(text)
        limit = min(next_open, self.paras[p_last][1])
        same_para_prev = prev is not None and self.para_of(prev.span.end) == p_first
        boundary = max(para_start, prev.tail) if prev is not None and same_para_prev else para_start
        lead = text[boundary:q.open_mark].rstrip()
        ctx = lead[-1:] if lead else ""
        quote_text = q.joined(text)
        words = len(quote_text.split())
        penalty = 1.0 if q.close_mark is not None else 0.8

        after = self.after(q, limit) or self.credit(q, limit)
        # After a comma, only a quote that starts like a sentence is direct:
        # "..., Smith said, "We..." but not "a tackle which, "could have...".
        before = self.before(q, boundary) if ctx == ":" or (ctx == "," and quote_text[:1].isupper()) else None
        starts_sentence = ctx == "" or ctx in _END_PUNCT or ctx in '"”’' or ctx == ":"
        if after is not None and not starts_sentence and not quote_text[:1].isupper():
            after = None  # "called him "a disgrace", Smith added:" - the verb is not about this quote
        if after is None and before is None and not starts_sentence:
            # Embedded in a sentence: a partial quote, a title, or scare quotes.
            if words <= 2 or is_title(quote_text):
                return None
            gov = self.governor(q)
            if gov is None:
                return Found(q, "partial", None, None, 0.3 * penalty, q.after, "none")
            speaker, verb = gov
            conf = 0.7 if speaker is not None and speaker.ref is not None else 0.3
            return Found(q, "partial", speaker, verb, conf * penalty, q.after, "governor")
        if after is not None:
            speaker, after_verb, tail = after
            return Found(q, "direct", speaker, after_verb, _conf(speaker, 0.9) * penalty, tail, "after")
        if before is not None:
            speaker, before_verb, _ = before
            return Found(q, "direct", speaker, before_verb, _conf(speaker, 0.9) * penalty, q.after, "before")
        labelled = self.label(q) if ctx == ":" else None
        if labelled is not None:
            return Found(q, "direct", labelled, None, 0.85 * penalty, q.after, "label")
        if prev is not None and same_para_prev and not _has_words(text[prev.tail:q.open_mark]):
            return Found(q, "direct", prev.speaker, prev.verb, prev.confidence * 0.95, q.after, "inherit")
        if (
            prev is not None
            and q.open_mark == para_start
            and self.para_of(prev.span.end) == p_first - 1
            and not _has_words(text[prev.tail:self.paras[p_first - 1][1]])
        ):
            return Found(q, "direct", prev.speaker, prev.verb, prev.confidence * 0.9, q.after, "continue")
        if words <= 2 or is_title(quote_text):
            return None
        if q.open_mark == para_start and p_first > 0:
            lead_in = self.lead_in(p_first - 1)
            if lead_in is not None:
                speaker, verb = lead_in
                return Found(q, "direct", speaker, verb, 0.6 * penalty, q.after, "lead-in")
            told = self.headline_speaker()
            last = self.resolver.last_speaker
            if told is not None and told.ref is not None and (last is None or last.key == told.ref.key):
                # The headline said who speaks, and nobody else has spoken yet.
                return Found(q, "direct", told, None, 0.55 * penalty, q.after, "headline")
        return Found(q, "direct", None, None, 0.3 * penalty, q.after, "none")

    def lead_in(self, p_index: int) -> tuple[Speaker, Token] | None:
        """A paragraph ending "Smith insists he has faith in the keeper." introduces the next quote."""
        if not self.has_parse:
            return None
        p_start, p_end = self.paras[p_index]
        toks = self._tokens(p_start, p_end)
        if not toks:
            return None
        sent = toks[-1].sent
        if sent.start_char < p_start or any(c in sent.text for c in '"“”'):
            return None
        for tok in sent:
            if not self.is_speech_verb(tok) or tok.lower_ in ("told", "asked"):
                continue
            subject = self._subject(tok)
            if subject is None or subject.i > tok.i:
                continue
            speaker = self.resolver.from_tokens(list(self.doc[subject.left_edge.i: subject.i + 1]))
            if speaker is not None and speaker.ref is not None and speaker.ref.kind == "person":
                return speaker, tok
        return None


def _conf(speaker: Speaker | None, base: float) -> float:
    if speaker is None or speaker.ref is None:
        return 0.3
    return base if speaker.method == "name" else base - 0.15


def _has_words(text: str) -> bool:
    return any(c.isalnum() for c in text)


# Words between a speaker and a speech verb that say nothing about who it is
# ("the Arsenal boss is quoted as saying", "Smith has since told").
_VERB_GLUE = frozenset({"is", "was", "has", "had", "have", "quoted", "as", "reportedly", "later", "also",
                        "then", "since", "once", "again", "further", "simply", "only", "just"})


def _until_comma(tokens: Sequence[Token]) -> list[Token]:
    out: list[Token] = []
    for t in tokens:
        if t.text == ",":
            break
        out.append(t)
    while out and out[-1].lower_ in _VERB_GLUE:
        out.pop()
    return out


def _until_comma_back(tokens: Sequence[Token]) -> list[Token]:
    out: list[Token] = []
    for t in reversed(tokens):
        if t.text == ",":
            break
        out.append(t)
    out.reverse()
    # "Ivo Brandt was quoted as [saying]": the words that glue a name to its verb.
    while out and out[-1].lower_ in _VERB_GLUE:
        out.pop()
    return out


def _noun_phrase_after(tokens: Sequence[Token]) -> list[Token]:
    """The noun phrase right after an inverted speech verb: "said [Spain coach Luis Aragones], who"."""
    out: list[Token] = []
    for t in tokens:
        if (t.is_punct and t.text not in ("-", "'", "’")) or t.pos_ in ("ADP", "VERB", "AUX", "SCONJ"):
            break
        if t.lower_ in ("reporters", "journalists") or len(out) >= 8:
            break
        out.append(t)
    return out
