"""Milestones read from the ``milestone`` rule records: whose, what count, and the details told around."""

from __future__ import annotations

from typing import Any

import pytest
from events_helpers import of_kind, run
from spacy.language import Language


def _pipe(mode: str, nlp: Language, blank_nlp: Language) -> Language:
    return nlp if mode == "parsed" else blank_nlp


def _ms(pipeline: Language, text: str) -> list[dict[str, Any]]:
    return [e["fields"] for e in of_kind(run(pipeline, text), "milestone")]


def _key(f: dict[str, Any]) -> tuple[Any, ...]:
    return f["player"], f["count"], f["measure"]


@pytest.mark.parametrize("mode", ["parsed", "rule-only"])
@pytest.mark.parametrize(("text", "want"), [
    ("Tomas Verhoek made his 100th appearance for Harbour City on Sunday.",
     ("player:tomas-verhoek", 100, "appearance")),
    ("Sami Kallio's 50th Coastal League goal settled the game.", ("player:sami-kallio", 50, "goal")),
    ("Ade Okonjo crossed for Tomas Verhoek, who headed in his 200th goal.",
     ("player:tomas-verhoek", 200, "goal")),
    ("Luca Ferrand reached 300 appearances for Northbridge United.",
     ("player:luca-ferrand", 300, "appearance")),
    ("Tomas Verhoek passed the 100-goal mark against Castlemoor.", ("player:tomas-verhoek", 100, "goal")),
    ("Pablo Ruiz brought up his century of goals for Harbour City.", ("player:pablo-ruiz", 100, "goal")),
    ("Sami Kallio became the youngest player to score 50 Coastal League goals.",
     ("player:sami-kallio", 50, "goal")),
    ("Tomas Verhoek equalled Hugo Marsh's club record of 120 goals.", ("player:tomas-verhoek", 120, "goal")),
])
def test_a_landmark_is_read_with_its_player(mode: str, text: str, want: tuple[Any, ...], nlp: Language,
                                            blank_nlp: Language) -> None:
    assert [_key(f) for f in _ms(_pipe(mode, nlp, blank_nlp), text)] == [want]


@pytest.mark.parametrize("mode", ["parsed", "rule-only"])
@pytest.mark.parametrize("text", [
    "Sami Kallio will make his 100th appearance on Saturday.",
    "Sami Kallio is set to win his 50th cap against Eastvale.",
    "The move should have ended with Tomas Verhoek celebrating his 150th goal.",
    "Tomas Verhoek is two goals away from his 100th goal for Harbour City.",
    "Tomas Verhoek scored his 15th goal of the season.",
    "Tomas Verhoek scored his 12th goal in 14 games.",
    "Tomas Verhoek scored his second goal of the game.",
    "Tomas Verhoek has scored 47 goals for Harbour City.",
    "Harbour City recorded their 10th successive win.",
])
def test_no_milestone_that_has_not_happened_or_is_a_tally(mode: str, text: str, nlp: Language,
                                                          blank_nlp: Language) -> None:
    assert _ms(_pipe(mode, nlp, blank_nlp), text) == []


def test_details_in_the_next_sentence_and_the_previous_holder_is_no_milestone(nlp: Language) -> None:
    text = ("Tomas Verhoek made his 100th appearance in the Atlantic Cup. He reached that landmark aged "
            "23 years and 12 days, making him the youngest player to do so, surpassing Hugo Marsh, who "
            "made his 100th appearance in the Atlantic Cup aged 24 years and 3 days.")
    [f] = _ms(nlp, text)
    assert f == {"player": "player:tomas-verhoek", "competition": "competition:atlantic-cup", "count": 100,
                 "measure": "appearance", "age": "23y12d", "record": "youngest",
                 "previous_holder": "player:hugo-marsh"}


def test_a_record_with_a_holder_since_and_an_age_before_the_count(nlp: Language) -> None:
    [f] = _ms(nlp, "Aged 33, Sami Kallio became the first player since Hugo Marsh to make 400 appearances "
                   "for Northbridge United.")
    assert (f["player"], f["count"], f["record"], f["previous_holder"], f["age"]) == (
        "player:sami-kallio", 400, "first", "player:hugo-marsh", "33y")


def test_a_record_with_no_count(nlp: Language) -> None:
    [f] = _ms(nlp, "Hugo Marsh became the oldest player to appear in the Atlantic Cup.")
    assert (f["player"], f["count"], f["measure"], f["record"]) == (
        "player:hugo-marsh", None, "appearance", "oldest")


def test_the_competition_named_before(nlp: Language) -> None:
    text = "The Atlantic Cup tie went to extra time. Pablo Ruiz made his 50th appearance in the competition."
    [f] = _ms(nlp, text)
    assert f["competition"] == "competition:atlantic-cup"


def test_a_coach_counts_games_in_charge(nlp: Language) -> None:
    [f] = _ms(nlp, "It was Olaf Brenner's 300th game in charge of Northbridge United.")
    assert (f["player"], f["count"], f["measure"]) == ("coach:olaf-brenner", 300, "game in charge")


def test_a_pronoun_in_a_quote_is_not_read_across_it(nlp: Language) -> None:
    text = ('Olaf Brenner spoke about Tomas Verhoek on Friday. '
            '"He has been brilliant and on his 100th appearance it is right he leads the side," he said.')
    assert _ms(nlp, text) == []


def test_headline_and_body_telling_one_landmark_make_one_milestone(nlp: Language) -> None:
    text = ("Tomas Verhoek's 100th goal lifted Harbour City. "
            "Verhoek scored his 100th goal for Harbour City in the first half.")
    doc = run(nlp, text)
    [ms] = of_kind(doc, "milestone")
    assert ms["fields"]["count"] == 100 and len(ms["sources"]) == 2
