"""The expected return of an injured player, read from the time his injury's sentence gives."""

from __future__ import annotations

from datetime import date

import pytest
from events_helpers import of_kind, run
from spacy.language import Language

from touchline.nlp.events.returns import day_after, day_of_time, expected_return

REPORT = date(2024, 11, 8)


def back(nlp: Language, text: str) -> str | None:
    doc = run(nlp, text, REPORT.isoformat())
    return expected_return(next(iter(doc.sents)), doc._.tl_timexes, REPORT)


@pytest.mark.parametrize(("text", "expected"), [
    ("Tomas Verhoek will be out for at least three weeks after tearing a thigh muscle.", "2024-11-29"),
    ("Verhoek will be sidelined for two to three weeks with a calf strain.", "2024-11-29"),
    ("Ade Okonjo is sidelined until January with a knee injury.", "2025-01-01"),
    ("Okonjo will miss the rest of the season with a broken leg.", "2025-07-01"),
    ("Luca Ferrand is expected back in March after ankle surgery.", "2025-03-01"),
])
def test_a_time_of_return_is_read(nlp: Language, text: str, expected: str) -> None:
    assert back(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "Verhoek has been out for three weeks with a hamstring strain.",  # time already spent out
    "It is unclear whether Okonjo will be back in March.",  # wondered, not expected
    "Ferrand hurt his knee in January.",  # when it happened
    "Verhoek played for three seasons at Harbour City.",  # no return at all
])
def test_no_return_where_the_sentence_gives_none(nlp: Language, text: str) -> None:
    assert back(nlp, text) is None


def test_the_readers_alone() -> None:
    assert day_after("P3W", REPORT) == date(2024, 11, 29)
    assert day_after("P2M", REPORT) == date(2025, 1, 7)
    assert day_after("2025-01", REPORT) is None
    assert day_of_time("2025-03", "March", REPORT) == date(2025, 3, 1)
    assert day_of_time("2024-08/2025-05", "the rest of the season", REPORT) == date(2025, 7, 1)


def test_the_injury_carries_it(nlp: Language) -> None:
    doc = run(nlp, "Tomas Verhoek will be out for three weeks with a hamstring strain.", "2024-11-08")
    [hurt] = of_kind(doc, "injury")
    assert hurt["fields"]["expected_return"] == "2024-11-29"
