"""A ``Matcher`` that tries a pattern only on the sentences holding its anchor words.

spaCy's ``Matcher`` starts every pattern at every token: with the ten thousand
flat patterns the rule records expand to, nearly all the time went into
patterns whose verb or noun the sentence does not even contain.  Each flat
pattern here gets an anchor, the words of one of its required elements (the
rarest-looking: a verb list rather than a team placeholder or a comma), and
a second anchor from another required element; patterns are grouped by their
anchors.  A sentence runs only the groups both of whose anchors it holds, so
what is matched is exactly what one big ``Matcher`` finds within sentences; a
rule never spans two sentences.

Long gaps (``{1,16}``) make spaCy keep a state per length; they are matched as
``+``/``*`` and their bound checked on the alignment afterwards.

Each call of a group's ``Matcher`` costs about as much as twenty patterns tried
in it (spaCy makes a ``Token`` of every word of the sentence, twice, per call),
and most groups a sentence selects by their two anchors cannot match it: a
group runs only when one of its patterns has every required word of the
sentence, in the pattern's order.  A pattern cannot match without them, so
this finds what running the group finds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from spacy.attrs import LOWER, ORTH, SENT_START
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

# Words nearly every sentence holds: an anchor made of them picks out nothing.
_COMMON = frozenset({
    ",", ".", "-", "'s", "(", ")", '"', "the", "a", "an", "to", "of", "in", "and", "for", "on", "at",
    "with", "by", "as",
    "his", "their", "it", "he", "they", "was", "is", "has", "had", "have", "be", "from", "that", "who",
})
# Gaps bounded above by more than this are matched unbounded and checked after.  Not shorter
# ones: with two gaps in a pattern the one alignment spaCy reports may break a bound another
# alignment keeps.
_LONG_GAP = 4

Match = tuple[int, int, int, list[int]]
# A pattern's required words, in its order: each a set of ORTH/LOWER hashes one of which a
# token must have.
Needs = tuple[frozenset[int], ...]
_SEEN_LIMIT = 4096  # windows whose matches are kept (one article has far fewer)


def is_required(spec: dict[str, Any]) -> bool:
    op = spec.get("OP")
    if op is None or op == "+":
        return True
    if isinstance(op, str) and op.startswith("{"):
        low = op[1:-1].split(",")[0]
        return bool(low) and int(low) >= 1
    return False


def words_of(spec: dict[str, Any]) -> frozenset[str] | None:
    """The words one of which a token must be to match ``spec``, if it names them."""
    found: frozenset[str] | None = None
    for attr in ("ORTH", "LOWER", "TEXT", "NORM"):
        value = spec.get(attr)
        if isinstance(value, str):
            words = frozenset({value})
        elif isinstance(value, dict) and isinstance(value.get("IN"), list):
            words = frozenset(str(v) for v in value["IN"])
        else:
            continue
        if attr == "LOWER":
            words = frozenset(w.lower() for w in words)
        found = words if found is None or len(words) < len(found) else found
    return found


def _cost(words: frozenset[str]) -> int:
    # a placeholder (a team, a score) is in most sentences, a common word in nearly all
    return sum(100 if w in _COMMON else 20 if w.startswith("__") else 1 for w in words)


def anchors(tokens: list[dict[str, Any]], most: int = 2) -> tuple[frozenset[str], ...]:
    """The word sets of the pattern's ``most`` most selective required elements, rarest first:
    a sentence can match only if it holds a word of each."""
    options = {w for spec in tokens if is_required(spec) and (w := words_of(spec)) is not None}
    return tuple(sorted(options, key=lambda w: (_cost(w), sorted(w)))[:most])


def _unbounded(tokens: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[int, tuple[int, int]]]:
    """The pattern with long ``{n,m}`` gaps made ``+``/``*``, and the bounds to check per element."""
    out: list[dict[str, Any]] = []
    bounds: dict[int, tuple[int, int]] = {}
    for k, spec in enumerate(tokens):
        op = spec.get("OP")
        if isinstance(op, str) and op.startswith("{") and "," in op:
            low, high = (int(x) if x else -1 for x in op[1:-1].split(","))
            if high > _LONG_GAP and low <= 1:
                spec = {**spec, "OP": "+" if low == 1 else "*"}
                bounds[k] = (max(low, 0), high)
        out.append(spec)
    return out, bounds


class AnchoredMatcher:
    """``add`` flat patterns by key; calling it on a Doc gives (key id, start, end, alignment)
    like ``Matcher(..., with_alignments=True)`` restricted to single sentences."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._pending: dict[tuple[frozenset[str], ...], list[tuple[str, list[dict[str, Any]]]]] = {}
        self._groups: list[Matcher] = []
        self._needs: list[tuple[frozenset[int], ...]] = []  # per group: the hashes of its anchors
        self._by_word: dict[int, list[int]] = {}
        self._always: list[int] = []
        # per group: each pattern's required words (none when a pattern requires no word:
        # the group then always runs)
        self._orders: list[tuple[Needs, ...] | None] = []
        self._bounds: dict[int, dict[int, tuple[int, int]]] = {}
        self._seen: dict[tuple[bytes, bytes], list[Match]] = {}

    def add(self, key: str, tokens: list[dict[str, Any]]) -> None:
        tokens, bounds = _unbounded(tokens)
        if bounds:
            self._bounds[self.vocab.strings.add(key)] = bounds
        self._pending.setdefault(anchors(tokens), []).append((key, tokens))
        self._groups = []  # rebuilt by ``build`` or on the next call

    def build(self) -> None:
        """Compile the groups (done once, at load, rather than on the first article)."""
        self._groups, self._needs, self._by_word, self._always = [], [], {}, []
        self._orders, self._seen = [], {}
        strings = self.vocab.strings
        for words, patterns in self._pending.items():
            matcher = Matcher(self.vocab)
            orders: set[Needs] = set()
            for key, tokens in patterns:
                matcher.add(key, [tokens], greedy="LONGEST")
                orders.add(tuple(frozenset(strings.add(w) for w in ws) for ws in _required_words(tokens)))
            gid = len(self._groups)
            self._groups.append(matcher)
            self._orders.append(None if () in orders else tuple(sorted(orders, key=len)))
            needs = tuple(frozenset(strings.add(w) for w in ws) for ws in words)
            self._needs.append(needs)
            if not needs:
                self._always.append(gid)
            for h in needs[0] if needs else ():
                self._by_word.setdefault(h, []).append(gid)

    def __call__(self, doc: Doc) -> list[Match]:
        if not self._groups and self._pending:
            self.build()
        words = doc.to_array([ORTH, LOWER, SENT_START])
        out: list[Match] = []
        for sent in _windows(doc):
            rows = words[sent.start:sent.end]
            # the patterns test only ORTH, LOWER (hence TEXT) and IS_SENT_START: a window with the
            # same words and sentence starts has the same matches (an article is read again when
            # a coach's team or a new club is learned, and most of its sentences did not change;
            # the tl_events component calls ``forget`` before each article)
            seen = (rows[:, 0].tobytes(), rows[:, 2].tobytes())
            found = self._seen.get(seen)
            if found is None:
                found = self._match(sent, cast(list[list[int]], rows[:, :2].tolist()))
                if len(self._seen) >= _SEEN_LIMIT:
                    self._seen.clear()
                self._seen[seen] = found
            out += [(key, start + sent.start, end + sent.start, align) for key, start, end, align in found]
        out.sort(key=lambda m: (m[1], -m[2]))
        return out

    def forget(self) -> None:
        """Drop the windows kept: they serve the readings of one article (kept across articles,
        a benchmark reading the same texts twice would time the second pass on kept windows)."""
        self._seen = {}

    def _match(self, sent: Any, words: list[list[int]]) -> list[Match]:
        """The window's matches, offsets relative to it (``words``: each token's ORTH and LOWER)."""
        present = {h for pair in words for h in pair}
        groups = set(self._always)
        for h in present:
            for gid in self._by_word.get(h, []):
                if gid not in groups and all(not present.isdisjoint(n) for n in self._needs[gid][1:]):
                    groups.add(gid)
        found: list[Match] = []
        for gid in sorted(groups):
            orders = self._orders[gid]
            if orders is not None and not any(_in_order(needs, words, present) for needs in orders):
                continue  # no pattern of the group has its words here (see the module's doc)
            for key, start, end, align in self._groups[gid](sent, with_alignments=True):  # type: ignore[misc]
                if self._within_bounds(key, align):
                    found.append((key, start, end, align))
        return found

    def _within_bounds(self, key: int, align: Iterable[int]) -> bool:
        bounds = self._bounds.get(key)
        if not bounds:
            return True
        counts: dict[int, int] = {}
        for element in align:
            counts[element] = counts.get(element, 0) + 1
        return all(low <= counts.get(k, 0) <= high for k, (low, high) in bounds.items())


def _required_words(tokens: list[dict[str, Any]]) -> list[frozenset[str]]:
    """The word sets of the pattern's required elements, in order (an element may read several
    tokens, each a word of its set; the next element starts after them)."""
    return [w for spec in tokens if is_required(spec) and (w := words_of(spec)) is not None]


def _in_order(needs: Needs, words: list[list[int]], present: set[int]) -> bool:
    """Whether the window holds a word of each of ``needs``, each after the one before."""
    if not all(not present.isdisjoint(n) for n in needs):
        return False
    i, n = 0, len(words)
    for need in needs:
        while i < n and words[i][0] not in need and words[i][1] not in need:
            i += 1
        if i == n:
            return False
        i += 1
    return True


def _windows(doc: Doc) -> Iterable[Any]:
    """The sentences, a piece the parser cut off mid-sentence ("..., | who poked it in.") joined
    back to the sentence before it."""
    start = 0
    for sent in doc.sents:
        first = sent[0]
        if sent.start > start and not (first.is_lower and first.is_alpha):
            yield doc[start:sent.start]
            start = sent.start
    if start < len(doc):
        yield doc[start:len(doc)]
