"""Result phrasings beyond "X beat Y 2-0" (own sentences), each with a negative twin."""

from __future__ import annotations

from typing import Any

from events_helpers import of_kind, run
from spacy.language import Language

ARSENAL, BRIGHTON = "club:arsenal", "club:brighton-hove-albion"


def matches(nlp: Language, text: str, dct: str = "2024-11-20") -> list[dict[str, Any]]:
    return [e["fields"] for e in of_kind(run(nlp, text, dct), "match")]


def score_of(m: dict[str, Any], team: str) -> int | None:
    return m["home_score"] if m["home"] == team else m["away_score"]


def test_held_by_is_a_draw(full_nlp: Language) -> None:
    [m] = matches(full_nlp, "Arsenal were held by Brighton at the Emirates on Saturday.")
    assert {m["home"], m["away"]} == {ARSENAL, BRIGHTON}


def test_held_to_a_draw_by_with_a_score(full_nlp: Language) -> None:
    [m] = matches(full_nlp, "Arsenal were held to a 1-1 draw by Brighton at the Emirates on Saturday.")
    assert {m["home"], m["away"]} == {ARSENAL, BRIGHTON} and (m["home_score"], m["away_score"]) == (1, 1)


def test_active_held_to_a_draw(full_nlp: Language) -> None:
    [m] = matches(full_nlp, "Brighton held Arsenal to a draw at the Amex on Saturday.")
    assert {m["home"], m["away"]} == {ARSENAL, BRIGHTON}


def test_held_talks_is_no_match(full_nlp: Language) -> None:
    assert matches(full_nlp, "Arsenal held talks with Brighton over a deal for the midfielder.") == []


def test_team_game_against_team_ended_level(full_nlp: Language) -> None:
    [m] = matches(full_nlp, "Arsenal's game against Brighton ended 1-1 on Saturday.")
    assert {m["home"], m["away"]} == {ARSENAL, BRIGHTON} and (m["home_score"], m["away_score"]) == (1, 1)


def test_injured_during_team_game_is_a_played_match(full_nlp: Language) -> None:
    [m] = matches(full_nlp, "Bukayo Saka was injured during Arsenal's game against Brighton on Saturday.")
    assert {m["home"], m["away"]} == {ARSENAL, BRIGHTON} and m["home_score"] is None


def test_postponed_or_future_game_is_no_match(full_nlp: Language) -> None:
    assert matches(full_nlp, "Arsenal's game against Brighton was postponed because of snow.") == []
    assert matches(full_nlp, "Arsenal's game against Brighton on Saturday will be shown live.") == []
    assert matches(full_nlp, "Saka will be assessed before Arsenal's game against Brighton on Sunday.") == []


def test_opponent_after_a_description(full_nlp: Language) -> None:
    [m] = matches(full_nlp, "Manchester City drew 2-2 with ten-man Arsenal at the Etihad Stadium on Sunday.")
    assert {m["home"], m["away"]} == {"club:manchester-city", ARSENAL}
    [m] = matches(full_nlp, "England beat world champions Spain on Sunday to win the title.")
    assert {m["home"], m["away"]} == {"national_team:england", "national_team:spain"}


def test_owner_of_a_win_named_as_the_clause_subject(full_nlp: Language) -> None:
    [m] = matches(full_nlp, "Manchester City became the first club to win four titles in a row after a 3-1 "
                            "win over West Ham United on Sunday.")
    assert score_of(m, "club:manchester-city") == 3 and score_of(m, "club:west-ham-united") == 1


def test_owner_of_a_win_named_as_an_object(full_nlp: Language) -> None:
    [m] = matches(full_nlp, "Cole Palmer scored twice to send Chelsea into the final after a 2-1 win over "
                            "Arsenal on Sunday.")
    assert score_of(m, "club:chelsea") == 2 and score_of(m, ARSENAL) == 1


def test_a_win_foreseen_or_needed_is_no_result(full_nlp: Language) -> None:
    assert matches(full_nlp, "Chelsea will go top of the table with a 2-1 win over Arsenal on Sunday.") == []
    assert matches(full_nlp, "Chelsea need a 2-0 win over Arsenal to stay in the race.") == []


def test_last_weeks_win_belongs_to_the_article_team(full_nlp: Language) -> None:
    found = matches(full_nlp, "Arsenal are flying. Arsenal won again on Tuesday, and Arsenal fans are still "
                              "talking about last Saturday's 5-1 win over Crystal Palace.")
    [m] = [x for x in found if "club:crystal-palace" in (x["home"], x["away"])]
    assert score_of(m, ARSENAL) == 5 and score_of(m, "club:crystal-palace") == 1


def test_match_ending_level_on_penalty_night(full_nlp: Language) -> None:
    [m] = matches(full_nlp, "England won the cup after beating Spain 4-2 on penalties in the final on "
                            "Sunday, with the match ending 2-2 after extra time.")
    assert {m["home"], m["away"]} == {"national_team:england", "national_team:spain"}
    assert (m["home_score"], m["away_score"]) == (2, 2)


def test_possessive_result_at_a_team_puts_that_team_at_home(full_nlp: Language) -> None:
    [m] = matches(full_nlp, "Arsenal's 2-0 derby win at Brighton on Saturday lifted them to second.")
    assert (m["home"], m["away"]) == (BRIGHTON, ARSENAL) and (m["home_score"], m["away_score"]) == (0, 2)


def test_possessive_result_with_a_team_keeps_the_owner_first(full_nlp: Language) -> None:
    [m] = matches(full_nlp, "Arsenal's 2-0 win over Brighton on Saturday lifted them to second.")
    assert (m["home"], m["away"]) == (ARSENAL, BRIGHTON)


