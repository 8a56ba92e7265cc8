"""tl_entities: mentions resolved through gazetteer, NER, context, surnames and descriptors."""

from __future__ import annotations

import pytest
from spacy.language import Language

import touchline.nlp.gazetteer  # noqa: F401  (registers tl_gazetteer)
from touchline.nlp.entities import entity_at, mention_at
from touchline.nlp.pipeline import load_base

ENTRIES = [
    {"id": "club:harbour-city", "kind": "club", "name": "Harbour City", "aliases": ["the Mariners"],
     "attrs": {"country": "eng"}},
    {"id": "club:castellon-real", "kind": "club", "name": "Castellon Real", "aliases": [],
     "attrs": {"country": "es"}},
    {"id": "club:vale-rovers", "kind": "club", "name": "Vale Rovers", "aliases": [],
     "attrs": {"country": "eng"}},
    {"id": "player:tomas-ferreiro", "kind": "player", "name": "Tomas Ferreiro", "aliases": [],
     "attrs": {"position": "DF", "nationality": "ESP", "birth_year": 2003,
               "clubs": [{"club": "club:harbour-city", "season": "2024-25"}],
               "former_clubs": ["club:vale-rovers"]}},
    {"id": "player:pieter-van-hoorn", "kind": "player", "name": "Pieter van Hoorn", "aliases": [],
     "attrs": {"position": "FW", "nationality": "NED", "birth_year": 1995,
               "clubs": [{"club": "club:castellon-real", "season": "2024-25"}]}},
    {"id": "coach:oskar-brandtner", "kind": "coach", "name": "Oskar Brandtner", "aliases": [],
     "attrs": {"roles": [
         {"team": "club:vale-rovers", "role": "head_coach", "start": "2019-07-01", "end": "2024-05-31"},
         {"team": "club:harbour-city", "role": "head_coach", "start": "2024-06-01", "end": None}]}},
    {"id": "national_team:spain", "kind": "national_team", "name": "Spain", "aliases": [],
     "attrs": {"fifa": "ESP", "club_country": "es", "demonyms": ["Spanish"],
               "demonym_nouns": ["Spaniard"]}},
    {"id": "national_team:netherlands", "kind": "national_team", "name": "Netherlands", "aliases": [],
     "attrs": {"fifa": "NED", "club_country": "nl", "demonyms": ["Dutch"], "demonym_nouns": ["Dutchman"]}},
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = load_base()
    nlp.add_pipe("tl_gazetteer").initialize(entries=ENTRIES)
    nlp.add_pipe("tl_entities")
    return nlp


def _run(nlp: Language, text: str, dct: str | None = "2025-02-10"):
    doc = nlp.make_doc(text)
    doc._.dct = dct
    return nlp(doc)


def _resolved(doc) -> dict[str, str | None]:
    return {m["text"]: m["entity"] for m in doc._.tl_mentions}


def test_surname_joins_full_name(nlp: Language) -> None:
    doc = _run(nlp, "Tomas Ferreiro signed a new deal on Monday. Ferreiro said he was delighted.")
    m = [m for m in doc._.tl_mentions if m["text"] == "Ferreiro"]
    assert m and m[0]["entity"] == "player:tomas-ferreiro" and m[0]["method"] == "surname"


def test_position_descriptor_takes_the_fitting_person(nlp: Language) -> None:
    doc = _run(nlp, "Pieter van Hoorn passed to Tomas Ferreiro. Later the striker scored again.")
    assert _resolved(doc)["the striker"] == "player:pieter-van-hoorn"


def test_demonym_and_age_descriptors(nlp: Language) -> None:
    doc = _run(nlp, "Tomas Ferreiro and Pieter van Hoorn both started. The Dutchman was booked, "
                    "while the 21-year-old impressed.")
    got = _resolved(doc)
    assert got["The Dutchman"] == "player:pieter-van-hoorn"
    assert got["the 21-year-old"] == "player:tomas-ferreiro"


def test_former_club_descriptor(nlp: Language) -> None:
    doc = _run(nlp, "Pieter van Hoorn watched Tomas Ferreiro closely. The former Vale Rovers defender "
                    "stayed calm.")
    assert _resolved(doc)["The former Vale Rovers defender"] == "player:tomas-ferreiro"


def test_descriptor_left_unresolved_when_nothing_fits(nlp: Language) -> None:
    doc = _run(nlp, "Pieter van Hoorn scored twice. The goalkeeper could do nothing.")
    assert _resolved(doc)["The goalkeeper"] is None


def test_coach_possessive_uses_role_as_of_article_date(nlp: Language) -> None:
    text = "Oskar Brandtner was pleased. Brandtner's men have won five in a row."
    assert _resolved(_run(nlp, text, "2025-02-10"))["Brandtner's men"] == "club:harbour-city"
    assert _resolved(_run(nlp, text, "2023-02-10"))["Brandtner's men"] == "club:vale-rovers"


def test_country_descriptor_picks_latest_club_of_that_country(nlp: Language) -> None:
    doc = _run(nlp, "Castellon Real travelled to face Harbour City. The Spanish giants lost.")
    assert _resolved(doc)["The Spanish giants"] == "club:castellon-real"


def test_nickname_and_name_are_one_entity(nlp: Language) -> None:
    doc = _run(nlp, "Harbour City won again. It was a fine night for the Mariners.")
    ids = {m["entity"] for m in doc._.tl_mentions if m["kind"] == "club"}
    assert ids == {"club:harbour-city"}


def test_context_pattern_finds_unknown_player(nlp: Language) -> None:
    doc = _run(nlp, "Harbour City star Ronan Pelling was injured in training on Tuesday.")
    m = next(m for m in doc._.tl_mentions if m["text"] == "Ronan Pelling")
    assert (m["kind"], m["entity"], m["method"]) == ("player", "player:ronan-pelling", "context")
    ent = next(e for e in doc._.tl_entities if e["id"] == "player:ronan-pelling")
    assert ent["attrs"]["stated"]["club"] == "club:harbour-city"


def test_entities_list_every_referenced_entity(nlp: Language) -> None:
    doc = _run(nlp, "Tomas Ferreiro joined Harbour City.")
    assert {e["id"] for e in doc._.tl_entities} == {"player:tomas-ferreiro", "club:harbour-city"}
    assert all(set(e) == {"id", "kind", "name", "aliases", "attrs"} for e in doc._.tl_entities)


def test_mention_at_looks_up_by_character_offsets(nlp: Language) -> None:
    text = "Tomas Ferreiro joined Harbour City."
    doc = _run(nlp, text)
    start = text.index("Harbour")
    assert entity_at(doc, start, start + len("Harbour City")) == "club:harbour-city"
    assert mention_at(doc, 0, 5)["entity"] == "player:tomas-ferreiro"  # type: ignore[index]
    assert mention_at(doc, text.index("joined"), text.index("joined") + 6) is None


def test_package_gazetteer_on_own_text() -> None:
    nlp = load_base()
    nlp.add_pipe("tl_gazetteer")
    nlp.add_pipe("tl_entities")
    doc = nlp.make_doc("Liverpool beat Real Madrid at Anfield. Arne Slot's side were better and "
                       "the Reds deserved it, while Los Blancos struggled.")
    doc._.dct = "2024-11-28"
    doc = nlp(doc)
    got = _resolved(doc)
    assert got["Anfield"] == "venue:anfield"
    assert got["the Reds"] == got["Liverpool"] == got["Arne Slot's side"] == "club:liverpool"
    assert got["Los Blancos"] == "club:real-madrid"
    assert got["Arne Slot"] == "coach:arne-slot"


def test_running_twice_gives_same_mentions(nlp: Language) -> None:
    doc = _run(nlp, "Tomas Ferreiro scored. Ferreiro celebrated.")
    before = list(doc._.tl_mentions)
    nlp.get_pipe("tl_entities")(doc)
    assert doc._.tl_mentions == before


def test_n_process_2_keeps_plain_data(nlp: Language) -> None:
    docs = list(nlp.pipe(["Tomas Ferreiro scored.", "Harbour City won."], n_process=2))
    assert [d._.tl_mentions[0]["entity"] for d in docs] == ["player:tomas-ferreiro", "club:harbour-city"]


def test_unknown_clubs_and_grounds_typed_by_their_names_never_people(full_nlp: Language) -> None:
    nlp = full_nlp
    doc = nlp.make_doc("Northbridge Rovers 3-3 Kestrel Town was the pick of the games at Harrow Lane. "
                       "Castelmar FC lost to Halloway City, and Castelmar now sit ninth.")
    doc._.dct = "2025-04-06"
    doc = nlp(doc)
    kinds = {m["text"]: (m["kind"], m["entity"]) for m in doc._.tl_mentions}
    assert kinds["Northbridge Rovers"] == ("club", "club:northbridge-rovers")
    assert kinds["Kestrel Town"] == ("club", "club:kestrel-town")
    assert kinds["Harrow Lane"] == ("venue", "venue:harrow-lane")
    assert kinds["Castelmar FC"] == ("club", "club:castelmar-fc")
    assert kinds["Castelmar"] == ("club", "club:castelmar-fc")
    assert not any(e["kind"] == "person" and "Rovers" in e["name"] for e in doc._.tl_entities)


def test_gazetteer_person_found_under_another_spelling_and_scores_are_not_people(full_nlp: Language) -> None:
    nlp = full_nlp
    doc = nlp.make_doc("Manchester United appointed Rúben Amorim on Friday. "
                       "Everton 2-1 Brentford was the late game.")
    doc._.dct = "2024-11-02"
    doc = nlp(doc)
    by_text = {m["text"]: m["entity"] for m in doc._.tl_mentions}
    assert by_text["Rúben Amorim"] == "coach:ruben-amorim"
    assert by_text["Everton"] == "club:everton" and by_text["Brentford"] == "club:brentford"
    assert not any(any(c.isdigit() for c in e["name"]) for e in doc._.tl_entities)


def test_capitalised_particle_surname_joins_the_full_name(full_nlp: Language) -> None:
    nlp = full_nlp
    doc = nlp.make_doc("Virgil van Dijk headed the winner for Liverpool. "
                       "Afterwards Van Dijk's shirt went to a young fan.")
    doc._.dct = "2024-12-02"
    doc = nlp(doc)
    assert {m["text"]: m["entity"] for m in doc._.tl_mentions}["Van Dijk"] == "player:virgil-van-dijk"


@pytest.mark.parametrize(("text", "expected"), [
    ("Spain went on to beat Georgia 4-1 in Cologne.",
     {"Spain": "national_team:spain", "Georgia": "national_team:georgia"}),
    ("She moved to Georgia in 2019.", {}),
    ("The Dutch came from behind to beat Turkey 2-1 on Saturday.",
     {"The Dutch": "national_team:netherlands", "Turkey": "national_team:turkey"}),
    ("AC Milan lost 2-1 in Madrid on Tuesday.", {"AC Milan": "club:ac-milan"}),
    ("Madrid beat Milan on Sunday.", {"Madrid": "club:real-madrid", "Milan": "club:ac-milan"}),
    # after a result verb, "at" names the club played away to, not the town
    ("Preston drew at Ipswich on Saturday.", {"Preston": "club:preston-north-end",
                                                "Ipswich": "club:ipswich-town"}),
    ("The charity walk finished at Ipswich on Saturday.", {}),
])
def test_shared_names_resolve_only_in_a_football_reading(full_nlp: Language, text: str,
                                                          expected: dict[str, str]) -> None:
    nlp = full_nlp
    doc = nlp.make_doc(text)
    doc._.dct = "2024-07-08"
    doc = nlp(doc)
    found = {m["text"]: m["entity"] for m in doc._.tl_mentions if m["entity"]}
    assert found == expected


@pytest.mark.parametrize(("text", "word", "expected"), [
    # the last word of the one club the article names in full
    ("Vale Rovers beat Harbour City on Saturday. Rovers are third in the table.", "Rovers",
     "club:vale-rovers"),
    ("Kestrel Rovers beat Harbour City. Rovers, third in the table, travel to Castlemoor Town next.",
     "Rovers", "club:kestrel-rovers"),
    # two clubs of the article end with it: nobody can say which
    ("Kestrel Rovers lost to Harbour City and Ashby Rovers won. Rovers were poor.", "Rovers", None),
    # part of another name, or a city
    ("Vale Rovers lost to Harbour City. Blackburn Rovers won.", "Rovers", None),
])
def test_a_club_named_in_full_is_then_named_by_its_last_word(nlp: Language, text: str, word: str,
                                                             expected: str | None) -> None:
    doc = _run(nlp, text)
    linked = [m["entity"] for m in doc._.tl_mentions if m["text"] == word and m["entity"]]
    assert linked == ([expected] if expected else [])
