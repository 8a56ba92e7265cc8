"""Names as a user types them: id, name, alias, another spelling, an unambiguous surname."""

from __future__ import annotations

from datetime import date

import pytest

from touchline.ingest import make_article
from touchline.model import Analysis, Entity
from touchline.query.lookup import AmbiguousName, UnknownName, find_entities, resolve_entity
from touchline.store import WriteBatch
from touchline.store.memory import MemoryStore

ENTITIES = (
    Entity("person:alan-hartigan", "coach", "Alan Hartigan", ("Sir Alan Hartigan",)),
    Entity("person:callum-reddy", "player", "Callum Reddy"),
    Entity("person:sam-reddy", "player", "Sam Reddy"),
    Entity("person:rafael-benitez", "coach", "Rafael Benítez"),
    Entity("club:kestrel-rovers", "club", "Kestrel Rovers", ("The Kestrels",)),
    Entity("club:castlemoor-fc", "club", "Castlemoor FC"),
    Entity("club:harbour-athletic", "club", "Harbour Athletic", ("United",)),
    Entity("club:millbrook-united", "club", "Millbrook United", ("United",)),
)


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    s = MemoryStore()
    art = make_article("Names.", source="names.txt", published=date(2019, 8, 10))
    s.write(WriteBatch([Analysis(article=art, entities=ENTITIES)]))
    return s


@pytest.mark.parametrize(("name", "eid"), [
    ("person:alan-hartigan", "person:alan-hartigan"),
    ("Alan Hartigan", "person:alan-hartigan"),
    ("alan hartigan", "person:alan-hartigan"),
    ("Sir Alan Hartigan", "person:alan-hartigan"),
    ("Hartigan", "person:alan-hartigan"),
    ("Rafa Benitez", "person:rafael-benitez"),
    ("Benítez", "person:rafael-benitez"),
    ("Kestrel Rovers", "club:kestrel-rovers"),
    ("the Kestrels", "club:kestrel-rovers"),
    ("Castlemoor", "club:castlemoor-fc"),
])
def test_any_name_finds_the_one_entity(store: MemoryStore, name: str, eid: str) -> None:
    assert resolve_entity(store, name).id == eid


def test_a_shared_surname_lists_the_candidates(store: MemoryStore) -> None:
    with pytest.raises(AmbiguousName) as err:
        resolve_entity(store, "Reddy")
    assert [e.id for e in err.value.candidates] == ["person:callum-reddy", "person:sam-reddy"]
    assert "\n" not in str(err.value) and "Callum Reddy" in str(err.value)


def test_a_shared_alias_lists_the_candidates(store: MemoryStore) -> None:
    assert len(find_entities(store, "United")) == 2
    with pytest.raises(AmbiguousName):
        resolve_entity(store, "United")


def test_an_unknown_name_says_so(store: MemoryStore) -> None:
    with pytest.raises(UnknownName) as err:
        resolve_entity(store, "Nobody Atall")
    assert str(err.value) == "no entity named 'Nobody Atall'"
    assert find_entities(store, "Nobody Atall") == []
