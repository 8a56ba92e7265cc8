"""Migration 0005 on a knowledge base written before it: the query indexes (event entities,
entity words, full text, near-duplicate bands) are filled from what it holds, on SQLite and
PostgreSQL, and nothing else changes."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from alembic import command

from touchline.ingest.dedup import band_keys, signature, to_bytes
from touchline.query.listing import entities
from touchline.query.matches import matches
from touchline.query.quotes import search_quotes
from touchline.query.search import search
from touchline.query.timeline import timeline
from touchline.store import open_store
from touchline.store.migrate import alembic_config
from touchline.store.sql import sqlalchemy_url

TEXT = ("Eastvale beat Harbour City 2-0 at the Quay on Sunday. "
        "\u201cOur pressing was relentless,\u201d said Ines Korver.")


def old_knowledge_base(url: str) -> bytes:
    engine = sa.create_engine(sqlalchemy_url(url))
    sig = to_bytes(signature(TEXT))
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003_people")
        meta = sa.MetaData()
        meta.reflect(conn)
        t = meta.tables

        def put(table: str, rows: list[dict[str, Any]]) -> None:
            conn.execute(t[table].insert(), rows)

        put("articles", [{"id": "a1", "text": TEXT, "text_hash": "h1", "source": "old.txt",
                          "published": date(2024, 9, 2), "minhash": sig}])
        put("entities", [
            {"id": "club:eastvale", "kind": "club", "name": "Eastvale", "attrs": {}},
            {"id": "club:harbour-city", "kind": "club", "name": "Harbour City", "attrs": {}},
            {"id": "person:ines-korver", "kind": "coach", "name": "Ines Korver", "attrs": {}},
        ])
        put("entity_aliases", [{"entity_id": "club:harbour-city", "alias": "Harbour City"}])
        put("events", [{"id": "match:1", "kind": "match", "date": "2024-09-01", "confidence": 0.8,
                        "fields": {"home": "club:eastvale", "away": "club:harbour-city", "home_score": 2,
                                   "away_score": 0, "scorers": [{"player": "person:ines-korver",
                                                                 "team": "club:eastvale", "minute": 3,
                                                                 "own_goal": False}]}}])
        put("event_sources", [{"event_id": "match:1", "article": "a1", "start_char": 0, "end_char": 26}])
        start = TEXT.index("Our pressing")
        put("quotes", [{"id": "q1", "article": "a1", "start_char": start, "end_char": start + 28,
                        "text": TEXT[start:start + 28], "kind": "direct", "speaker": "person:ines-korver",
                        "confidence": 0.9}])
    engine.dispose()
    return sig


def test_the_query_indexes_are_filled_from_an_old_knowledge_base(db_url: str) -> None:
    sig = old_knowledge_base(db_url)
    store = open_store(db_url)
    try:
        # (names are found through entity keys, which rows written by hand here lack: ids are used)
        assert [e.id for e in timeline(store, "club:eastvale").events] == ["match:1"]
        # the scorer's timeline: the event_entities rows hold scorers too
        assert [e.id for e in timeline(store, "person:ines-korver").events] == ["match:1"]
        assert len(matches(store, "club:harbour-city", "club:eastvale")) == 1
        assert {h.kind for h in search(store, "pressing").hits} == {"article", "quote"}
        assert [h.quote.id for h in search_quotes(store, contains="relentless")] == ["q1"]
        assert [r.entity.id for r in entities(store, "harb")] == ["club:harbour-city"]
        assert store.near_duplicates(band_keys(sig)) == [("a1", sig)]  # type: ignore[attr-defined]
        assert store.stats().articles == 1
    finally:
        store.close()


def test_events_written_before_their_sources_column_show_their_sources(db_url: str) -> None:
    """Migration 0007 fills each stored event's own list of sources from event_sources and the
    articles, as a timeline shows them."""
    old_knowledge_base(db_url)
    store = open_store(db_url)
    try:
        [record] = timeline(store, "club:eastvale").as_dict()["events"]
        assert record["sources"] == [{"article": "a1", "source": "old.txt", "url": None, "title": None,
                                      "published": "2024-09-02", "start": 0, "end": 26}]
        [event] = timeline(store, "club:eastvale").events
        assert [(s.article, s.start, s.end) for s in event.sources] == [("a1", 0, 26)]
    finally:
        store.close()
