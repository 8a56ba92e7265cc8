"""A ``Matcher`` run only on the stretches of a Doc where one of its patterns can start and end.

spaCy's ``Matcher`` starts every pattern at every token.  The descriptor and
role patterns of ``tl_entities`` ("the former Dortmund midfielder", "head coach
Xabi Alonso") are a few dozen, each opening with a word ("the", a role word) and
no longer than ten tokens, so on a whole article nearly all of that work is
states dropped at their first token.  Here a pattern can start only at a token
holding one of its first words and end within its longest length with a word
of its last required element after it; the Matcher runs on the merged
stretches around those starts.  Every match lies inside one stretch, so what is
found is what the Matcher finds on the whole Doc (only without greedy
filtering, which sees every match of a key at once: patterns added here take
no ``greedy``).
"""

from __future__ import annotations

from typing import Any

from spacy.attrs import LOWER, ORTH
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from touchline.nlp.events.anchors import is_required, words_of


def _longest(tokens: list[dict[str, Any]]) -> int | None:
    """The most tokens the pattern can match; None when unbounded (or an operator not known)."""
    total = 0
    for spec in tokens:
        op = spec.get("OP")
        if op is None or op == "?":
            total += 1
        elif isinstance(op, str) and op.startswith("{") and op.endswith("}"):
            high = op[1:-1].split(",")[-1]
            if not high:
                return None
            total += int(high)
        else:  # "+", "*", "!": unbounded, or not a count of tokens
            return None
    return total


class RegionMatcher:
    """``add`` patterns by key, call on a Doc for (key id, start, end) as ``Matcher(doc)`` gives.

    Falls back to the whole Doc when some pattern has no word to start on or no bound.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.matcher = Matcher(vocab)
        self._first: set[int] = set()  # hashes (ORTH or LOWER) a match can start on
        self._last: set[int] = set()  # hashes one token after the start must hold
        self._open_end = False  # a pattern whose only word is its first: any start will do
        self._length = 0
        self._whole = False

    def add(self, key: str, patterns: list[list[dict[str, Any]]]) -> None:
        self.matcher.add(key, patterns)
        strings = self.vocab.strings
        for tokens in patterns:
            length = _longest(tokens)
            words = [(k, w) for k, spec in enumerate(tokens) if is_required(spec) and (w := words_of(spec))]
            if length is None or not words or words[0][0] != 0 or not is_required(tokens[-1]):
                # no bound, no word to start on, or an optional end (which the end of a
                # stretch could cut short): the whole Doc
                self._whole = True
                continue
            self._length = max(self._length, length)
            self._first |= {strings.add(w) for w in words[0][1]}
            if len(words) == 1:
                self._open_end = True
            else:
                self._last |= {strings.add(w) for w in words[-1][1]}

    def __len__(self) -> int:
        return len(self.matcher)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        if self._whole:
            return list(self.matcher(doc))
        rows = doc.to_array([ORTH, LOWER]).tolist()
        n, length = len(rows), self._length
        last = [i for i, (orth, low) in enumerate(rows) if orth in self._last or low in self._last]
        out: list[tuple[int, int, int]] = []
        start = end = -1
        k = 0  # the first of ``last`` after the start looked at
        for i, (orth, low) in enumerate(rows):
            if orth not in self._first and low not in self._first:
                continue
            while k < len(last) and last[k] <= i:
                k += 1
            if not self._open_end and (k == len(last) or last[k] >= i + length):
                continue  # no word a match must end on within reach
            if i > end:  # a new stretch: run the one before
                if end > start:
                    out += self._run(doc, start, end)
                start = i
            end = min(n, i + length)
        if end > start:
            out += self._run(doc, start, end)
        return out

    def _run(self, doc: Doc, start: int, end: int) -> list[tuple[int, int, int]]:
        found = self.matcher(doc[start:end])
        return [(key, s + start, e + start) for key, s, e in found]
