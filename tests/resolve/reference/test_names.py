"""Team names of result files mapped to gazetteer clubs: exact forms first, spelling within a country."""

from __future__ import annotations

from touchline.resolve.reference.names import ClubNames, name_key

CLUBS = [
    {"id": "club:harbour-city", "kind": "club", "name": "Harbour City",
     "aliases": ["Harbour City FC", "HCFC"], "attrs": {"country": "eng"}},
    {"id": "club:harbour-city-ua", "kind": "club", "name": "Harbour City Kyiv",
     "aliases": ["Harbour City"], "attrs": {"country": "ua"}},
    {"id": "club:olympiacos", "kind": "club", "name": "Olympiacos Piraeus", "aliases": [],
     "attrs": {"country": "gr"}},
    {"id": "club:vale-rovers", "kind": "club", "name": "Vale Rovers", "aliases": [],
     "attrs": {"country": "wal"}},
    {"id": "club:fh-town", "kind": "club", "name": "FH Hafnarfjordur", "aliases": [],
     "attrs": {"country": "is"}},
]


def names() -> ClubNames:
    return ClubNames.from_entries(CLUBS)


def test_exact_forms_and_the_country_breaks_ties() -> None:
    n = names()
    assert n.lookup("Harbour City FC", "eng").club == "club:harbour-city"
    assert n.lookup("Harbour City", "ua").club == "club:harbour-city-ua"
    assert n.lookup("Harbour City", None).method == "ambiguous"


def test_a_written_country_code_never_takes_another_countrys_club() -> None:
    assert names().lookup("Vale Rovers", "sco", explicit=True).club is None
    # a file's own country is only a tie-breaker: Welsh clubs play in English leagues
    assert names().lookup("Vale Rovers", "eng").club == "club:vale-rovers"


def test_spelling_variants_by_rapidfuzz_but_never_reserves_or_other_initials() -> None:
    n = names()
    found = n.lookup("Olympiakos Piraeus", "gr")
    assert (found.club, found.method) == ("club:olympiacos", "fuzzy")
    assert n.lookup("Olympiacos Piraeus B", "gr").club is None
    assert n.lookup("IH Hafnarfjordur", "is").club is None


def test_name_key_drops_legal_forms_and_accents() -> None:
    assert name_key("1. FC Köln") == name_key("FC Koln") == "koln"
    assert name_key("AS Saint-Étienne") == "saint-etienne"
