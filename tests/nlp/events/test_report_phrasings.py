"""Match-report phrasings of wire and British press style (own sentences, invented players), each
with a negative twin."""

from __future__ import annotations

from typing import Any

from events_helpers import of_kind, run
from spacy.language import Language


def matches(nlp: Language, text: str, dct: str = "2019-04-14") -> list[dict[str, Any]]:
    return [e["fields"] for e in of_kind(run(nlp, text, dct), "match")]


def scorer_names(nlp: Language, text: str, dct: str = "2019-04-14") -> set[str]:
    found = matches(nlp, text, dct)
    assert len(found) == 1, found
    return {s["player"].split(":", 1)[1] for s in found[0]["scorers"]}


def pairs(found: list[dict[str, Any]]) -> set[frozenset[str]]:
    return {frozenset((m["home"], m["away"])) for m in found}


def test_second_clause_of_a_results_list_has_its_own_subject(full_nlp: Language) -> None:
    found = matches(full_nlp, "Elsewhere, Middlesbrough lost 3-1 at home to Liverpool and Bolton Wanderers "
                              "beat Wigan 1-0 with a late header.")
    assert pairs(found) == {frozenset(("club:middlesbrough", "club:liverpool")),
                            frozenset(("club:bolton-wanderers", "club:wigan-athletic"))}


def test_conjoined_verb_without_a_new_team_keeps_the_subject(full_nlp: Language) -> None:
    found = matches(full_nlp, "Bolton Wanderers lost 3-1 at Liverpool on Saturday and beat Wigan 1-0 on "
                              "Tuesday.")
    assert frozenset(("club:bolton-wanderers", "club:wigan-athletic")) in pairs(found)


def test_a_goal_in_an_earlier_game_is_no_scorer_here(full_nlp: Language) -> None:
    got = scorer_names(full_nlp, "Wolves won 3-1 at Brentford on Saturday. Brentford's Harvey Colbeck, "
                                 "who scored the winner at Luton last week, was substituted at half-time.")
    assert "harvey-colbeck" not in got
    got = scorer_names(full_nlp, "Wolves won 3-1 at Brentford on Saturday. Harvey Colbeck, who scored twice "
                                 "in the reverse fixture, was quiet.")
    assert "harvey-colbeck" not in got


def test_a_goal_told_in_a_who_clause_still_counts(full_nlp: Language) -> None:
    got = scorer_names(full_nlp, "Wolves won 3-1 at Brentford on Saturday. Brentford's Harvey Colbeck, "
                                 "who scored in the first half, was substituted at the break.")
    assert "harvey-colbeck" in got


def test_a_person_the_ner_calls_an_organisation(full_nlp: Language) -> None:
    doc = run(full_nlp, "A second-half double from Marcus Pellow gave Arsenal a 2-1 victory at Everton "
                        "on Saturday.", "2003-11-09")
    people = {m["text"] for m in doc._.tl_mentions if m["kind"] in ("player", "person", "coach")}
    assert "Marcus Pellow" in people


def test_a_first_name_before_a_ground_word_is_no_person(full_nlp: Language) -> None:
    doc = run(full_nlp, "Arsenal beat Everton 2-1 at Marcus Park on Saturday.", "2003-11-09")
    assert not any(m["kind"] in ("player", "person", "coach") for m in doc._.tl_mentions)


def test_a_drive_or_shot_that_beat_the_goalkeeper(full_nlp: Language) -> None:
    got = scorer_names(full_nlp, "Everton beat Aston Villa 3-2 on Saturday. Darren Quayle's shot from "
                                 "the edge "
                                 "of the box beat the goalkeeper at his near post.")
    assert "darren-quayle" in got
    got = scorer_names(full_nlp, "Newcastle drew 2-2 with Tottenham on Saturday. Lee Brannigan's "
                                 "30-yard drive "
                                 "six minutes from time ensured the points were shared.")
    assert "lee-brannigan" in got


