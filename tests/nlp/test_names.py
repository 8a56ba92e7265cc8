"""How one person's name varies: honorifics, diminutives, accents, hyphens, surnames, junk."""

from __future__ import annotations

import pytest

from touchline.nlp import names


@pytest.mark.parametrize(("a", "b"), [
    ("Sir Alan Hartigan", "Alan Hartigan"),
    ("Rafa Benítez", "Rafael Benitez"),
    ("Mo Salah", "Mohamed Salah"),
    ("Mohammed Salah", "Mohamed Salah"),
    ("Ole Gunnar Solskjær", "Ole Gunnar Solskjaer"),
    ("Alex Oxlade-Chamberlain", "Alex Oxlade Chamberlain"),
    ("Arsène Wenger", "ARSENE WENGER"),
])
def test_spellings_of_one_name_share_a_key(a: str, b: str) -> None:
    assert names.parse(a).key == names.parse(b).key


@pytest.mark.parametrize(("a", "b"), [
    ("Steve Bruce", "Stephen Bruce"),  # "Steve" is short for two names
    ("Ole Gunnar Solskjaer", "Ole Solskjaer"),  # a middle name one of them lacks
    ("Jens Lehman", "Jens Lehmann"),  # a doubled letter
    ("Erling Håland", "Erling Haaland"),
    ("L. Messi", "Lionel Messi"),  # an initial
    ("Leo Messi", "Lionel Messi"),
])
def test_names_that_can_be_one_person(a: str, b: str) -> None:
    assert names.same_person(names.parse(a), names.parse(b))


@pytest.mark.parametrize(("a", "b"), [
    ("Gary Neville", "Phil Neville"),  # brothers share a surname
    ("Aaron Ramsey", "Aaron Ramsdale"),
    ("Tommy Docherty", "Tom Doherty"),  # alike on paper, two men
    ("Jordan Henderson", "Dean Henderson"),
])
def test_names_that_are_two_people(a: str, b: str) -> None:
    assert not names.same_person(names.parse(a), names.parse(b))


def test_a_misspelt_surname_needs_the_context_to_agree() -> None:
    a, b = names.parse("Cesc Faregas"), names.parse("Cesc Fabregas")
    assert not names.same_person(a, b)
    assert names.same_person(a, b, context_agrees=True)


def test_surname_with_particles_and_a_surname_alone() -> None:
    assert names.parse("Erik ten Hag") == names.PersonName(("erik",), "ten hag")
    assert names.parse("Ten Hag") == names.PersonName((), "ten hag")
    assert names.parse("Van Dijk").surname == names.parse("Virgil van Dijk").surname
    assert not names.parse("Hartigan").full


@pytest.mark.parametrize(("raw", "clean"), [
    ("Arsene Wenger - he", "Arsene Wenger"),
    ("Patrick Vieira - and", "Patrick Vieira"),
    ("Terry, Bridge", "Terry"),
    ("Luton v Hinckley/Brentford", "Luton"),
    ("Moyes U-turn", "Moyes"),
    ("Clemence Ross-van Dorp", "Clemence Ross-van Dorp"),
    ("Sir Alan Hartigan", "Sir Alan Hartigan"),
    ("Ivo Brandt\nHarbour news", "Ivo Brandt"),
])
def test_junk_glued_to_a_name_is_cut(raw: str, clean: str) -> None:
    assert names.clean_person_name(raw) == clean


def test_what_looks_like_a_persons_name() -> None:
    assert names.looks_like_person_name("Ana Lopes")
    assert names.looks_like_person_name("Erik ten Hag")
    assert not names.looks_like_person_name("BBC Sport")
    assert not names.looks_like_person_name("Premier League statement")
    assert not names.looks_like_person_name("Hartigan")
