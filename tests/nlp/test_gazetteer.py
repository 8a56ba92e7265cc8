"""tl_gazetteer: names and aliases matched from the gazetteer into doc.spans["tl_ents"]."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import touchline.nlp.gazetteer  # noqa: F401  (registers the factory)
from touchline.nlp import gazetteer_data

ENTRIES = [
    {"id": "club:harbour-city", "kind": "club", "name": "Harbour City",
     "aliases": ["Harbour City FC", "the Mariners"], "attrs": {"country": "eng"}},
    {"id": "club:moor-city", "kind": "club", "name": "Moor City", "aliases": ["Moorlanders"],
     "attrs": {"country": "eng"}},
    {"id": "venue:quay-park", "kind": "venue", "name": "Quay Park", "aliases": [],
     "attrs": {"clubs": ["club:harbour-city"]}},
    {"id": "player:tomas-ferreiro", "kind": "player", "name": "Tomás Ferreiro", "aliases": [],
     "attrs": {"position": "DF", "nationality": "ESP", "birth_year": 2001}},
]


def _spans(doc):
    return [(s.text, s.label_, s.id_) for s in doc.spans["tl_ents"]]


@pytest.fixture
def nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("tl_gazetteer").initialize(entries=ENTRIES, ambiguous=["City"])
    return nlp


def test_matches_names_and_aliases(nlp: Language) -> None:
    doc = nlp("Harbour City FC beat Moor City at Quay Park.")
    assert _spans(doc) == [("Harbour City FC", "club", "club:harbour-city"),
                           ("Moor City", "club", "club:moor-city"),
                           ("Quay Park", "venue", "venue:quay-park")]


def test_nickname_with_article_matches_in_either_case(nlp: Language) -> None:
    doc = nlp("The Mariners won. It was a good night for the Mariners.")
    assert [s.id_ for s in doc.spans["tl_ents"]] == ["club:harbour-city", "club:harbour-city"]


def test_accentless_spelling_matches(nlp: Language) -> None:
    doc = nlp("Tomas Ferreiro scored.")
    assert _spans(doc) == [("Tomas Ferreiro", "player", "player:tomas-ferreiro")]


def test_ambiguous_alias_is_context_only(nlp: Language) -> None:
    doc = nlp("City were poor.")
    assert _spans(doc) == []
    assert [s.text for s in doc.spans["tl_ents_context"]] == ["City"]


def test_longest_match_wins(nlp: Language) -> None:
    doc = nlp("Harbour City FC won.")
    assert len(doc.spans["tl_ents"]) == 1


def test_running_twice_gives_same_doc(nlp: Language) -> None:
    doc = nlp("Moor City lost.")
    again = nlp.get_pipe("tl_gazetteer")(doc)
    assert _spans(again) == [("Moor City", "club", "club:moor-city")]


def test_bytes_round_trip(nlp: Language) -> None:
    other = spacy.blank("en")
    other.add_pipe("tl_gazetteer").from_bytes(nlp.get_pipe("tl_gazetteer").to_bytes())
    assert _spans(other("Quay Park")) == [("Quay Park", "venue", "venue:quay-park")]


def test_disk_round_trip(nlp: Language, tmp_path: Path) -> None:
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    assert _spans(loaded("the Mariners")) == [("the Mariners", "club", "club:harbour-city")]


def test_n_process_2(nlp: Language) -> None:
    docs = list(nlp.pipe(["Moor City", "Quay Park"], n_process=2))
    assert [d.spans["tl_ents"][0].id_ for d in docs] == ["club:moor-city", "venue:quay-park"]


def test_package_gazetteer_knows_football(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(gazetteer_data.ENV_DIR, raising=False)
    nlp = spacy.blank("en")
    nlp.add_pipe("tl_gazetteer")
    doc = nlp("The Reds beat Real Madrid at Anfield in the Champions League.")
    assert _spans(doc) == [("The Reds", "club", "club:liverpool"),
                           ("Real Madrid", "club", "club:real-madrid"),
                           ("Anfield", "venue", "venue:anfield"),
                           ("Champions League", "competition", "competition:uefa-champions-league")]


def test_user_gazetteer_dir_adds_entries(tmp_path: Path) -> None:
    (tmp_path / "mine.jsonl").write_text(json.dumps(ENTRIES[1]) + "\n", encoding="utf-8")
    data = gazetteer_data.load(tmp_path)
    assert "club:moor-city" in data.entries
    assert "club:liverpool" in data.entries


def test_surname_of_keeps_particles() -> None:
    assert gazetteer_data.surname_of("Alexis Mac Allister") == "Mac Allister"
    assert gazetteer_data.surname_of("Virgil van Dijk") == "van Dijk"
    assert gazetteer_data.surname_of("Jude Bellingham") == "Bellingham"
