"""Each events row carries its sources as a query shows them (``events.sources``): after any
sequence of writes they are exactly the event's event_sources rows with what their articles
say of themselves, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import sqlalchemy as sa

from touchline.ingest import make_article
from touchline.model import Analysis, Entity, Event, MatchEvent, Mention, SourceSpan
from touchline.query.common import engine_of
from touchline.store import WriteBatch, open_store
from touchline.store import schema as t
from touchline.store.sql import json_loads

KESTON = Entity("club:keston-vale", "club", "Keston Vale")
MORROW = Entity("club:morrow-city", "club", "Morrow City")


def report(text: str, published: date, title: str | None = None, copy_of: str | None = None) -> Analysis:
    art = make_article(text, source=f"{text[:12]}.txt", published=published, title=title,
                       url=f"https://news.example/{published.isoformat()}/{len(text)}")
    if copy_of is not None:
        return Analysis(article=replace(art, duplicate_of=copy_of))
    end = text.index(".")
    spans = (SourceSpan(art.id, 0, end), SourceSpan(art.id, end + 2, len(text)))
    match = Event("match:m", "match", MatchEvent(KESTON.id, MORROW.id, 3, 1), date="2025-10-04",
                  confidence=0.8, sources=spans,
                  hints={"date_source": "text", "home_stated": True})
    mentions = (Mention(art.id, 0, 11, KESTON.name, "club", KESTON.id),)
    return Analysis(article=art, entities=(KESTON, MORROW), mentions=mentions, events=(match,))


def stored(url: str) -> tuple[dict[str, list[list[object]]], dict[str, list[list[object]]]]:
    """Each event's own sources column, and what event_sources and articles give for it."""
    store = open_store(url)
    try:
        with engine_of(store).connect() as conn:
            own = {i: json_loads(s) for i, s in conn.execute(
                sa.select(t.events.c.id, sa.cast(t.events.c.sources, sa.Text)))}
            s, a = t.event_sources, t.articles
            joined: dict[str, list[list[object]]] = {i: [] for i in own}
            for r in conn.execute(sa.select(s.c.event_id, s.c.article, s.c.start_char, s.c.end_char,
                                            a.c.source, a.c.url, a.c.title, a.c.published)
                                  .join(a, a.c.id == s.c.article)
                                  .order_by(s.c.event_id, s.c.article, s.c.start_char, s.c.end_char)):
                joined[r[0]].append([*r[1:7], r[7].isoformat()])
    finally:
        store.close()
    return own, joined


def test_an_events_own_sources_are_its_event_sources_after_merges_and_copies(db_url: str) -> None:
    first = report("Keston Vale beat Morrow City 3-1 on Saturday. Two late goals settled it.",
                   date(2025, 10, 5), title="Vale see off City")
    second = report("Keston Vale came from behind to beat Morrow City 3-1. The hosts were worth it.",
                    date(2025, 10, 6))
    copy = report("Keston Vale beat Morrow City 3-1 on Saturday. Two late goals settled it!",
                  date(2025, 10, 7), copy_of=first.article.id)
    store = open_store(db_url)
    try:
        store.write(WriteBatch([first]))
        store.write(WriteBatch([copy]))
        store.write(WriteBatch([second]))
    finally:
        store.close()
    own, joined = stored(db_url)
    assert own == joined
    [sources] = own.values()  # one match, told by three articles
    assert {s[0] for s in sources} == {first.article.id, second.article.id, copy.article.id}
    assert [s[5] for s in sources if s[0] == first.article.id] == ["Vale see off City"] * 2
