"""openfootball's club lists read into gazetteer entries (touchline.nlp.openfootball.parse_clubs)."""

from __future__ import annotations

from touchline.nlp.openfootball import parse_clubs

CLUBS = """= Testland

Harbour Athletic, 1901, Quayford
  | Harbour | Harbour Ath.,
 Moor Rovers,  1920, Moorton
    | Moor
Hill United, city:hilltown
  | Hill Utd
  Old Road 1 // Quayford
"""


def test_indented_club_line_is_a_club_and_keeps_its_aliases() -> None:
    clubs = {c["name"]: c for c in parse_clubs(CLUBS, "tl")}
    assert clubs["Harbour Athletic"]["aliases"] == ["Harbour", "Harbour Ath."]
    assert clubs["Moor Rovers"]["aliases"] == ["Moor"]
    assert clubs["Moor Rovers"]["attrs"] == {"country": "tl", "city": "Moorton", "founded": 1920}


def test_city_key_is_no_city_and_address_lines_are_skipped() -> None:
    hill = next(c for c in parse_clubs(CLUBS, "tl") if c["name"] == "Hill United")
    assert hill["attrs"] == {"country": "tl"}
    assert hill["aliases"] == ["Hill Utd"]
