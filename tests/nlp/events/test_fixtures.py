"""Fixtures: pairings told about the future, with the right home side (own sentences)."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from touchline.nlp.pipeline import build_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


def fixtures(nlp: Language, text: str, dct: str) -> list[tuple[Any, Any]]:
    doc = nlp.make_doc(text)
    doc._.dct = dct
    events = nlp(doc)._.tl_events
    return [(e["fields"]["home"], e["fields"]["away"]) for e in events if e["kind"] == "fixture"]


def test_cup_draw_pairs_two_ties_each_with_its_own_host(nlp: Language) -> None:
    found = fixtures(nlp, "Arsenal were drawn at home to Stoke and Chelsea will play host to Scunthorpe.",
                     "2005-01-10")
    assert sorted(found) == [("club:arsenal", "club:stoke-city"), ("club:chelsea", "club:scunthorpe-united")]


def test_a_pairing_told_in_the_past_is_no_fixture(nlp: Language) -> None:
    assert fixtures(nlp, "Because the defeat came against Chelsea, the coach will face questions.",
                    "2005-03-01") == []


def test_the_visit_of_a_team_makes_it_the_away_side(nlp: Language) -> None:
    found = fixtures(nlp, "Ireland will finish the group in October with the visit of Switzerland.",
                     "2005-03-01")
    assert found == [("national_team:republic-of-ireland", "national_team:switzerland")]
