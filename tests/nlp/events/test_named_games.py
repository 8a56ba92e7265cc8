"""Games told without a score: a cup tie that earned a replay is a draw between the sentence's two
teams; a game only named ("their only setback, a draw at X") waits for the results reference."""

from __future__ import annotations

import pytest
from events_helpers import of_kind, run
from spacy.language import Language

HARBOUR, CASTLEMOOR, EASTVALE = "club:harbour-city", "club:castlemoor", "club:eastvale"


def teams(match: dict) -> set[str]:
    return {match["fields"]["home"], match["fields"]["away"]}


def test_a_replay_earned_is_a_draw_between_the_two_teams_of_the_sentence(nlp: Language) -> None:
    doc = run(nlp, "Eastvale looked beaten at Gull Park on Saturday, but a stoppage-time header from "
                   "Tomas Verhoek rescued a replay.", "2025-01-27")
    [match] = of_kind(doc, "match")
    assert teams(match) == {EASTVALE, HARBOUR}  # Gull Park is Harbour City's ground
    assert match["winner"] == "draw"
    assert match["date"] == "2025-01-25"
    assert match["fields"]["home_score"] is None
    assert match["only_if_linked"] is True  # a pair read from the sentence: the record must confirm it


def test_a_replay_to_come_is_a_draw_and_its_ground_is_not_this_games(nlp: Language) -> None:
    doc = run(nlp, "Castlemoor went ahead, but Marta Quill's side levelled and will host Castlemoor "
                   "in a replay at Gull Park.", "2025-01-27")
    [match] = of_kind(doc, "match")
    assert teams(match) == {HARBOUR, CASTLEMOOR}
    assert match["winner"] == "draw"
    assert match["fields"]["venue"] is None


@pytest.mark.parametrize("text", [
    "Eastvale earned a replay against Castlemoor while Northbridge went through.",  # three teams
    "Eastvale will hope to force a replay against Castlemoor.",  # hoped for
    "Eastvale beat Castlemoor in the replay at Gull Park.",  # the replay itself: no draw
])
def test_no_drawn_tie_where_the_replay_says_none(nlp: Language, text: str) -> None:
    assert not [m for m in of_kind(run(nlp, text, "2025-01-27"), "match")
                if m.get("winner") == "draw" and not m["fields"]["home_score"]]


def test_a_game_only_named_is_left_to_the_reference_in_the_season_so_far(nlp: Language) -> None:
    doc = run(nlp, "Harbour City lost 2-0 at Castlemoor on Wednesday. Harbour City's only previous "
                   "setback in the league had been a draw at Eastvale.", "2024-10-03")
    named = [m for m in of_kind(doc, "match") if m.get("only_if_linked")]
    [draw] = named
    assert teams(draw) == {HARBOUR, EASTVALE}
    assert draw["fields"]["home"] == EASTVALE  # "at Eastvale"
    assert draw["winner"] == "draw"
    assert draw["date"] is None and draw["date_window"] == ["2024-07-01", "2024-10-03"]


def test_the_season_so_far_of_a_summer_article_is_the_season_just_ended(nlp: Language) -> None:
    doc = run(nlp, "Harbour City's only setback had been a draw at Eastvale.", "2025-07-20")
    [named] = of_kind(doc, "match")
    assert named["date_window"] == ["2024-07-01", "2025-07-20"]


def test_a_previous_meeting_in_a_years_final_is_dated_by_that_year(nlp: Language) -> None:
    doc = run(nlp, "Harbour City meet Eastvale again, with scores to settle from their previous "
                   "meeting in the 2019 final.", "2025-05-20")
    [past] = of_kind(doc, "match")
    assert teams(past) == {HARBOUR, EASTVALE}
    assert past["date"] == "2019"
    assert past["fields"]["stage"] == "final"
    assert past["only_if_linked"] is True  # a day in such a sentence may be the coming game's


def test_a_previous_meeting_beside_a_coming_day_waits_for_the_reference(nlp: Language) -> None:
    doc = run(nlp, "Harbour City face Eastvale on Saturday, with scores to settle from their last "
                   "meeting.", "2025-05-20")
    assert all(m["only_if_linked"] for m in of_kind(doc, "match"))


def test_a_draw_whose_owner_no_reader_finds_is_the_sentences_other_team(nlp: Language) -> None:
    doc = run(nlp, "Referee Ivo Brandt said he was right to allow Harbour City striker Tomas Verhoek's "
                   "free-kick in Sunday's 2-2 draw with Castlemoor.", "2025-03-10")
    [match] = of_kind(doc, "match")
    assert teams(match) == {HARBOUR, CASTLEMOOR}
    assert (match["fields"]["home_score"], match["fields"]["away_score"]) == (2, 2)


def test_a_win_is_not_given_to_the_sentences_other_team(nlp: Language) -> None:
    doc = run(nlp, "Referee Ivo Brandt said he was right to allow Harbour City striker Tomas Verhoek's "
                   "free-kick in Sunday's 2-1 defeat by Castlemoor.", "2025-03-10")
    assert of_kind(doc, "match") == []  # whose defeat? a loss is not alike for both sides


def test_an_if_that_tells_a_fact_does_not_make_the_result_hypothetical(nlp: Language) -> None:
    doc = run(nlp, "However, if last weekend's 4-1 defeat away to Castlemoor is anything to go by, "
                   "Harbour City are in for a long season.", "2025-03-12")
    [match] = of_kind(doc, "match")
    assert match["fields"]["home"] == CASTLEMOOR and (match["fields"]["home_score"],
                                                      match["fields"]["away_score"]) == (4, 1)
    assert not of_kind(run(nlp, "If Harbour City lose 4-1 away to Castlemoor, they go down.",
                           "2025-03-12"), "match")


def test_a_win_an_effort_led_to_in_the_past(nlp: Language) -> None:
    doc = run(nlp, "Eastvale showed great character to fight back from a goal down to beat Castlemoor "
                   "2-1 at home last weekend.", "2025-03-12")
    [match] = of_kind(doc, "match")
    assert (match["fields"]["home"], match["fields"]["home_score"]) == (EASTVALE, 2)
    assert not of_kind(run(nlp, "Eastvale will need to beat Castlemoor 2-0 to stay up.", "2025-03-12"),
                       "match")


def test_phrasings_of_round_ups_that_once_made_wrong_facts(nlp: Language) -> None:
    # what did not happen
    assert not of_kind(run(nlp, "Eastvale would have gone top by beating Castlemoor.", "2025-03-12"), "match")
    # a possessor before an adjective owns the result
    doc = run(nlp, "Harbour City were through after Northbridge United's earlier 2-1 win at Castlemoor.",
              "2025-03-12")
    [match] = of_kind(doc, "match")
    assert teams(match) == {"club:northbridge-united", CASTLEMOOR}
    # a pronoun is never a new club
    doc = run(nlp, "Harbour City could not clinch it, as it was held to a 1-1 draw by Castlemoor.",
              "2025-03-12")
    assert not [e for e in doc._.tl_entities or [] if e["id"] == "club:it"]
