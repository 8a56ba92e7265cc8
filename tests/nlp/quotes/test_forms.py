"""Quote forms of football journalism, each in our own words with invented people.

The full pipeline runs (tl_entities finds the people the quotes are attributed to).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pytest
from spacy.language import Language

from touchline.nlp.pipeline import build_pipeline


@lru_cache(maxsize=1)
def full_pipeline() -> Language:
    return build_pipeline()


def quotes(text: str) -> list[dict[str, Any]]:
    return [q for q in full_pipeline()(text)._.tl_quotes if q["kind"] != "reported"]


def speakers(text: str) -> list[str | None]:
    return [q["speaker_name"] for q in quotes(text)]


@pytest.mark.parametrize("text", [
    # A label: title and name, then a colon; one speaker per paragraph, several in a row.
    'Harbour Athletic manager Ivo Brandt: "We defended well and took our chance."\n\n'
    'Kestrel Rovers boss Alan Hartigan: "We were second best all afternoon."',
    # The name first, the title after it.
    'Ivo Brandt, Harbour Athletic manager: "We defended well and took our chance."\n\n'
    'Alan Hartigan, Kestrel Rovers boss: "We were second best all afternoon."',
])
def test_label_before_the_quote_one_speaker_per_paragraph(text: str) -> None:
    assert speakers(text) == ["Ivo Brandt", "Alan Hartigan"]


def test_a_label_that_names_no_one_gives_no_speaker() -> None:
    text = 'Team news: "Three players are doubts for the weekend and one is out."'
    assert speakers(text) == [None]


def test_credit_after_the_quote() -> None:
    text = ('Harbour Athletic manager Ivo Brandt spoke before the derby.\n\n'
            '“He trained with the group today and should be available.” – Ivo Brandt on his captain\n\n'
            '“We respect them but we fear nobody.” - Alan Hartigan, Kestrel Rovers boss')
    assert speakers(text) == ["Ivo Brandt", "Alan Hartigan"]


def test_told_a_broadcaster_before_the_quote() -> None:
    text = 'Harbour Athletic striker Nico Falk told Sky Sports: "I just wanted to hit the target."'
    assert speakers(text) == ["Nico Falk"]


def test_said_name_after_the_quote() -> None:
    text = ('Harbour Athletic signed striker Nico Falk on Monday.\n\n'
            '"I am delighted to be here," said Falk, who has signed a three-year contract.')
    assert speakers(text) == ["Nico Falk"]


def test_a_surname_written_without_its_accents_is_the_same_person() -> None:
    text = ('Harbour Athletic have signed the striker Jörg Kästner from Kestrel Rovers.\n\n'
            '"This club has ambition," said Kastner.')
    assert speakers(text) == ["Jörg Kästner"]


def test_quote_run_over_paragraphs_keeps_its_speaker() -> None:
    text = ('Ivo Brandt said: "We started slowly and paid for it.\n\n'
            '"After the break we were much better and deserved the point.\n\n'
            '"Now we go again on Tuesday."')
    [q] = quotes(text)
    assert q["speaker_name"] == "Ivo Brandt"
    assert len(q["segments"]) == 3
    assert q["text"] == text[q["start"]:q["end"]]
    assert q["joined"].split("\n") == ["We started slowly and paid for it.",
                                       "After the break we were much better and deserved the point.",
                                       "Now we go again on Tuesday."]


def test_he_added_continues_the_speaker_past_a_sentence_about_someone_else() -> None:
    text = ('"We lost our shape," said Kestrel Rovers coach Alan Hartigan after the game.\n\n'
            'The coach also explained that the absence of Nico Falk had cost his side.\n\n'
            '"We missed his energy in midfield," he added.')
    assert speakers(text) == ["Alan Hartigan", "Alan Hartigan"]


def test_he_added_after_someone_else_took_the_floor() -> None:
    text = ('"We lost our shape," said Kestrel Rovers coach Alan Hartigan.\n\n'
            'Kestrel Rovers captain Nico Falk agreed with his manager. '
            '"We have to look at ourselves," he added.')
    assert speakers(text) == ["Alan Hartigan", "Nico Falk"]


def test_headline_speaker_for_the_quotes_that_follow() -> None:
    text = ('Brandt says Harbour Athletic can still go up\n\n'
            'Harbour Athletic manager Ivo Brandt believes his side can still win promotion after a '
            'third straight win.\n\n'
            '"There are ten games left and we are only four points behind," he said.\n\n'
            '"Nobody in the dressing room has given up."')
    assert speakers(text) == ["Ivo Brandt", "Ivo Brandt"]


def test_a_club_statement_is_the_clubs() -> None:
    text = ('Harbour Athletic have parted company with manager Ivo Brandt after two years in charge.\n\n'
            'Harbour Athletic said: "The board thanks Ivo for his hard work and wishes him well."\n\n'
            '"A new manager will be named in due course," the club statement added.')
    assert speakers(text) == ["Harbour Athletic", "Harbour Athletic"]


def test_the_rival_managers_description_is_not_the_last_named_person() -> None:
    text = ('Harbour Athletic beat Kestrel Rovers 2-1 on Saturday.\n\n'
            'Nico Falk headed the winner for Harbour Athletic eight minutes from time.\n\n'
            'The Kestrel Rovers boss admitted his side had been second best. '
            '"We did not deserve anything today," he said.')
    assert speakers(text) == [None]


@pytest.mark.parametrize("text", [
    # A curly opening mark where the closing one belongs.
    '"We were poor from the first minute,“ said Harbour Athletic manager Ivo Brandt. "Nobody can be happy."',
    # German marks: the closing mark is the English opening glyph.
    '„We were poor from the first minute“, said Harbour Athletic manager Ivo Brandt. „Nobody can be happy.“',
])
def test_mismatched_and_foreign_marks_never_swallow_the_attribution(text: str) -> None:
    found = quotes(text)
    assert [q["text"].rstrip(",") for q in found] == ["We were poor from the first minute",
                                                      "Nobody can be happy."]
    assert [q["speaker_name"] for q in found] == ["Ivo Brandt", "Ivo Brandt"]
    for q in found:
        assert "said" not in q["text"]
        assert q["text"] == text[q["start"]:q["end"]]


def test_partial_and_reported_speech_stay_apart_from_direct_quotes() -> None:
    text = ('Ivo Brandt admitted that his side had been "second best for long spells" at Kestrel Rovers. '
            'Brandt claimed after the match that the referee had missed a clear penalty.')
    found = full_pipeline()(text)._.tl_quotes
    kinds = {q["kind"] for q in found}
    assert "direct" not in kinds
    assert "partial" in kinds and "reported" in kinds


@pytest.mark.parametrize("text", [
    'Harbour Athletic lost 2-0 at home.\n\n"We were poor," said the Harbour Athletic manager, Ivo Brandt.',
    'Harbour Athletic lost 2-0 at home.\n\nThe Harbour Athletic manager, Ivo Brandt, said: "We were poor."',
])
def test_a_description_with_the_name_in_apposition(text: str) -> None:
    assert speakers(text) == ["Ivo Brandt"]


def test_the_age_of_a_player_refers_back_to_him() -> None:
    text = ('Harbour Athletic have signed Kestrel Rovers midfielder Nico Falk until the end of the '
            'season.\n\n"It was an easy decision," the 34-year-old told the club website.')
    assert speakers(text) == ["Nico Falk"]


@pytest.mark.parametrize("text", [
    # The subject is described, and nothing before it fits: not the man named after it.
    'Kestrel Rovers lost the derby on Sunday.\n\n'
    'The Brazilian confirmed tempers had flared but saw nothing thrown at Harbour boss Ivo Brandt. '
    '"I saw people being pulled apart," he told the club website.',
    # The subject is a name nobody recognised: not the player named in passing.
    'Marquinhos was critical of the tackles on Kestrel Rovers winger Nico Falk. '
    '"We were a lot fairer than them," he said.',
    # A spokesman is not whoever was named last.
    'Harbour Athletic left Nico Falk out of the squad for the trip. A Harbour spokesman said the '
    'decision was about fitness. "He has back pain and could not train," the spokesman said.',
])
def test_pronouns_and_descriptions_never_jump_to_a_bystander(text: str) -> None:
    assert "Nico Falk" not in speakers(text) and "Ivo Brandt" not in speakers(text)


def test_a_description_follows_the_subject_pronoun_not_the_scorers_named_after_it() -> None:
    text = ('Kestrel Rovers captain Nico Falk scored the second goal.\n\n'
            'He admitted the win, which included goals from Ivo Brandt and Carl Moyer, was not pretty. '
            '"It was not our best display," the Dutchman said.')
    assert speakers(text) == ["Nico Falk"]


def test_the_boss_is_a_known_coach_or_the_subject_just_before() -> None:
    text = ('Kestrel Rovers legend Carl Moyer has urged Nico Falk to stay.\n\n'
            'The former Kestrel Rovers assistant boss also warned against a move abroad. '
            'He told reporters: "He should stay here."')
    assert "Nico Falk" not in speakers(text)
