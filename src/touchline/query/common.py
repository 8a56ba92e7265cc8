"""What every query shares: the store's SQL engine, date ranges, and the names and sources
that turn stored ids into records a person can read.

Queries run in the database, through its indexes; the rows they return are then given
names (:class:`Context`): each entity id becomes ``{"id", "name", "kind"}`` and each source
span ``{"article", "source", "url", "title", "published", "start", "end"}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, cast

from sqlalchemy import Engine, and_, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from touchline.model import (
    DETAIL_TYPES,
    ENTITY_FIELDS,
    Event,
    SourceSpan,
    check_from_data,
    detail_from_fields,
)
from touchline.query.export import check_fields_of
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
    _refs: dict[str, dict[str, Any]] = field(default_factory=dict)
    _arts: dict[str, dict[str, Any]] = field(default_factory=dict)

    def entity(self, entity_id: str | None) -> dict[str, Any] | None:
        if entity_id is None:
            return None
        ref = self._refs.get(entity_id)
        if ref is None:
            name, kind = self.names.get(entity_id, (None, None))
            ref = self._refs[entity_id] = {"id": entity_id, "name": name, "kind": kind}
        return dict(ref)

    def name(self, entity_id: str | None) -> str:
        if entity_id is None:
            return ""
        return self.names.get(entity_id, (entity_id, ""))[0]

    def source(self, article: str, start: int, end: int) -> dict[str, Any]:
        base = self._arts.get(article)
        if base is None:
            ref = self.articles.get(article)
            base = self._arts[article] = ref.as_dict() if ref else {
                "article": article, "source": None, "url": None, "title": None, "published": None}
        return {**base, "start": start, "end": end}

    def named_note(self, note: str | None) -> str | None:
        """A check note with the entity ids it names replaced by their names."""
        if not note or ":" not in note:
            return note
        return _ID.sub(lambda m: self.names.get(m.group(0), (m.group(0), ""))[0], note)


_ID = re.compile(r"\b(?:club|national_team|competition|venue|person|player|coach|media|other):[\w-]+")


@dataclass(slots=True)
class EventSet:
    """Events a query selected, as stored rows with their sources, the names of the entities
    they involve and the facts of their articles: JSON records (``records``) and model
    events (``events``) are both made from it without another query."""

    rows: list[Mapping[str, Any]] = field(default_factory=list)
    sources: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)
    context: Context = field(default_factory=Context)

    def events(self) -> list[Event]:
        return [Event(id=r["id"], kind=r["kind"], detail=detail_from_fields(r["kind"], r["fields"] or {}),
                      date=r["date"], confidence=r["confidence"],
                      sources=tuple(SourceSpan(*s) for s in self.sources.get(r["id"], ())),
                      check=check_from_data(r["reference"])) for r in self.rows]

    def records(self) -> list[dict[str, Any]]:
        """Each event as the export writes it, but every entity id a {"id", "name", "kind"} and
        every source the article's source, URL, title and date beside the span."""
        return [self.record(r) for r in self.rows]

    def record(self, r: Mapping[str, Any]) -> dict[str, Any]:
        ctx = self.context
        kind = r["kind"]
        stored = r["fields"] or {}
        out: dict[str, Any] = {
            "id": r["id"], "kind": kind, "date": r["date"], "confidence": r["confidence"],
            "sources": [ctx.source(*s) for s in self.sources.get(r["id"], ())],
        }
        entity_fields = ENTITY_FIELDS.get(kind, ())
        for name in FIELD_ORDER.get(kind, ()):
            value = stored.get(name)
            if name in entity_fields:
                value = ctx.entity(value)
            elif name == "scorers":
                value = [{"player": ctx.entity(sc.get("player")), "team": ctx.entity(sc.get("team")),
                          "minute": sc.get("minute"), "own_goal": bool(sc.get("own_goal"))}
                         for sc in value or ()]
            out[name] = value
        if kind in ("match", "fixture"):
            check = check_fields_of(r["reference"])
            ref = check["reference"]
            if ref:
                named = {k: ctx.entity(ref.get(k)) for k in ("home", "away", "competition")}
                check["reference"] = {**ref, **named}
            check["check_note"] = ctx.named_note(check["check_note"])
            out.update(check)
        return out


FIELD_ORDER: dict[str, tuple[str, ...]] = {kind: tuple(f.name for f in fields(cls))
                                           for kind, cls in DETAIL_TYPES.items()}


def _order_key(row: Mapping[str, Any]) -> tuple[bool, str, str, str]:
    return (row["date"] is None, row["date"] or "", row["kind"], row["id"])


def fetch_events(conn: Connection, ids: Any, *more_names: str) -> EventSet:
    """The events whose ids ``ids`` (a SELECT of event ids) gives, dated first and oldest first,
    with their sources, names and articles.  The ids are read once; then a few hundred at a
    time, the events, their sources with their articles and the names of the entities they
    involve: indexed lookups, and no statement holds more than a chunk of ids."""
    e, s, a = t.events, t.event_sources, t.articles
    wanted = list(dict.fromkeys(r[0] for r in conn.execute(ids)))
    result = EventSet()
    ctx = result.context
    rows: list[Mapping[str, Any]] = []
    for part in chunks(wanted):
        found = conn.execute(select(e.c.id, e.c.kind, e.c.date, e.c.confidence, e.c.fields, e.c.reference)
                             .where(e.c.id.in_(part))).all()
        rows.extend(cast(Mapping[str, Any], r._mapping) for r in found)
        for r in conn.execute(select(s.c.event_id, s.c.article, s.c.start_char, s.c.end_char,
                                     a.c.source, a.c.url, a.c.title, a.c.published)
                              .join(a, a.c.id == s.c.article).where(s.c.event_id.in_(part))
                              .order_by(s.c.event_id, s.c.article, s.c.start_char)).all():
            result.sources.setdefault(r[0], []).append((r[1], r[2], r[3]))
            if r[1] not in ctx.articles:
                ctx.articles[r[1]] = ArticleRef(r[1], r[4], r[5], r[6], r[7])
    rows.sort(key=_order_key)
    result.rows = rows
    # the names of the entities the events (and their reference checks) and the caller name
    named = set(more_names)
    for row in rows:
        named.update(r["entity_id"] for r in event_entity_rows(row["id"], row["kind"], row["fields"] or {}))
        ref = (row["reference"] or {}).get("reference") or {}
        named.update(v for k in ("home", "away", "competition") if isinstance(v := ref.get(k), str))
    ctx.names.update(load_context(conn, named, ()).names)
    return result


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


def event_order(query: Any) -> Any:
    """Dated events first, oldest first; then kind and id (the same order on every backend)."""
    e = t.events
    return query.order_by(e.c.date.is_(None), e.c.date, e.c.kind, e.c.id)
