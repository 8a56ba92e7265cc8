"""Queries and writes read indexes, never a whole table: every statement they run on SQLite is
checked with EXPLAIN QUERY PLAN for a full scan of a table that grows with the knowledge base."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from touchline.ingest import make_article
from touchline.ingest.dedup import band_keys
from touchline.model import Analysis
from touchline.query import listing
from touchline.query.matches import matches
from touchline.query.quotes import search_quotes
from touchline.query.search import search
from touchline.query.timeline import timeline
from touchline.store import WriteBatch, open_store
from touchline.store.sql import SqlStore

from ..query.world import fill

GROWING = ("articles", "events", "event_sources", "event_entities", "mentions", "quotes", "timexes",
           "search_docs", "entity_words", "article_bands", "entities", "entity_keys", "entity_aliases")


@contextmanager
def statements(store: SqlStore) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _ctx: Any, many: bool) -> None:
        if not many and statement.lstrip().upper().startswith(("SELECT", "WITH", "UPDATE", "DELETE")):
            seen.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", record)


def full_scans(store: SqlStore, seen: list[tuple[str, Any]]) -> list[str]:
    found = []
    with store.engine.connect() as conn:
        for statement, parameters in seen:
            for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters):
                detail = str(row[-1])
                words = detail.split()
                # a full scan, or a walk of the index of duplicate_of IS NULL (nearly every article;
                # looking up the copies of given originals, duplicate_of IN (...), is a real search)
                if (words[:1] == ["SCAN"] and len(words) > 1 and words[1] in GROWING) or (
                        "ix_articles_duplicate_of" in detail and "duplicate_of IN" not in statement):
                    found.append(f"{detail}  <-  {' '.join(statement.split())[:160]}")
    return found


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqlStore]:
    s = open_store(str(tmp_path / "kb.db"))
    assert isinstance(s, SqlStore)
    fill(s)
    yield s
    s.close()


QUERIES: dict[str, Callable[[SqlStore], Any]] = {
    "timeline of a club": lambda s: timeline(s, "Northbridge United").as_dict(),
    "timeline of a player": lambda s: timeline(s, "Marta Quill").as_dict(),
    "timeline in a range": lambda s: timeline(s, "Northbridge United", ["match"], date(2025, 3, 1),
                                              date(2025, 4, 30)).as_dict(),
    "matches of a team": lambda s: matches(s, "Northbridge United").as_dict(),
    "matches of two teams": lambda s: matches(s, "Northbridge United", "Castlemoor",
                                              date(2025, 1, 1)).as_dict(),
    "matches in a range": lambda s: matches(s, since=date(2025, 3, 1), until=date(2025, 3, 31)).as_dict(),
    "quotes of a speaker": lambda s: search_quotes(s, speaker="Marta Quill"),
    "quotes with words": lambda s: search_quotes(s, contains="proud of", limit=10),
    "quotes about": lambda s: search_quotes(s, about="Harbour City"),
    "search": lambda s: search(s, "heavy pitch").as_dict(),
    "search in a range": lambda s: search(s, "Castlemoor", since=date(2025, 4, 1), kind="quote").as_dict(),
    "entities": lambda s: [r.as_dict() for r in listing.entities(s, "marta q")],
    "articles in a range": lambda s: [r.as_dict() for r in listing.articles(s, since=date(2025, 5, 1))],
    "stories": lambda s: [r.as_dict() for r in listing.stories(s, limit=3)],
}


@pytest.mark.parametrize("name", list(QUERIES))
def test_queries_scan_no_growing_table(store: SqlStore, name: str) -> None:
    with statements(store) as seen:
        QUERIES[name](store)
    assert seen
    assert full_scans(store, seen) == []


def test_a_write_scans_no_growing_table(store: SqlStore) -> None:
    extra = fill.__globals__["analyses"]()  # the same articles again as new texts: ids change
    batch = [Analysis(replace(make_article(a.article.text + " (updated)", source="u.txt",
                                           published=date(2025, 6, 1)), story="story:u"),
                      a.entities, (), (), ()) for a in extra]
    copy = replace(make_article(extra[0].article.text + " Syndicated.", source="c.txt",
                                published=date(2025, 6, 2)), duplicate_of=batch[0].article.id)
    signature = b"\x01\x00\x00\x00" * 128
    with statements(store) as seen:
        store.write(WriteBatch([*batch, Analysis(copy)], {a.article.id: signature for a in batch}))
        assert len(store.near_duplicates(band_keys(signature))) == len(batch)
    assert seen
    assert full_scans(store, seen) == []
    stored = {a.id: a for a in store.articles()}
    # a copy joins its original's story
    assert stored[copy.id].story == stored[batch[0].article.id].story is not None
