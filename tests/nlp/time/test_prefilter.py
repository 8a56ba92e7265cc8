"""The time patterns' shortcuts change nothing: the prefilter skips a pattern only on texts where it
has no match, and word lists grouped by first letter match what the plain lists match."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from touchline.nlp.time import recognise
from touchline.nlp.time.lexicon import LEXICON, PATTERNS
from touchline.nlp.time.prefilter import UNSAFE, may_match, requirements, unsafe

ROOT = Path(__file__).resolve().parents[3]


def test_what_a_pattern_requires() -> None:
    assert requirements(r"\b(?:ago|earlier)\b", re.I) == (frozenset({"ago", "earlier"}),)
    # a run of fixed text is read whole across the alternatives inside it
    assert requirements(r"the\s+(?:mon|tues)day", re.I) == (frozenset({"monday", "tuesday"}),
                                                             frozenset({"the"}))
    # an optional part, a class or a one-character string requires nothing
    assert requirements(r"(?:last\s+)?\d+", re.I) == ()
    assert requirements(r"[a-z]+s", re.I) == ()
    # an alternative that requires nothing makes the whole choice require nothing
    assert requirements(r"(?:ago|\d+)", re.I) == ()
    # each alternative requires its own word: one of them is in every match
    assert requirements(r"(?:\d+\s+ago|yesterday)", re.I) == (frozenset({"ago", "yesterday"}),)
    # a repeated group requires what one repetition requires
    assert set(requirements(r"(?:very\s+)+late", re.I)) == {frozenset({"very"}), frozenset({"late"})}


def test_the_lower_cased_text_must_hold_every_requirement() -> None:
    needs = requirements(r"\b(?P<n>\d+)\s+years?\s+ago\b", re.I)
    assert may_match(needs, "two years ago")
    assert not may_match(needs, "two years later")


def _folding_letters() -> set[str]:
    ascii_alnum = re.compile("[a-z0-9]", re.I)
    out = set()
    for code in range(128, 0x110000):
        ch = chr(code)
        if ascii_alnum.match(ch) or any(ord(c) < 128 for c in ch.lower()):
            out.add(ch)
    return out


def test_the_unsafe_letters_are_every_one_that_folds_to_ascii() -> None:
    # the letters for which str.lower() and re.IGNORECASE disagree about ASCII
    assert set(UNSAFE) == _folding_letters()
    assert unsafe("Kadıköy") and unsafe("\u212a") and not unsafe("Kane, Fenerbahçe")


def _texts() -> Iterator[str]:
    for entry in PATTERNS:
        yield entry.get("note", "")
    gold = ROOT / "eval" / "time" / "bbc_football_timex.jsonl"
    for line in gold.read_text(encoding="utf-8").splitlines():
        yield json.loads(line)["expression"]
    for folder in (ROOT / "tests" / "fixtures" / "articles", ROOT / "examples" / "articles"):
        for path in sorted(folder.glob("*.txt")):
            yield path.read_text(encoding="utf-8")


@pytest.mark.parametrize("text", list(_texts()))
def test_every_match_holds_its_patterns_requirements(text: str) -> None:
    for _order, rule, pattern, needs in recognise._COMPILED:
        for m in pattern.finditer(text):
            if m.end() > m.start():
                assert may_match(needs, m.group(0).lower()), (rule, m.group(0), needs)


def _everywhere(text: str) -> list[recognise.Candidate]:
    saved = recognise.unsafe
    recognise.unsafe = lambda _text: True  # type: ignore[assignment]
    try:
        return recognise.candidates(text)
    finally:
        recognise.unsafe = saved


WORDS = sorted({w for key in ("months", "weekdays", "units", "numbers", "refs", "season_words")
                for w in LEXICON[key]} | {"ago", "last", "next", "the", "of", "year", "on", "at", "8pm",
                                          "2-1", "1999", "2024-25", "21st", "century", ",", ".", "’s"})


# digits, separators and the letters that fold to ASCII (see test above)
BITS = st.text(alphabet="0123456789-/.: az\u0130\u0131\u017f\u212a", max_size=4)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), BITS), max_size=25), st.booleans())
def test_it_finds_what_every_pattern_run_everywhere_finds(words: list[str], title: bool) -> None:
    text = " ".join(w.title() if title else w for w in words)
    assert recognise.candidates(text) == _everywhere(text)


PLAIN = recognise._compile(by_first=False)


def _matches(compiled: list[Any], text: str) -> list[tuple[str, tuple[int, int], dict[str, str | None]]]:
    return [(rule, m.span(), m.groupdict())
            for _o, rule, pattern, _n in compiled for m in pattern.finditer(text)]


def test_a_word_list_is_grouped_by_first_letter_in_its_order() -> None:
    assert recognise._alt(["a", "an", "a few", "one"]) == "(?:(?-i:[Aa])(?:\\s+few|n|)|(?-i:[Oo])(?:ne))"
    assert recognise._first("s") == "(?-i:[Ss\u017f])" and recognise._first("k") == "(?-i:[Kk\u212a])"


@pytest.mark.parametrize("text", list(_texts()))
def test_grouped_word_lists_match_what_plain_lists_match(text: str) -> None:
    assert _matches(recognise._COMPILED, text) == _matches(PLAIN, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), BITS), max_size=25),
       st.sampled_from([str.title, str.upper, str]))
def test_grouped_word_lists_match_the_same_in_any_text(words: list[str], case: Any) -> None:
    text = " ".join(case(w) for w in words)
    assert _matches(recognise._COMPILED, text) == _matches(PLAIN, text)
