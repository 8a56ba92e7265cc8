"""What every query shares: the store's SQL engine, date ranges, and the names and sources
that turn stored ids into records a person can read.

Queries run in the database, through its indexes; the rows they return are then given
names (:class:`Context`): each entity id becomes ``{"id", "name", "kind"}`` and each source
span ``{"article", "source", "url", "title", "published", "start", "end"}``.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from sqlalchemy import Engine, String, Text, and_, any_, bindparam, cast, func, or_, select
from sqlalchemy.dialects.postgresql import ARRAY
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
from touchline.store.indexing import chunks
from touchline.store.regroup import article_facts
from touchline.store.sql import json_loads


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

    def entity(self, entity_id: str | None) -> dict[str, Any] | None:
        """``{"id", "name", "kind"}`` of an entity: one dict per entity, shared by every place
        an answer names it (a club's history names it some 2,000 times; answers are read, not
        edited in place)."""
        if entity_id is None:
            return None
        ref = self._refs.get(entity_id)
        if ref is None:
            name, kind = self.names.get(entity_id, (None, None))
            ref = self._refs[entity_id] = {"id": entity_id, "name": name, "kind": kind}
        return ref

    def name(self, entity_id: str | None) -> str:
        if entity_id is None:
            return ""
        return self.names.get(entity_id, (entity_id, ""))[0]

    def named_note(self, note: str | None) -> str | None:
        """A check note with the entity ids it names replaced by their names."""
        if not note or ":" not in note:
            return note
        return _ID.sub(lambda m: self.names.get(m.group(0), (m.group(0), ""))[0], note)


_ID = re.compile(r"\b(?:club|national_team|competition|venue|person|player|coach|media|other):[\w-]+")


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector held off while a large answer is built.  The answer is
    thousands of small dicts, lists and rows that form no cycle (reference counting frees
    them), but allocating them set off collections of the oldest generation, each of which
    walks every object of the process: some 150,000 once the text pipeline is imported, over
    100 ms on the development machine, one every few whole club timelines.  The switch is
    process-wide: only the caller that paused it starts it again, so a caller's own
    gc.disable() stands, and another thread's answer at most loses the pause early."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


# An event row as fetch_events reads it (a Row indexed by position: cheaper than by name).
ID, KIND, DATE, CONFIDENCE, FIELDS, REFERENCE, SOURCES = range(7)


@dataclass(slots=True)
class EventSet:
    """Events a query selected, as stored rows with their sources and the names of the
    entities they involve: JSON records (``records``) and model events (``events``) are both
    made from it without another query.  ``rows`` hold (id, kind, date, confidence, fields,
    reference, sources), dated first and oldest first; ``sources`` are the events row's own
    (:data:`touchline.store.schema.events`), each [article, start, end, source, url, title,
    published]."""

    rows: list[Sequence[Any]] = field(default_factory=list)
    context: Context = field(default_factory=Context)

    def events(self) -> list[Event]:
        with paused_gc():
            return [Event(id=r[ID], kind=r[KIND],
                          detail=detail_from_fields(r[KIND], r[FIELDS] or {}),
                          date=r[DATE], confidence=r[CONFIDENCE],
                          sources=tuple(SourceSpan(s[0], s[1], s[2]) for s in r[SOURCES] or ()),
                          check=check_from_data(r[REFERENCE])) for r in self.rows]

    def records(self) -> list[dict[str, Any]]:
        """Each event as the export writes it, but every entity id a {"id", "name", "kind"} and
        every source the article's source, URL, title and date beside the span."""
        with paused_gc():
            return [self.record(r) for r in self.rows]

    def record(self, r: Sequence[Any]) -> dict[str, Any]:
        ctx = self.context
        kind = r[KIND]
        stored = r[FIELDS] or {}
        entity = ctx.entity
        # an entity already named in this answer is a dict look-up, not a call
        named: Any = ctx._refs.get
        out: dict[str, Any] = {
            "id": r[ID], "kind": kind, "date": r[DATE], "confidence": r[CONFIDENCE],
            "sources": [{"article": a, "source": source, "url": url, "title": title, "published": published,
                         "start": start, "end": end}
                        for a, start, end, source, url, title, published in r[SOURCES] or ()],
        }
        for name, role in FIELD_ROLES.get(kind, ()):
            value = stored.get(name)
            if role is _ENTITY:
                value = named(value) or entity(value)
            elif role is _SCORERS:
                value = [{"player": named(player := sc.get("player")) or entity(player),
                          "team": named(team := sc.get("team")) or entity(team),
                          "minute": sc.get("minute"), "own_goal": bool(sc.get("own_goal"))}
                         for sc in value or ()]
            out[name] = value
        if kind in ("match", "fixture"):
            check = check_fields_of(r[REFERENCE])
            ref = check["reference"]
            if ref:
                sides = {k: entity(ref.get(k)) for k in ("home", "away", "competition")}
                check["reference"] = {**ref, **sides}
            check["check_note"] = ctx.named_note(check["check_note"])
            out.update(check)
        return out


FIELD_ORDER: dict[str, tuple[str, ...]] = {kind: tuple(f.name for f in fields(cls))
                                           for kind, cls in DETAIL_TYPES.items()}
