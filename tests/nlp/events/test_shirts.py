"""Shirt exchanges read from the ``shirt`` rule records, joined across the sentences that tell them."""

from __future__ import annotations

from typing import Any

import pytest
from events_helpers import of_kind, run
from spacy.language import Language


def _pipe(mode: str, nlp: Language, blank_nlp: Language) -> Language:
    return nlp if mode == "parsed" else blank_nlp


def _swaps(pipeline: Language, text: str) -> list[tuple[Any, ...]]:
    return [(e["fields"]["giver"], e["fields"]["receiver"], e["fields"]["via"], e["fields"]["mutual"])
            for e in of_kind(run(pipeline, text), "shirt_exchange")]


V, K, R, A = "player:tomas-verhoek", "player:sami-kallio", "player:pablo-ruiz", "player:ade-okonjo"


@pytest.mark.parametrize("mode", ["parsed", "rule-only"])
@pytest.mark.parametrize(("text", "want"), [
    ("Tomas Verhoek swapped shirts with Sami Kallio at full-time.", [(V, K, None, True)]),
    ("Tomas Verhoek and Sami Kallio exchanged jerseys after the final whistle.", [(V, K, None, True)]),
    ("After the game Tomas Verhoek gave his shirt to Sami Kallio.", [(V, K, None, None)]),
    ("Sami Kallio went home with Tomas Verhoek's shirt.", [(V, K, None, None)]),
    ("Sami Kallio asked for Tomas Verhoek's shirt. Pablo Ruiz came back with Verhoek's shirt for Kallio, "
     "who handed over his own in return.", [(V, K, R, True)]),
    ("Sami Kallio proudly showed off Tomas Verhoek's shirt, which he got from Pablo Ruiz.",
     [(V, K, R, None)]),
])
def test_an_exchange_is_read(mode: str, text: str, want: list[tuple[Any, ...]], nlp: Language,
                             blank_nlp: Language) -> None:
    assert _swaps(_pipe(mode, nlp, blank_nlp), text) == want


@pytest.mark.parametrize("mode", ["parsed", "rule-only"])
@pytest.mark.parametrize("text", [
    "Sami Kallio asked for Tomas Verhoek's shirt.",
    "Tomas Verhoek refused to swap shirts with Sami Kallio.",
    "Tomas Verhoek wanted to swap shirts with Sami Kallio.",
    "Sami Kallio was booked for pulling Tomas Verhoek's shirt.",
    "Tomas Verhoek gave his shirt to a young fan.",
    "Sami Kallio pulled on the Harbour City shirt for the first time.",
])
def test_no_exchange_that_did_not_happen(mode: str, text: str, nlp: Language, blank_nlp: Language) -> None:
    assert _swaps(_pipe(mode, nlp, blank_nlp), text) == []


def test_a_pronoun_subject_is_the_person_named_before(nlp: Language) -> None:
    text = "Tomas Verhoek was the best player on the pitch. Afterwards he swapped shirts with Sami Kallio."
    assert _swaps(nlp, text) == [(V, K, None, True)]


def test_two_pairs_told_one_after_the_other_stay_apart(nlp: Language) -> None:
    text = ("Tomas Verhoek swapped shirts with Sami Kallio. "
            "Ade Okonjo gave his shirt to Pablo Ruiz, who handed over his own in return.")
    assert sorted(_swaps(nlp, text)) == sorted([(V, K, None, True), (A, R, None, True)])
