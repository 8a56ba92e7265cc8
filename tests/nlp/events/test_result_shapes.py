"""Result and scorer shapes added for recall, each with its negative twin (own sentences)."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from touchline.nlp.pipeline import build_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


def matches(nlp: Language, text: str, dct: str = "2025-02-10") -> list[dict[str, Any]]:
    doc = nlp.make_doc(text)
    doc._.dct = dct
    return [e["fields"] for e in nlp(doc)._.tl_events if e["kind"] == "match"]


def scorers(match: dict[str, Any]) -> set[str]:
    return {s["player"] for s in match["scorers"]}


def test_participle_clause_after_a_past_verb_is_a_result(nlp: Language) -> None:
    [m] = matches(nlp, "Aston Villa climbed to fifth on Saturday, beating Brighton 3-1 at Villa Park.")
    assert {m["home"], m["away"]} == {"club:aston-villa", "club:brighton-hove-albion"}
    villa_home = m["home"] == "club:aston-villa"
    assert (m["home_score"], m["away_score"]) == ((3, 1) if villa_home else (1, 3))


def test_beating_in_a_wish_is_not_a_result(nlp: Language) -> None:
    assert matches(nlp, "The coach wants his team to finish the week by beating Brighton at home.") == []


def test_scorer_as_subject_of_a_goal_phrase(nlp: Language) -> None:
    [m] = matches(nlp, "Liverpool beat Everton 2-0 on Sunday. Mohamed Salah opened the scoring after "
                       "ten minutes and Cody Gakpo added a second before half-time.")
    assert scorers(m) == {"player:mohamed-salah", "player:cody-gakpo"}


def test_provider_of_the_cross_is_not_the_scorer(nlp: Language) -> None:
    [m] = matches(nlp, "Liverpool beat Everton 1-0 on Sunday thanks to a header from "
                       "Andrew Robertson's cross "
                       "by Virgil van Dijk.")
    assert "player:andrew-robertson" not in scorers(m)


def test_heading_the_ball_across_goal_is_not_a_goal(nlp: Language) -> None:
    [m] = matches(nlp, "Liverpool drew 0-0 with Everton on Sunday. Virgil van Dijk headed the ball across "
                       "goal in the last minute but nobody could reach it.")
    assert scorers(m) == set()
