"""Scorers told by clauses and phrasings beyond "X scored" (own sentences), each with a negative twin."""

from __future__ import annotations

from typing import Any

from events_helpers import of_kind, run
from spacy.language import Language


def match_scorers(nlp: Language, text: str, dct: str = "2024-11-20") -> set[str]:
    found = [e["fields"] for e in of_kind(run(nlp, text, dct), "match")]
    assert len(found) == 1, found
    return scorers(found[0])


def scorers(match: dict[str, Any]) -> set[str]:
    return {s["player"] for s in match["scorers"]}


def test_purpose_infinitive_scores(full_nlp: Language) -> None:
    got = match_scorers(full_nlp, "Arsenal beat Chelsea 1-0 on Saturday. Kai Havertz came off the bench to "
                                  "score the winner in the 80th minute.")
    assert got == {"player:kai-havertz"}


def test_trying_or_failing_to_score_is_no_goal(full_nlp: Language) -> None:
    got = match_scorers(full_nlp, "Arsenal beat Chelsea 1-0 on Saturday. Kai Havertz came off the bench and "
                                  "tried to score but Declan Rice got the winner.")
    assert "player:kai-havertz" not in got
    got = match_scorers(full_nlp, "Arsenal beat Chelsea 1-0 on Saturday. Kai Havertz failed to score before "
                                  "Declan Rice struck in the 80th minute.")
    assert got == {"player:declan-rice"}


def test_participle_completing_a_hat_trick(full_nlp: Language) -> None:
    got = match_scorers(full_nlp, "Liverpool beat Everton 3-0 on Sunday. Mohamed Salah took over after the "
                                  "break, completing a hat-trick inside 20 minutes.")
    assert got == {"player:mohamed-salah"}


def test_relative_clause_shot_past_the_keeper(full_nlp: Language) -> None:
    got = match_scorers(full_nlp, "Liverpool beat Everton 1-0 on Sunday. Trent Alexander-Arnold found Cody "
                                  "Gakpo, who slotted a low shot past the goalkeeper.")
    assert got == {"player:cody-gakpo"}


def test_shot_into_the_side_netting_is_no_goal(full_nlp: Language) -> None:
    got = match_scorers(full_nlp, "Liverpool drew 0-0 with Everton on Sunday. Trent Alexander-Arnold found "
                                  "Cody Gakpo, who fired a low shot into the side netting.")
    assert got == set()


def test_conjoined_verb_shares_the_scorer(full_nlp: Language) -> None:
    got = match_scorers(full_nlp, "Barcelona beat Sevilla 2-0 on Saturday. Robert Lewandowski finished a "
                                  "through ball in the 20th minute and headed in a cross shortly afterwards.")
    assert got == {"player:robert-lewandowski"}


def test_name_as_modifier_of_a_hat_trick(full_nlp: Language) -> None:
    got = match_scorers(full_nlp, "Manchester City beat Fulham 3-1 on Saturday thanks to an Erling Haaland "
                                  "hat-trick.")
    assert got == {"player:erling-haaland"}


def test_disallowed_header_is_no_goal(full_nlp: Language) -> None:
    got = match_scorers(full_nlp, "Manchester City drew 1-1 with Fulham on Saturday after a late Erling "
                                  "Haaland header was disallowed for offside.")
    assert got == set()


def test_gave_team_a_lead_with_adjectives(full_nlp: Language) -> None:
    got = match_scorers(full_nlp, "Arsenal beat Fulham 2-1 on Saturday. Bukayo Saka gave Arsenal a deserved "
                                  "first-half lead.")
    assert got == {"player:bukayo-saka"}


def test_lead_through_a_player(full_nlp: Language) -> None:
    got = match_scorers(full_nlp, "Arsenal beat Fulham 2-1 on Saturday. Arsenal took an early lead through "
                                  "Bukayo Saka.")
    assert got == {"player:bukayo-saka"}


def test_dominating_through_a_player_is_no_goal(full_nlp: Language) -> None:
    got = match_scorers(full_nlp, "Liverpool beat Everton 1-0 on Sunday. Liverpool dominated the first half "
                                  "through Mohamed Salah's runs down the right.")
    assert got == set()


def test_ball_into_his_own_net_is_an_own_goal_for_the_other_side(full_nlp: Language) -> None:
    found = [e["fields"] for e in of_kind(run(full_nlp, "Liverpool beat Everton 2-0 on Sunday. Jarrad "
                                              "Branthwaite turned the ball into his own net in the 30th "
                                              "minute.", "2024-11-20"), "match")]
    [own] = found[0]["scorers"]
    assert own["player"].endswith("jarrad-branthwaite") and own["own_goal"] is True
    assert own["team"] == "club:liverpool" and own["minute"] == 30


def test_goal_talk_keeps_the_match_for_the_next_sentence(full_nlp: Language) -> None:
    got = match_scorers(full_nlp, "Spain beat Italy 3-0 on Friday. All three goals came in the first half. "
                                  "Pedri opened the scoring in the 10th minute and Dani Olmo made it 3-0 "
                                  "before the break.")
    assert got == {"player:pedri", "player:dani-olmo"}


def test_blocked_header_from_a_player_is_no_goal(full_nlp: Language) -> None:
    got = match_scorers(full_nlp, "Arsenal beat Chelsea 1-0 on Saturday. David Raya blocked a late header "
                                  "from Cole Palmer to protect the lead.")
    assert got == set()


def test_scored_all_the_goals(full_nlp: Language) -> None:
    got = match_scorers(full_nlp, "Bayern Munich lost 3-0 to RB Leipzig on Saturday. Dani Olmo scored all "
                                  "three goals for RB Leipzig.", dct="2023-08-13")
    assert got == {"player:dani-olmo"}


def test_season_goal_tally_is_no_goal(full_nlp: Language) -> None:
    got = match_scorers(full_nlp, "Arsenal beat Chelsea 1-0 on Saturday. Kai Havertz has scored nine goals "
                                  "this season, and Declan Rice struck in the 80th minute.")
    assert got == {"player:declan-rice"}


def test_the_player_who_supplied_the_ball_did_not_score(nlp: Language) -> None:
    got = match_scorers(nlp, "Harbour City beat Northbridge United 2-1 on Saturday. Pablo Ruiz headed in the "
                             "equaliser from a Tomas Verhoek cross, and Ade Okonjo whipped in a corner for "
                             "the winner from Hugo Marsh.")
    assert "player:tomas-verhoek" not in got and "player:ade-okonjo" not in got
    assert "player:pablo-ruiz" in got
