"""The strings a time pattern cannot match without, to skip it on texts that lack them.

Running every pattern of ``data/time/patterns.jsonl`` over every article was most of
the time tagger's cost: Python's regular expression engine tries a pattern at every
character, and most patterns have no match in most articles ("the 20th century",
"nineteen ninety-six", "every Saturday").  Each pattern is parsed once, with the parser
the ``re`` module compiles it with, for what any match must contain: "ago" or
"earlier", one of the month names, "19" or "20" before two more digits.  A text that
holds no string of one of those requirements cannot match, so skipping the pattern
there finds exactly what running it finds.

The test is on the lower-cased text.  Python's case-insensitive matching also lets
four non-ASCII letters stand for ASCII ones (dotted and dotless I, the long S and the
Kelvin sign) that lower-casing does not turn into them: a text holding one of those
runs every pattern.
"""

from __future__ import annotations

import re
from typing import Any

# re's own parser: the requirements are read from the same tree the pattern is compiled
# from, so a parse that fails (or a future ``re`` that moves it) only turns the test off.
try:
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Python versions
    _p = _c = None

Requirement = frozenset[str]  # a match contains at least one of these strings (lower-cased)

# Non-ASCII letters that match an ASCII one under re.IGNORECASE or lower-case to one
# (tests/nlp/time/test_prefilter.py checks the list against every code point).
UNSAFE = "\u0130\u0131\u017f\u212a"  # İ ı ſ and the Kelvin sign
_UNSAFE = re.compile(f"[{UNSAFE}]")
_CAP = 64  # strings followed per run of fixed text ("jan"/"feb"/... times "uary"/...)
_MOST = 3  # requirements tested per pattern: the most selective ones


def requirements(pattern: str, flags: int = 0) -> tuple[Requirement, ...]:
    """What every match of ``pattern`` contains, most selective first; () when nothing is known."""
    if _p is None:
        return ()
    try:
        exact, needs = _sequence(_p.parse(pattern, flags))
    except Exception:  # an unknown construct: no test, the pattern always runs
        return ()
    if exact is not None:
        needs = [*needs, exact]
    # a one-character string is in nearly every text: such a requirement tells nothing
    kept = {frozenset(_shortest(n)) for n in needs if n and min(len(s) for s in n) >= 2}
    # ties in their order of the strings, so the same requirements are tested in every run
    return tuple(sorted(sorted(kept, key=sorted), key=_selectivity, reverse=True)[:_MOST])


def may_match(needs: tuple[Requirement, ...], lowered: str) -> bool:
    """False when ``lowered`` (a text lower-cased) lacks every string of some requirement."""
    return all(any(s in lowered for s in need) for need in needs)


def unsafe(text: str) -> bool:
    """True when lower-casing may hide a case-insensitive match in ``text`` (see above)."""
    return _UNSAFE.search(text) is not None


def _selectivity(need: Requirement) -> tuple[int, int]:
    return min(len(s) for s in need), -len(need)


def _shortest(strings: frozenset[str]) -> list[str]:
    # "day" in the text already says "days" may be: keep the shorter string only
    keep: list[str] = []
    for s in sorted(strings, key=len):
        if not any(k in s for k in keep):
            keep.append(s)
    return keep


def _char(code: int) -> str | None:
    # Only ASCII: case folding of other letters is not what str.lower() does.
    ch = chr(code)
    return ch.lower() if ch.isascii() else None


def _sequence(items: Any) -> tuple[frozenset[str] | None, list[Requirement]]:
    """(every string the sequence can match, when few and known; else None) and what it requires."""
    needs: list[Requirement] = []
    run: set[str] = {""}  # the fixed text read since the last element that is not fixed
    fixed = True

    def close() -> None:
        if "" not in run:
            needs.append(frozenset(run))

    for op, av in items:
        exact, inner = _element(op, av)
        if exact is not None:
            joined = {a + b for a in run for b in exact}
            if len(joined) <= _CAP:
                run = joined
                continue
            close()
            run, fixed = set(exact), False
            continue
        close()
        run, fixed = {""}, False
        needs.extend(inner)
    if fixed:
        return frozenset(run), needs
    close()
    return None, needs


def _element(op: Any, av: Any) -> tuple[frozenset[str] | None, list[Requirement]]:
    c = _c
    if op is c.LITERAL:
        ch = _char(av)
        return (frozenset({ch}), []) if ch is not None else (None, [])
    if op is c.IN:
        chars = set()
        for sub, value in av:
            ch = _char(value) if sub is c.LITERAL else None
            if ch is None:  # a range, a class or a negation: not a few fixed characters
                return None, []
            chars.add(ch)
        return frozenset(chars), []
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):  # zero width: adds no text
        return frozenset({""}), []
    if op is c.SUBPATTERN:
        return _sequence(av[-1])
    if op is c.BRANCH:
        return _branch(av[1])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, high, sub = av
        exact, inner = _sequence(sub)
        if low == high == 1:
            return exact, inner
        if low == 0 and high == 1 and exact is not None:
            return exact | {""}, []
        if low >= 1:
            return None, [*inner, *([exact] if exact is not None and "" not in exact else [])]
    return None, []  # a back-reference, a conditional, an optional part: requires nothing


def _branch(alternatives: Any) -> tuple[frozenset[str] | None, list[Requirement]]:
    read = [_sequence(alt) for alt in alternatives]
    if all(exact is not None for exact, _ in read):
        union = frozenset().union(*(exact for exact, _ in read if exact is not None))
        if len(union) <= _CAP:
            return union, []
    # each alternative requires something: one of those is in every match
    either: set[str] = set()
    for exact, inner in read:
        options: list[Requirement] = [n for n in [*inner, *([exact] if exact is not None else [])]
                                      if n and "" not in n]
        if not options:
            return None, []
        best: Requirement = max(options, key=_selectivity)
        either |= best
    return None, [frozenset(either)]