_VALUE, _ENTITY, _SCORERS = "value", "entity", "scorers"
# Each kind's fields in record order, with what a record makes of the stored value.
FIELD_ROLES: dict[str, tuple[tuple[str, str], ...]] = {
    kind: tuple((name, _ENTITY if name in ENTITY_FIELDS.get(kind, ()) else
                 _SCORERS if name == "scorers" else _VALUE) for name in names)
    for kind, names in FIELD_ORDER.items()}


def _order_key(row: Sequence[Any]) -> tuple[bool, str, str, str]:
    return (row[DATE] is None, row[DATE] or "", row[KIND], row[ID])


def _reference_ids(reference: Mapping[str, Any], into: set[str]) -> None:
    """The teams and competition of an event's linked reference result (its stored check),
    which a match record names beside the event's own fields."""
    ref = reference.get("reference")
    if ref:
        for key in ("home", "away", "competition"):
            value = ref.get(key)
            if value.__class__ is str:
                into.add(value)

e_, n_ = t.events, t.entities
# The columns fetch_events reads; it adds the condition that selects the events.
# The JSON columns come as text and fetch_events decodes them: the drivers' decoding of each
# value went through three Python calls (SQLAlchemy's processors on SQLite, psycopg's loader on
# PostgreSQL), a third of reading a club's 950 events.
_EVENTS_OF = select(e_.c.id, e_.c.kind, e_.c.date, e_.c.confidence, cast(e_.c.fields, Text),
                    cast(e_.c.reference, Text), cast(e_.c.sources, Text))
# Built once: an expanding IN parameter is compiled once and cached, where a list of values
# would be coerced value by value on every call.
_NAMES = select(n_.c.id, n_.c.name, n_.c.kind).where(n_.c.id.in_(bindparam("ids", expanding=True)))


def fetch_events(conn: Connection, ids: Any, *more_names: str) -> EventSet:
    """The events whose ids ``ids`` (a SELECT of event ids) gives, dated first and oldest first,
    with their sources and the names of the entities they involve: one statement for the
    events, selected through ``ids`` as a subquery (their sources are their own rows'), and
    one for the names of the entities their records name (:func:`named_ids`, read from the
    events' fields; plus ``more_names``), whatever the size of the answer: no statement
    carries a parameter per event."""
    result = EventSet()
    with paused_gc():
        selected = e_.c.id.in_(ids)
        rows: list[Sequence[Any]] = [(i, k, d, c, json_loads(f) if f is not None else None,
                                      json_loads(r) if r is not None else None,
                                      json_loads(s) if s is not None else None)
                                     for i, k, d, c, f, r, s in conn.execute(_EVENTS_OF.where(selected))]
        rows.sort(key=_order_key)
        result.rows = rows
        named = set(more_names)
        named_ids(rows, named)
        if named:
            result.context.names.update(_names(conn, named))
    return result


# Each kind's entity fields, and whether it has scorers: what a record names.
_ENTITY_FIELDS = {kind: tuple(n for n, role in roles if role is _ENTITY)
                  for kind, roles in FIELD_ROLES.items()}
_HAS_SCORERS = {kind for kind, roles in FIELD_ROLES.items() if any(role is _SCORERS for _, role in roles)}


def named_ids(rows: Iterable[Sequence[Any]], into: set[str]) -> None:
    """The ids of the entities the records of these event rows name: entity fields, scorers'
    players and teams, and the sides and competition of a linked reference result."""
    add = into.add
    for row in rows:
        stored, kind = row[FIELDS], row[KIND]
        if stored:
            for name in _ENTITY_FIELDS.get(kind, ()):
                value = stored.get(name)
                if value.__class__ is str:
                    add(value)
            if kind in _HAS_SCORERS:
                for scorer in stored.get("scorers") or ():
                    for value in (scorer.get("player"), scorer.get("team")):
                        if value.__class__ is str:
                            add(value)
        if row[REFERENCE]:
            _reference_ids(row[REFERENCE], into)


_NAMES_ANY = (select(n_.c.id, n_.c.name, n_.c.kind)
              .where(n_.c.id == any_(bindparam("ids", type_=ARRAY(String)))))


def _names(conn: Connection, ids: set[str]) -> dict[str, tuple[str, str]]:
    """(name, kind) of each of these entities: on PostgreSQL one statement (an array of ids)."""
    if conn.dialect.name == "postgresql":
        return {i: (n, k) for i, n, k in conn.execute(_NAMES_ANY, {"ids": sorted(ids)})}
    return load_context(conn, ids, ()).names


def load_context(conn: Connection, entity_ids: Iterable[str], article_ids: Iterable[str]) -> Context:
    """Names of the entities and facts of the articles given, a few hundred ids a query."""
    ctx = Context()
    names, articles = ctx.names, ctx.articles
    for part in chunks(sorted({i for i in entity_ids if i})):
        for entity_id, name, kind in conn.execute(_NAMES, {"ids": part}).all():
            names[entity_id] = (name, kind)
    for article, (source, url, title, published) in article_facts(conn, article_ids).items():
        articles[article] = ArticleRef(article, source, url, title, published)
    return ctx


def event_order(query: Any) -> Any:
    """Dated events first, oldest first; then kind and id (the same order on every backend)."""
    e = t.events
    return query.order_by(e.c.date.is_(None), e.c.date, e.c.kind, e.c.id)
