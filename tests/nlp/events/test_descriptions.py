"""A player told by a description ("the 24-year-old defender", "the former Eastvale centre-back"):
whom it stands for, and the club the article moves him to (own sentences, invented people and clubs)."""

from __future__ import annotations

from events_helpers import of_kind, run
from spacy.language import Language

MARSH, HARBOUR, CASTLEMOOR = "player:hugo-marsh", "club:harbour-city", "club:castlemoor"

STORY = ("Hugo Marsh has become one of the first names on Ivo Brandt's team sheet. The 24-year-old "
         "defender headed the winner in Saturday's 2-1 victory over Castlemoor, his third goal of the "
         "season.\n\nThe former Eastvale centre-back joined Harbour City in January and has started "
         "every league game since.")


def test_a_description_stands_for_the_player_its_sentence_before_is_about(nlp: Language) -> None:
    # Brandt is named in passing ("on Brandt's team sheet"); Marsh is what the sentence is about
    moves = [e["fields"] for e in of_kind(run(nlp, STORY, "2025-03-05"), "transfer")]
    assert [(m["player"], m["to_club"], m["status"]) for m in moves] == [(MARSH, HARBOUR, "completed")]


def test_the_club_he_joined_is_his_side_in_the_result_he_is_the_subject_of(nlp: Language) -> None:
    doc = run(nlp, STORY, "2025-03-05")
    [match] = of_kind(doc, "match")
    f = match["fields"]
    assert {f["home"]: f["home_score"], f["away"]: f["away_score"]} == {HARBOUR: 2, CASTLEMOOR: 1}
    assert match["date"] == "2025-03-01"


def test_a_move_long_before_the_report_says_nothing_of_his_club_now(nlp: Language) -> None:
    text = STORY.replace("in January", "in 2019")
    assert of_kind(run(nlp, text, "2025-03-05"), "match") == []


def test_a_coach_named_last_leaves_the_description_unread(nlp: Language) -> None:
    text = ("Ivo Brandt praised his players. The former Eastvale centre-back joined Harbour City in "
            "January.")
    assert of_kind(run(nlp, text, "2025-03-05"), "transfer") == []


def test_a_competition_or_region_that_describes_a_team_is_neither_a_club_nor_the_games_competition(
        nlp: Language) -> None:
    doc = run(nlp, "Harbour City drew 2-2 with Northshire rivals Castlemoor on Saturday.", "2025-03-10")
    assert not [e for e in doc._.tl_entities or [] if "northshire" in e["id"]]
    doc = run(nlp, "Eastvale beat Coastal League side Castlemoor 2-1 in the Atlantic Cup on Saturday.",
              "2025-03-10")
    [match] = of_kind(doc, "match")
    assert match["fields"]["competition"] == "competition:atlantic-cup"
    doc = run(nlp, "Eastvale beat Coastal League side Castlemoor 2-1 on Saturday.", "2025-03-10")
    [match] = of_kind(doc, "match")
    assert match["fields"]["competition"] is None  # the league says who Castlemoor are, not where they played


def test_a_draw_placed_by_a_ground_is_against_its_club(nlp: Language) -> None:
    doc = run(nlp, "Castlemoor earned their point after a battling 2-2 draw at Gull Park on Saturday.",
              "2025-03-10")
    [match] = of_kind(doc, "match")
    assert (match["fields"]["home"], match["fields"]["away"]) == (HARBOUR, CASTLEMOOR)
    assert (match["fields"]["home_score"], match["fields"]["away_score"]) == (2, 2)
