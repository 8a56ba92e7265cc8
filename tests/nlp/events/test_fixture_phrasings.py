"""Fixtures from the phrasings previews and wire reports use, dated against the report date
(own sentences, invented clubs: see ``events_helpers.ENTITIES``).  28 November 2024 is a Thursday."""

from __future__ import annotations

import pytest
from events_helpers import of_kind, run
from spacy.language import Language

CASTLEMOOR, EASTVALE, HARBOUR, NORTHBRIDGE = (
    "club:castlemoor",
    "club:eastvale",
    "club:harbour-city",
    "club:northbridge-united",
)


def games(nlp: Language, text: str, dct: str = "2024-11-28") -> set[tuple[str, str, str | None]]:
    return {
        (e["fields"]["home"], e["fields"]["away"], e["date"]) for e in of_kind(run(nlp, text, dct), "fixture")
    }


@pytest.fixture(params=["parsed", "rule-only"])
def any_nlp(request: pytest.FixtureRequest, nlp: Language, blank_nlp: Language) -> Language:
    return nlp if request.param == "parsed" else blank_nlp


def test_host_on_a_weekday_is_the_coming_one(any_nlp: Language) -> None:
    assert games(any_nlp, "Castlemoor host Eastvale on Saturday.") == {(CASTLEMOOR, EASTVALE, "2024-11-30")}


def test_visit_makes_the_subject_the_away_side(any_nlp: Language) -> None:
    assert games(any_nlp, "Eastvale visit Castlemoor on Sunday.") == {(CASTLEMOOR, EASTVALE, "2024-12-01")}


def test_travel_to_a_ground_to_play_its_club(any_nlp: Language) -> None:
    found = games(any_nlp, "Northbridge United travel to Gull Park to play Harbour City on Saturday.")
    assert found == {(HARBOUR, NORTHBRIDGE, "2024-11-30")}


def test_face_in_a_round_on_a_date(any_nlp: Language) -> None:
    found = games(any_nlp, "Harbour City face Eastvale in the quarter-finals on 12 March.", "2025-03-01")
    assert found == {(HARBOUR, EASTVALE, "2025-03-12")}


def test_a_weekday_game_ahead_in_a_past_tense_sentence(nlp: Language) -> None:
    # the coach's choice is told in the past, the visit is still to come
    found = games(nlp, "Marta Quill rested Verhoek before Tuesday's visit to Castlemoor.")
    assert found == {(CASTLEMOOR, HARBOUR, "2024-12-03")}


def test_respectively_pairs_days_with_opponents(any_nlp: Language) -> None:
    found = games(
        any_nlp,
        "Verhoek is a doubt for Harbour City's friendlies against Eastvale and Castlemoor "
        "on December 2 and 6 respectively.",
    )
    assert found == {(HARBOUR, EASTVALE, "2024-12-02"), (HARBOUR, CASTLEMOOR, "2024-12-06")}


def test_a_second_pairing_keeps_the_team_and_takes_its_own_day(nlp: Language) -> None:
    found = games(
        nlp,
        "Ferrand could miss Northbridge United's match against Castlemoor on December 7 and "
        "the next Atlantic Cup game against Eastvale on December 11.",
    )
    assert found == {(NORTHBRIDGE, CASTLEMOOR, "2024-12-07"), (NORTHBRIDGE, EASTVALE, "2024-12-11")}


def test_a_game_later_today(any_nlp: Language) -> None:
    found = games(any_nlp, "Castlemoor can reclaim the lead if they beat Eastvale in the late game.")
    assert found == {(CASTLEMOOR, EASTVALE, "2024-11-28")}


def test_a_preview_dates_its_pairing_by_the_stage(nlp: Language) -> None:
    text = (
        "Here is all you need to know ahead of this weekend's Atlantic Cup final.\n\n"
        "Castlemoor v Eastvale will not be a dull game.\n\n"
        "The Atlantic Cup final will take place this Saturday at Gull Park."
    )
    assert games(nlp, text) == {(CASTLEMOOR, EASTVALE, "2024-11-30")}


def test_a_ground_after_the_pairing_names_the_home_side(nlp: Language) -> None:
    found = games(
        nlp,
        "Northbridge United are in form. One of Harbour City's upcoming games against United is "
        "at Bridge Road on April 20.",
        "2025-03-10",
    )
    assert found == {(NORTHBRIDGE, HARBOUR, "2025-04-20")}


@pytest.mark.parametrize(
    "text",
    [
        "Castlemoor hosted Eastvale on Saturday.",
        "Castlemoor's match against Eastvale on Saturday ended 2-2.",
        "Verhoek was hurt during Harbour City's clash with Eastvale on Tuesday.",
        "Harbour City could meet Eastvale in the final.",
        "Castlemoor were at home to Eastvale on Saturday and lost.",
        "Marta Quill praised Verhoek after Tuesday's win against Castlemoor.",
        "Castlemoor play Eastvale twice a season.",
    ],
)
def test_no_fixture(any_nlp: Language, text: str) -> None:
    assert games(any_nlp, text) == set()


def test_a_team_named_as_another_games_opponent_does_not_own_this_one(nlp: Language) -> None:
    doc = run(nlp, "The prospect of a replay between a trip to Castlemoor and a home fixture against "
                   "Eastvale will not please them.", "2025-03-10")
    assert not [f for f in of_kind(doc, "fixture")
                if {f["fields"]["home"], f["fields"]["away"]} == {"club:castlemoor", "club:eastvale"}]
