"""Standings from the phrasings wire reports use, each with a negative twin (own sentences,
invented clubs: see ``events_helpers.ENTITIES``)."""

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


def places(nlp: Language, text: str, dct: str = "2024-11-28") -> set[tuple[str, int]]:
    return {(e["fields"]["team"], e["fields"]["position"]) for e in of_kind(run(nlp, text, dct), "standing")}


@pytest.fixture(params=["parsed", "rule-only"])
def any_nlp(request: pytest.FixtureRequest, nlp: Language, blank_nlp: Language) -> Language:
    return nlp if request.param == "parsed" else blank_nlp


def test_place_with_points_and_competition(any_nlp: Language) -> None:
    doc = run(
        any_nlp, "Castlemoor are fourth in the Coastal League with 23 points from 11 games.", "2024-11-28"
    )
    [ev] = of_kind(doc, "standing")
    assert ev["fields"] == {
        "team": CASTLEMOOR,
        "competition": "competition:coastal-league",
        "position": 4,
        "points": 23,
    }
    assert ev["date"] == "2024-11-28"


def test_a_result_moves_its_winner_not_the_loser(nlp: Language) -> None:
    assert places(nlp, "Eastvale beat Castlemoor 2-0 to move up to seventh spot.") == {(EASTVALE, 7)}


def test_a_result_moves_the_team_it_names(any_nlp: Language) -> None:
    found = places(
        any_nlp, "The win moved Castlemoor up to 13th place and level on points with Harbour City in 12th."
    )
    assert found == {(CASTLEMOOR, 13), (HARBOUR, 12)}


def test_a_pronoun_is_not_the_team_its_sentence_sets_against_it(nlp: Language) -> None:
    text = (
        "Eastvale lost again at home. Verhoek scored for Castlemoor. However, it still remains in lowly "
        "13th place in the Coastal League, while Castlemoor, unbeaten since August, sit sixth in the table."
    )
    assert places(nlp, text) == {(EASTVALE, 13), (CASTLEMOOR, 6)}


def test_leaders_now_but_not_this_mornings_leaders(any_nlp: Language) -> None:
    assert places(any_nlp, "Eastvale are now five points behind leaders Castlemoor.") == {(CASTLEMOOR, 1)}
    assert places(any_nlp, "This morning's leaders Eastvale lost 1-0 at Castlemoor.") == set()


def test_top_of_a_group_ahead_of_the_runner_up(nlp: Language) -> None:
    found = places(nlp, "Castlemoor beat Eastvale 1-0 to top Group C ahead of Harbour City.")
    assert found == {(CASTLEMOOR, 1), (HARBOUR, 2)}


def test_group_winners(any_nlp: Language) -> None:
    assert places(any_nlp, "Harbour City have qualified for the finals as Group A winners.") == {(HARBOUR, 1)}


def test_a_lead_at_the_top_gives_first_and_second(any_nlp: Language) -> None:
    found = places(any_nlp, "Harbour City now hold an unassailable ten-point lead over Northbridge United.")
    assert found == {(HARBOUR, 1), (NORTHBRIDGE, 2)}
    assert (
        places(any_nlp, "Castlemoor hold a three-point lead over Eastvale in the race for fourth.") == set()
    )


def test_moved_top_on_goal_difference(any_nlp: Language) -> None:
    assert places(any_nlp, "Castlemoor moved top on goal difference.") == {(CASTLEMOOR, 1)}


@pytest.mark.parametrize(
    "text",
    [
        "A win would lift Castlemoor to fourth.",
        "Castlemoor could go top with a win.",
        "Harbour City need to beat Eastvale to go top.",
        "Harbour City finished ninth in the Coastal League last season.",
        "Castlemoor were second in the table last season.",
        "Castlemoor scored in the 13th minute.",
        "Eastvale fell to a third straight defeat.",
        "Castlemoor are the second team to reach the final.",
        "Tomas Verhoek leads the league with nine goals.",
        "Harbour City won the Atlantic Cup last season.",
    ],
)
def test_no_standing(any_nlp: Language, text: str) -> None:
    assert places(any_nlp, text) == set()


def test_a_description_of_the_club_stands_for_the_article_team(nlp: Language) -> None:
    text = (
        "Harbour City have signed a new striker. Harbour City paid a club record fee. Harbour City expect "
        "him to start.\n\nThe club, currently leading the Coastal League table, welcome Eastvale on Sunday."
    )
    assert (HARBOUR, 1) in places(nlp, text)
