"""What every query shares: the store's SQL engine, date ranges, and the names and sources
that turn stored ids into records a person can read.

Queries run in the database, through its indexes; the rows they return are then given
names (:class:`Context`): each entity id becomes ``{"id", "name", "kind"}`` and each source
span ``{"article", "source", "url", "title", "published", "start", "end"}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine, and_, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from touchline.model import (
    ENTITY_FIELDS,
    Event,
    SourceSpan,
    check_from_data,
    detail_from_fields,
    detail_to_fields,
)
from touchline.query.export import event_record
from touchline.store import Store, StoreError
from touchline.store import schema as t
from touchline.store.indexing import chunks, event_entity_rows


def engine_of(store: Store) -> Engine:
    """The SQL engine of a store; queries need one (SQLite or PostgreSQL)."""
    engine = getattr(store, "engine", None)
    if not isinstance(engine, Engine):
        raise StoreError(f"{store.url}: this query needs a SQL store (SQLite or PostgreSQL)")
    return engine


def day_range(column: Any, since: date | None, until: date | None) -> ColumnElement[bool] | None:
    """Rows whose world-time ``date`` ("YYYY-MM-DD", "YYYY-MM" or "YYYY") overlaps
    [since, until]: a month or year counts when any of its days lies in the range.
    Each form is compared with the bounds cut to its own length, so the comparison
    is the same in every collation; an undated row is outside every range."""
    if since is None and until is None:
        return None
    parts = []
    for size in (10, 7, 4):
        conds: list[ColumnElement[bool]] = [func.length(column) == size]
        if since is not None:
            conds.append(column >= since.isoformat()[:size])
        if until is not None:
            conds.append(column <= until.isoformat()[:size])
        parts.append(and_(*conds))
    coarse: list[ColumnElement[bool]] = [column.is_not(None)]
    # An index-friendly outer bound: any overlapping date starts at or after since's year.
    if since is not None:
        coarse.append(column >= since.isoformat()[:4])
    if until is not None:
        coarse.append(column <= until.isoformat())
    return and_(*coarse, or_(*parts))


def published_range(column: Any, since: date | None, until: date | None) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if since is not None:
        conds.append(column >= since)
    if until is not None:
        conds.append(column <= until)
    return conds


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """An article as a source is shown: where it came from and when it was published."""

    id: str
    source: str | None
    url: str | None
    title: str | None
    published: date | None

    def as_dict(self) -> dict[str, Any]:
        return {"article": self.id, "source": self.source, "url": self.url, "title": self.title,
                "published": self.published.isoformat() if self.published else None}


@dataclass(slots=True)
class Context:
    """Names of entities and facts of articles, loaded for the ids a query returned."""

    names: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (name, kind)
    articles: dict[str, ArticleRef] = field(default_factory=dict)

    def entity(self, entity_id: str | None) -> dict[str, Any] | None:
        if entity_id is None:
            return None
        name, kind = self.names.get(entity_id, (None, None))
        return {"id": entity_id, "name": name, "kind": kind}

    def name(self, entity_id: str | None) -> str:
        if entity_id is None:
            return ""
        return self.names.get(entity_id, (entity_id, ""))[0]

    def source(self, span: SourceSpan) -> dict[str, Any]:
        ref = self.articles.get(span.article)
        base = ref.as_dict() if ref else {"article": span.article, "source": None, "url": None,
                                          "title": None, "published": None}
        return {**base, "start": span.start, "end": span.end}

    def event(self, ev: Event) -> dict[str, Any]:
        """An event as the export writes it, each entity id a {"id", "name", "kind"} and each
        source the article's source, URL, title and date beside the span."""
        record = event_record(ev)
        for key, value in list(record.items()):
            if key in ENTITY_FIELDS.get(ev.kind, ()):
                record[key] = self.entity(value)
        if "scorers" in record:
            record["scorers"] = [{**s, "player": self.entity(s["player"]), "team": self.entity(s["team"])}
                                 for s in record["scorers"]]
        ref = record.get("reference")
        if ref:
            named = {k: self.entity(ref.get(k)) for k in ("home", "away", "competition")}
            record["reference"] = {**ref, **named}
        record["sources"] = [self.source(s) for s in ev.sources]
        return record


def event_entity_ids(ev: Event) -> set[str]:
    ids = {r["entity_id"] for r in event_entity_rows(ev.id, ev.kind, detail_to_fields(ev.detail))}
    if ev.check is not None and ev.check.reference is not None:
        ref = ev.check.reference
        ids |= {ref.home, ref.away, ref.competition}
    return ids


def load_context(conn: Connection, entity_ids: Iterable[str], article_ids: Iterable[str]) -> Context:
    """Names of the entities and facts of the articles given, a few hundred ids a query."""
    ctx = Context()
    for part in chunks(sorted({i for i in entity_ids if i})):
        for r in conn.execute(select(t.entities.c.id, t.entities.c.name, t.entities.c.kind)
                              .where(t.entities.c.id.in_(part))):
            ctx.names[r.id] = (r.name, r.kind)
    a = t.articles
    for part in chunks(sorted(set(article_ids))):
        for row in conn.execute(select(a.c.id, a.c.source, a.c.url, a.c.title, a.c.published)
                                .where(a.c.id.in_(part))):
            ctx.articles[row.id] = ArticleRef(row.id, row.source, row.url, row.title, row.published)
    return ctx


def event_context(conn: Connection, events: Sequence[Event], *more_ids: str) -> Context:
    ids = {i for ev in events for i in event_entity_ids(ev)} | set(more_ids)
    return load_context(conn, ids, {s.article for ev in events for s in ev.sources})


def read_events(conn: Connection, query: Any) -> list[Event]:
    """The events a query selects (its columns: the events table's), with their sources,
    sources read a few hundred events at a time."""
    rows = list(conn.execute(query).mappings())
    sources: dict[str, list[SourceSpan]] = {}
    s = t.event_sources
    for part in chunks([r["id"] for r in rows]):
        for r in conn.execute(select(s).where(s.c.event_id.in_(part))
                              .order_by(s.c.event_id, s.c.article, s.c.start_char)):
            sources.setdefault(r.event_id, []).append(SourceSpan(r.article, r.start_char, r.end_char))
    return [Event(id=r["id"], kind=r["kind"], detail=detail_from_fields(r["kind"], r["fields"]),
                  date=r["date"], confidence=r["confidence"], sources=tuple(sources.get(r["id"], ())),
                  check=check_from_data(r["reference"])) for r in rows]


def event_order(query: Any) -> Any:
    """Dated events first, oldest first; then kind and id (the same order on every backend)."""
    e = t.events
    return query.order_by(e.c.date.is_(None), e.c.date, e.c.kind, e.c.id)
