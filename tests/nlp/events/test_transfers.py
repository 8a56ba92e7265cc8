"""Transfers read from the phrasings of transfer copy (own sentences, invented people and clubs).

The record examples in ``transfers.jsonl`` test each phrasing alone; these tests hold
the family together: where a move comes from and whether it is a loan (read after the
statement), the buying club of a list of arrivals, talk of a move that is no move.
"""

from __future__ import annotations

import pytest
from events_helpers import of_kind, run
from spacy.language import Language

VERHOEK, FERRAND, OKONJO = "player:tomas-verhoek", "player:luca-ferrand", "player:ade-okonjo"
KALLIO, RUIZ = "player:sami-kallio", "player:pablo-ruiz"
HARBOUR, CASTLEMOOR, EASTVALE = "club:harbour-city", "club:castlemoor", "club:eastvale"
NORTHBRIDGE = "club:northbridge-united"


def transfers(nlp: Language, text: str) -> list[tuple[str, str | None, str | None, str, str | None]]:
    doc = run(nlp, text, "2025-03-10")
    return sorted((e["fields"]["player"], e["fields"]["from_club"], e["fields"]["to_club"],
                   e["fields"]["status"], e["date"]) for e in of_kind(doc, "transfer"))


@pytest.fixture(params=["parsed", "rule-only"])
def pipe(request: pytest.FixtureRequest, nlp: Language, blank_nlp: Language) -> Language:
    return nlp if request.param == "parsed" else blank_nlp


def test_club_signs_player_of_another_club(pipe: Language) -> None:
    found = transfers(pipe, "Harbour City have signed Castlemoor striker Tomas Verhoek for £12m.")
    assert found == [(VERHOEK, CASTLEMOOR, HARBOUR, "completed", "2025-03-10")]


def test_season_long_loan_and_its_lender(pipe: Language) -> None:
    found = transfers(pipe, "Ade Okonjo has joined Eastvale on a season-long loan from Northbridge United.")
    assert found == [(OKONJO, NORTHBRIDGE, EASTVALE, "loan", "2025-03-10")]


def test_a_list_of_arrivals_goes_to_the_club_named_before_it(pipe: Language) -> None:
    text = ("Verhoek is the fourth signing made by Harbour City this summer, following the arrivals of "
            "former Eastvale captain Luca Ferrand for £4m, Sami Kallio from Castlemoor and Pablo Ruiz.")
    found = transfers(pipe, text)
    assert [(p, f, t, s) for p, f, t, s, _ in found] == [
        (FERRAND, EASTVALE, HARBOUR, "completed"), (RUIZ, None, HARBOUR, "completed"),
        (KALLIO, CASTLEMOOR, HARBOUR, "completed")]


def test_set_to_join_is_a_rumour_only(pipe: Language) -> None:
    found = transfers(pipe, "Tomas Verhoek is set to join Castlemoor next month.")
    assert [(p, t, s) for p, _, t, s, _ in found] == [(VERHOEK, CASTLEMOOR, "rumour")]


def test_a_career_told_later_has_no_day(pipe: Language) -> None:
    found = transfers(pipe, "Pablo Ruiz played two seasons with Castlemoor before transferring to Eastvale.")
    assert found == [(RUIZ, None, EASTVALE, "completed", None)]


@pytest.mark.parametrize("text", [
    "Tomas Verhoek made a winning return to Castlemoor.",
    "Harbour City brought back Tomas Verhoek after a hamstring injury.",
    "Luca Ferrand has signed a new three-year deal with Northbridge United.",
    "Harbour City want to sign Tomas Verhoek.",
    "The arrival of Luca Ferrand off the bench changed the game.",
])
def test_no_transfer(pipe: Language, text: str) -> None:
    assert transfers(pipe, text) == []
