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
            # the resolver names events itself: take two stored matches, rewrite one, delete the other
            kept, gone = [r[0] for r in conn.execute(
                select(t.events.c.id).where(t.events.c.kind == "match").order_by(t.events.c.id).limit(2))]
            conn.execute(update(t.events).where(t.events.c.id == kept)
                         .values(fields={"home": HARBOUR.id, "away": EASTVALE.id}))
            unindex_events(conn, [gone])
            conn.execute(delete(t.event_sources).where(t.event_sources.c.event_id == gone))
            conn.execute(delete(t.events).where(t.events.c.id == gone))
            index_stored_events(conn, [kept, gone])
            rows = set(conn.execute(select(ee.c.entity_id, ee.c.role, ee.c.kind)
                                    .where(ee.c.event_id.in_([kept, gone]))))
        assert rows == {(HARBOUR.id, "home", "match"), (EASTVALE.id, "away", "match")}
        assert all(e.id not in (kept, gone) for e in matches(store, UNITED.id).events)
    finally:
        store.close()


def test_folded_words() -> None:
    assert fold_words("Ødegaard's “late” header, Müller & Solskjær 2-1") == (
        "odegaard s late header muller solskjaer 2 1")


def test_two_writers_of_one_day_take_distinct_search_ids(db_url: str) -> None:
    import threading
    from datetime import date

    from touchline.ingest import make_article
    from touchline.model import Analysis
    from touchline.query.search import search
    from touchline.store import WriteBatch

    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        store = open_store(db_url)
        try:
            barrier.wait(timeout=30)
            for i in range(15):
                art = make_article(f"Writer {n} filed report number {i} about the Eastvale derby.",
                                   source=f"w{n}-{i}.txt", published=date(2025, 4, 1))
                store.write(WriteBatch([Analysis(art)]))
        except BaseException as exc:  # reported to the test below
            errors.append(exc)
        finally:
            store.close()

    open_store(db_url).close()  # the schema, before the writers race
    threads = [threading.Thread(target=writer, args=(n,)) for n in (1, 2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=120)
    assert errors == []
    store = open_store(db_url)
    try:
        assert len(search(store, "eastvale derby", limit=100).hits) == 30
    finally:
        store.close()
