"""The ``tl_sentence_cap`` component: no sentence runs longer than ``max_tokens`` tokens.

It runs right before the parser (in rule-only mode right after the sentencizer
and ``tl_paragraphs``).  Text with no sentence punctuation (a results table
pasted as one line, a run-on list of scores) would otherwise reach the parser
and the rules as one "sentence" of thousands of tokens: its parse means
nothing, and rules that read a sentence once per candidate cost its length
squared (rule-only ``tl_time`` took 31 s on one 22,000-token sentence).  A run
of ``max_tokens`` tokens without a sentence start gets one: after its last
line break, else semicolon or colon, else comma, if that lies in the run's
second half, else simply after ``max_tokens`` tokens.  The default, 200, is
above the longest real sentence we have seen (147 tokens in 255 BBC Sport
football articles, 4,587 sentences), so real prose is never cut.

It also ends a sentence the tokenizer hides: "from Group A. Roma started ..."
("A." is kept as one token, like an initial).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MAX_TOKENS = 200


def _cut_rank(previous_text: str, previous_space: str) -> int:
    """How good a place the point after this token is to start a sentence (0: none)."""
    if "\n" in previous_text or "\n" in previous_space:
        return 3
    if previous_text in (";", ":"):
        return 2
    return 1 if previous_text == "," else 0


class SentenceCap:
    def __init__(self, nlp: Language, name: str, max_tokens: int = DEFAULT_MAX_TOKENS) -> None:
        if max_tokens < 2:
            raise ValueError(f"tl_sentence_cap: max_tokens must be at least 2, not {max_tokens}")
        self.name = name
        self.max_tokens = max_tokens

    def __call__(self, doc: Doc) -> Doc:
        _end_after_group_letter(doc)
        start = 0
        best: tuple[int, int] | None = None  # (rank, token index) of the best cut so far in this run
        for i in range(1, len(doc)):
            token = doc[i]
            if token.is_sent_start:
                start, best = i, None
                continue
            previous = doc[i - 1]
            rank = 0 if token.is_space else _cut_rank(previous.text, previous.whitespace_)
            if rank and i > start + self.max_tokens // 2 and (best is None or rank >= best[0]):
                best = (rank, i)
            if i - start + 1 > self.max_tokens:
                cut = best[1] if best is not None else i
                doc[cut].is_sent_start = True
                start, best = cut, None
        return doc


_GROUP_WORDS = {"group", "pool"}


def _end_after_group_letter(doc: Doc) -> None:
    """ "... advancing from Group A. Roma started early": the letter's full stop ends the sentence
    (the tokenizer keeps "A." as one token, so the parser reads an initial and runs on)."""
    for i in range(1, len(doc) - 1):
        tok = doc[i]
        if len(tok.text) == 2 and tok.text[0].isupper() and tok.text[1] == "." \
                and doc[i - 1].lower_ in _GROUP_WORDS and doc[i + 1].is_title:
            doc[i + 1].is_sent_start = True


@Language.factory("tl_sentence_cap", default_config={"max_tokens": DEFAULT_MAX_TOKENS})
def make_sentence_cap(nlp: Language, name: str, max_tokens: int) -> SentenceCap:
    return SentenceCap(nlp, name, max_tokens)
