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
