"""The index helpers other writers of events call: rows follow the events as stored."""

from __future__ import annotations

from sqlalchemy import delete, select, update

from touchline.query.matches import matches
from touchline.store import open_store
from touchline.store import schema as t
from touchline.store.indexing import fold_words, index_stored_events, unindex_events
from touchline.store.sql import SqlStore

from ..query.world import EASTVALE, HARBOUR, UNITED, fill


def test_rewritten_and_deleted_events_keep_their_entity_rows_in_step(db_url: str) -> None:
    store = open_store(db_url)
    assert isinstance(store, SqlStore)
    try:
        fill(store)
        ee = t.event_entities
        with store.engine.begin() as conn:
            conn.execute(update(t.events).where(t.events.c.id == "match:har-nu-0301")
                         .values(fields={"home": HARBOUR.id, "away": EASTVALE.id}))
            unindex_events(conn, ["match:cas-nu-04"])
            conn.execute(delete(t.event_sources).where(t.event_sources.c.event_id == "match:cas-nu-04"))
            conn.execute(delete(t.events).where(t.events.c.id == "match:cas-nu-04"))
            index_stored_events(conn, ["match:har-nu-0301", "match:cas-nu-04"])
            rows = set(conn.execute(select(ee.c.entity_id, ee.c.role, ee.c.kind)
                                    .where(ee.c.event_id.in_(["match:har-nu-0301", "match:cas-nu-04"]))))
        assert rows == {(HARBOUR.id, "home", "match"), (EASTVALE.id, "away", "match")}
        assert [e.id for e in matches(store, UNITED.id).events] == ["match:nu-cas-0214"]
    finally:
        store.close()


def test_folded_words() -> None:
    assert fold_words("Ødegaard's “late” header, Müller & Solskjær 2-1") == (
        "odegaard s late header muller solskjaer 2 1")
