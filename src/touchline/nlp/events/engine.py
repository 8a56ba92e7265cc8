"""Runs the rule records over a Doc's sketch and returns hits with their slots filled.

An ``AnchoredMatcher`` holds every flat pattern of every record (a record's pattern
may expand to several, one per alternative); alignments say which pattern
element matched each sketch token, hence which slot it fills.  A hit whose
guards fail is dropped here, so extractors only see readings the rules allow.
Within a family, a hit wholly inside a longer hit of the same family is the
same statement read less fully and is dropped too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span
from spacy.vocab import Vocab

from touchline.nlp.events.anchors import AnchoredMatcher
from touchline.nlp.events.context import Context, Ment
from touchline.nlp.events.rules import Rule, compile_pattern, load_rules
from touchline.nlp.events.sketch import Sketch, build_sketch


@dataclass(frozen=True, slots=True)
class Slot:
    """A filled slot: original tokens [start, end) and the mention or score it holds."""

    name: str
    start: int
    end: int
    mention: Ment | None = None
    score: tuple[int, int] | None = None
    symbol: str | None = None
    mentions: tuple[Ment, ...] = ()  # every mention of a list slot ("A, B and C scored")

    @property
    def entity(self) -> str | None:
        return self.mention.entity if self.mention is not None else None


@dataclass
class Hit:
    """One rule matched: original tokens [start, end), its sentence and slots."""

    rule: Rule
    start: int
    end: int
    sent: Span
    sent_index: int
    slots: dict[str, Slot] = field(default_factory=dict)

    @property
    def family(self) -> str:
        return self.rule.family

    @property
    def confidence(self) -> float:
        return self.rule.confidence

    def get(self, key: str, default: Any = None) -> Any:
        """A constant the rule sets ("outcome": "win")."""
        return self.rule.sets.get(key, default)


Guard = Callable[[Context, Hit], bool]


class RuleBook:
    """Every rule compiled once; ``run`` gives the guarded hits of one Doc."""

    def __init__(self, vocab: Vocab, rules: list[Rule] | None = None,
                 guards: dict[str, Guard] | None = None) -> None:
        from touchline.nlp.events.guards import GUARDS

        self.vocab = vocab
        self.rules = list(rules if rules is not None else load_rules())
        self.guards = dict(guards if guards is not None else GUARDS)
        self.by_id = {r.id: r for r in self.rules}
        self.matcher = AnchoredMatcher(vocab)
        self.slot_maps: dict[str, tuple[Rule, list[str | None]]] = {}
        for rule in self.rules:
            missing = [g for g in rule.guards if g not in self.guards]
            if missing:
                raise KeyError(f"rule {rule.id!r} names unknown guards {missing}")
            try:
                compiled = compile_pattern(rule.pattern)
            except (ValueError, KeyError) as e:
                raise ValueError(f"rule {rule.id!r}: {e}") from None
            for n, (tokens, slots) in enumerate(compiled):
                key = f"{rule.id}#{n}"
                self.slot_maps[key] = (rule, slots)
                self.matcher.add(key, tokens)
        self.matcher.build()

    def run(self, ctx: Context, families: set[str] | None = None, *,
            keep_shadowed: bool = False) -> list[Hit]:
        sketch = build_sketch(ctx, self.vocab)
        raw = self.matcher(sketch.doc)
        sents = list(ctx.doc.sents)
        sent_of = _sentence_index(ctx, sents)
        hits: list[Hit] = []
        for match_id, start, end, align in raw:
            key = self.vocab.strings[match_id]
            rule, slot_names = self.slot_maps[key]
            if families is not None and rule.family not in families:
                continue
            hit = self._hit(ctx, sketch, rule, start, end, align, slot_names, sents, sent_of)
            if hit is not None and all(self.guards[g](ctx, hit) for g in rule.guards):
                hits.append(hit)
        return hits if keep_shadowed else _drop_contained(hits)

    def _hit(self, ctx: Context, sketch: Sketch, rule: Rule, start: int, end: int, align: list[int],
             slot_names: list[str | None], sents: list[Span], sent_of: list[int]) -> Hit | None:
        tok_start, tok_end = sketch.tokens(start, end)
        # the sentence the statement ends in: a name the parser split ("Marta | Quill's men
        # emerged ...") must not put the statement in a one-word sentence
        si = sent_of[tok_end - 1]
        hit = Hit(rule, tok_start, tok_end, sents[si], si)
        grouped: dict[str, list[int]] = {}
        for offset, element in enumerate(align):
            name = slot_names[element]
            if name is not None:
                grouped.setdefault(name, []).append(start + offset)
        for name, units in grouped.items():
            if len(units) > 1:  # a list slot: from its first mention to its last, no separators
                units = _one_list(sketch, units)
            first, last = sketch.units[units[0]], sketch.units[units[-1]]
            single = len(units) == 1
            listed = tuple(u.mention for u in (sketch.units[k] for k in units) if u.mention is not None)
            hit.slots[name] = Slot(name, first.start, last.end, first.mention if single else None,
                                   first.score if single else None, first.symbol if single else None, listed)
        return hit


def _one_list(sketch: Sketch, units: list[int]) -> list[int]:
    """The names of one list: "A, B and C" is one; in "A and B, and C scored" the verb is C's."""
    words = [sketch.doc[k].lower_ for k in units]
    start = 0
    seen_and = False
    for n, w in enumerate(words):
        if w == "and":
            if seen_and and n > 0 and words[n - 1] == ",":
                start = n + 1
            seen_and = True
    kept = units[start:] or units
    named = [k for k in kept if sketch.units[k].mention is not None]
    return named or kept


def _sentence_index(ctx: Context, sents: list[Span]) -> list[int]:
    out = [0] * len(ctx.doc)
    for si, s in enumerate(sents):
        for i in range(s.start, s.end):
            out[i] = si
    return out


def _drop_contained(hits: list[Hit]) -> list[Hit]:
    """Within a family keep the fullest reading: drop a hit inside another's span with fewer slots."""
    hits.sort(key=lambda h: (h.start, -(h.end - h.start), -len(h.slots), -h.confidence))
    kept: list[Hit] = []
    for h in hits:
        shadowed = any(k.family == h.family and k.start <= h.start and h.end <= k.end
                       and (k.start, k.end) != (h.start, h.end) and len(k.slots) >= len(h.slots)
                       for k in kept)
        same_span = any(k.family == h.family and (k.start, k.end) == (h.start, h.end)
                        and len(k.slots) >= len(h.slots) for k in kept)
        if not shadowed and not same_span:
            kept.append(h)
    return kept
