"""The package gazetteer on our own text: clubs outside Europe, women's clubs, English press
names, and the places and words that must never stand alone for a club."""

from __future__ import annotations

import pytest
from spacy.language import Language

from touchline.nlp import gazetteer_data


def _mentions(nlp: Language, text: str) -> dict[str, str | None]:
    doc = nlp.make_doc(text)
    doc._.dct = "2024-05-12"
    doc = nlp(doc)
    return {m["text"]: m["entity"] for m in doc._.tl_mentions}


@pytest.mark.parametrize(("text", "expected"), [
    ("Portland Thorns beat OL Reign 2-0 at Providence Park in the NWSL, while Houston Dash drew with "
     "Angel City.",
     {"Portland Thorns": "club:portland-thorns", "OL Reign": "club:seattle-reign",
      "Providence Park": "venue:providence-park", "NWSL": "competition:nwsl",
      "Houston Dash": "club:houston-dash", "Angel City": "club:angel-city-fc"}),
    ("Sporting Kansas City signed a striker from Chivas after LA Galaxy and Philadelphia Union passed.",
     {"Sporting Kansas City": "club:sporting-kansas-city", "Chivas": "club:guadalajara-chivas",
      "LA Galaxy": "club:la-galaxy", "Philadelphia Union": "club:philadelphia-union"}),
    ("Flamengo and Boca Juniors met in the Copa Libertadores; Al-Nassr watched.",
     {"Flamengo": "club:flamengo-rj", "Boca Juniors": "club:boca-juniors",
      "Copa Libertadores": "competition:copa-libertadores", "Al-Nassr": "club:al-nassr"}),
    ("FC Cologne beat Sporting Lisbon, Olympiakos lost to Gladbach and Brondby drew.",
     {"FC Cologne": "club:koln", "Sporting Lisbon": "club:sporting-cp",
      "Olympiakos": "club:olympiacos-piraeus", "Gladbach": "club:bor-monchengladbach",
      "Brondby": "club:brøndby-if"}),
    ("Pompey drew with the Owls, Hibs beat the Gers and Chelsea Women won the WSL.",
     {"Pompey": "club:portsmouth", "the Owls": "club:sheffield-wednesday", "Hibs": "club:hibernian",
      "the Gers": "club:rangers", "Chelsea Women": "club:chelsea-women",
      "WSL": "competition:womens-super-league"}),
])
def test_clubs_and_press_names_are_found(full_nlp: Language, text: str, expected: dict[str, str]) -> None:
    found = _mentions(full_nlp, text)
    assert {k: found.get(k) for k in expected} == expected


@pytest.mark.parametrize("text", [
    "Portland and Houston are both hot in summer, and Orlando is hotter.",
    "He told BBC Sport about the River in Seattle.",
    "The Palace said the king would attend.",
])
def test_places_and_words_never_stand_alone_for_a_club(full_nlp: Language, text: str) -> None:
    clubs = {v for v in _mentions(full_nlp, text).values() if v and v.startswith("club:")}
    assert clubs == set()


def test_shared_short_form_resolves_to_the_club_the_article_names(full_nlp: Language) -> None:
    found = _mentions(full_nlp, "Middlesbrough won again. Boro are third.")
    assert found["Boro"] == "club:middlesbrough"


def test_european_name_is_never_taken_by_a_club_abroad() -> None:
    data = gazetteer_data.load()
    for form, owner in [("Liverpool", "club:liverpool"), ("Arsenal", "club:arsenal"),
                        ("Everton", "club:everton"), ("Barcelona", "club:barcelona")]:
        assert data.owner(form) == owner
    assert data.entries["club:portland-thorns"]["attrs"]["women"] is True
    assert {"Portland", "Houston", "Orlando", "Union"} <= data.ambiguous
    assert not {"Galaxy", "Current", "Courage", "Reign", "Thorns"} & set(data.by_alias)