def test_a_shot_that_was_saved_is_no_goal(full_nlp: Language) -> None:
    got = scorer_names(full_nlp, "Everton beat Aston Villa 3-2 on Saturday. Darren Quayle's shot from "
                                 "the edge "
                                 "of the box was saved by the goalkeeper.")
    assert "darren-quayle" not in got
    got = scorer_names(full_nlp, "Everton beat Aston Villa 3-2 on Saturday. Darren Quayle's shot was tipped "
                                 "over the bar before Everton went in front.")
    assert "darren-quayle" not in got


def test_a_draw_at_the_ground_of_one_of_the_pair(full_nlp: Language) -> None:
    [m] = matches(full_nlp, "Aston Villa and Sunderland drew 1-1 at Villa Park on Saturday.")
    assert {m["home"], m["away"]} == {"club:aston-villa", "club:sunderland"}
    assert (m["home_score"], m["away_score"]) == (1, 1) and m["home"] == "club:aston-villa"


def test_scorers_of_a_results_list_go_to_the_result_before_them(full_nlp: Language) -> None:
    found = matches(full_nlp, "Elsewhere, Blackburn Rovers won 2-0 at Portsmouth thanks to a brace from "
                              "Simon "
                              "Farrand, and Bolton Wanderers beat Wigan 1-0 with a late header from Jason "
                              "Pettigrew.")
    by_pair = {frozenset((m["home"], m["away"])): {s["player"].split(":", 1)[1] for s in m["scorers"]}
               for m in found}
    assert by_pair[frozenset(("club:blackburn-rovers", "club:portsmouth"))] == {"simon-farrand"}
    assert by_pair[frozenset(("club:bolton-wanderers", "club:wigan-athletic"))] == {"jason-pettigrew"}


def test_a_scorer_named_before_every_result_of_a_list_is_left_out(full_nlp: Language) -> None:
    found = matches(full_nlp, "Jason Pettigrew watched from the stands as Bolton Wanderers beat Wigan "
                              "1-0 and "
                              "Blackburn Rovers won 2-0 at Portsmouth thanks to a brace from Simon Farrand.")
    for m in found:
        assert "person:jason-pettigrew" not in {s["player"] for s in m["scorers"]}


def test_absolute_clause_scoring_twice(full_nlp: Language) -> None:
    got = scorer_names(full_nlp, "Paris Saint-Germain beat Lyon 4-0 at the Parc des Princes on Sunday, "
                                 "Yannick "
                                 "Marquand scoring twice.")
    assert got == {"yannick-marquand"}


def test_absolute_clause_without_a_goal_verb(full_nlp: Language) -> None:
    got = scorer_names(full_nlp, "Paris Saint-Germain beat Lyon 4-0 at the Parc des Princes on Sunday, "
                                 "Yannick "
                                 "Marquand watching from the bench.")
    assert got == set()
    got = scorer_names(full_nlp, "Paris Saint-Germain beat Lyon 4-0 at the Parc des Princes on Sunday, "
                                 "Yannick "
                                 "Marquand scoring twice in the reverse fixture having been rested.")
    assert got == set()


def test_wrapped_up_the_points(full_nlp: Language) -> None:
    got = scorer_names(full_nlp, "Atletico Madrid beat Sevilla 3-1 on Saturday. Rubén Castrillo wrapped "
                                 "up the "
                                 "points in stoppage time.")
    assert "ruben-castrillo" in got
    got = scorer_names(full_nlp, "Atletico Madrid beat Sevilla 3-1 on Saturday. Rubén Castrillo wrapped up "
                                 "warm in the stand.")
    assert "ruben-castrillo" not in got


def test_was_on_target(full_nlp: Language) -> None:
    got = scorer_names(full_nlp, "Aston Villa drew 1-1 with Sunderland on Saturday. Kevin Ashdown was "
                                 "on target "
                                 "after 35 minutes.")
    assert "kevin-ashdown" in got
    got = scorer_names(full_nlp, "Aston Villa drew 1-1 with Sunderland on Saturday. Kevin Ashdown was "
                                 "on target "
                                 "twice last season but struggled here.")
    assert "kevin-ashdown" not in got