def test_perfect_tense_with_a_score_is_one_game(full_nlp: Language) -> None:
    [m] = matches(full_nlp, "Since the new coach came, Arsenal have lost 1-0 to Brighton in the league.")
    assert {m["home"], m["away"]} == {ARSENAL, BRIGHTON} and score_of(m, BRIGHTON) == 1


def test_perfect_tense_repeated_is_no_game(full_nlp: Language) -> None:
    assert matches(full_nlp, "Arsenal have beaten Brighton 2-0 twice this season.") == []


def test_beaten_at_a_team_puts_the_winner_at_home(full_nlp: Language) -> None:
    [m] = matches(full_nlp, "Brighton were thrashed 5-0 at Arsenal on Sunday.")
    assert (m["home"], m["away"], m["home_score"], m["away_score"]) == (ARSENAL, BRIGHTON, 5, 0)


def test_beaten_at_their_own_ground_names_no_opponent(full_nlp: Language) -> None:
    # the ground is Arsenal's own: it says where, not against whom
    assert matches(full_nlp, "Arsenal were beaten 2-0 at the Emirates on Saturday.") == []
    [m] = matches(full_nlp, "Arsenal were beaten 2-0 at the Emirates by Brighton on Saturday.")
    assert (m["home"], m["away"], m["home_score"], m["away_score"]) == (ARSENAL, BRIGHTON, 0, 2)


def test_beaten_at_home_by(full_nlp: Language) -> None:
    [m] = matches(full_nlp, "Arsenal were beaten at home by Brighton on Saturday.")
    assert (m["home"], m["away"]) == (ARSENAL, BRIGHTON)


def test_comeback_to_draw(full_nlp: Language) -> None:
    [m] = matches(full_nlp, "Brighton came from two goals down to draw 2-2 with Arsenal on Saturday.")
    assert {m["home"], m["away"]} == {ARSENAL, BRIGHTON} and m["home_score"] == m["away_score"] == 2


def test_thrashing_of_is_the_owners_win(full_nlp: Language) -> None:
    [m] = matches(full_nlp, "Arsenal's 4-0 thrashing of Brighton on Saturday was their best result yet.")
    assert score_of(m, ARSENAL) == 4 and score_of(m, BRIGHTON) == 0


def test_wrong_end_of_a_hammering(full_nlp: Language) -> None:
    [m] = matches(full_nlp, "Brighton were on the wrong end of a 4-1 hammering at Arsenal on Wednesday.")
    assert (m["home"], m["away"], m["home_score"], m["away_score"]) == (ARSENAL, BRIGHTON, 4, 1)


def test_owner_of_a_losing_run_lost(full_nlp: Language) -> None:
    [m] = matches(full_nlp, "Arsenal's losing run stretched to five games after a 4-0 home defeat by "
                            "Brighton "
                            "on Saturday.")
    assert (m["home"], m["away"], m["home_score"], m["away_score"]) == (ARSENAL, BRIGHTON, 0, 4)


def test_a_ground_by_its_press_name_is_no_club(full_nlp: Language) -> None:
    # "the Emirates" is Arsenal's ground: the club at home, not a club of its own
    [m] = matches(full_nlp, "Brighton won 2-0 at the Emirates on Saturday.")
    assert (m["home"], m["away"], m["home_score"], m["away_score"]) == (ARSENAL, BRIGHTON, 0, 2)
    [d] = matches(full_nlp, "Brighton drew 1-1 at the Emirates on Saturday.")
    assert (d["home"], d["away"]) == (ARSENAL, BRIGHTON)


def test_a_cup_named_in_a_clause_about_another_game_is_not_this_ones(full_nlp: Language) -> None:
    text = ("Since his arrival Arsenal have lost 1-0 to Brighton in the league, while Chelsea knocked them "
            "out of the FA Cup.")
    [m] = [x for x in matches(full_nlp, text) if BRIGHTON in (x["home"], x["away"])]
    assert m["competition"] is None


def test_a_day_without_a_year_after_the_report_is_last_years(full_nlp: Language) -> None:
    doc = run(full_nlp, "Brighton earned a goalless draw at Arsenal on Boxing Day.", "2024-11-20")
    [e] = of_kind(doc, "match")
    assert e["fields"]["home"] == ARSENAL and e["date"] == "2023-12-26"


def test_a_drawn_game_on_a_day_of_the_month_is_no_table_talk(full_nlp: Language) -> None:
    [e] = of_kind(run(full_nlp, "Arsenal drew 1-1 with Brighton on 26 December 2023.", "2024-11-20"), "match")
    assert e["date"] == "2023-12-26"
    assert matches(full_nlp, "Arsenal and Brighton are tied on 13 points.") == []


def test_two_teams_as_one_subject_own_no_clause_result(full_nlp: Language) -> None:
    assert matches(full_nlp, "Arsenal and Chelsea are level on 13 after drawing with Brighton.") == []


def test_a_result_at_home_to_a_team_is_played_not_to_come(full_nlp: Language) -> None:
    doc = run(full_nlp, "Arsenal held on for a goalless draw at home to Brighton on Saturday.", "2024-11-20")
    [m] = of_kind(doc, "match")
    assert (m["fields"]["home"], m["fields"]["away"]) == (ARSENAL, BRIGHTON)
    assert of_kind(doc, "fixture") == []
    [m] = matches(full_nlp, "Brighton suffered a 4-0 humiliation at home to Arsenal in October.")
    assert (m["home"], m["away"], m["home_score"], m["away_score"]) == (BRIGHTON, ARSENAL, 0, 4)
