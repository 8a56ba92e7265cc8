"""Matches: of a team, between two teams, in a date range, with the results reference's check."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from touchline.model import Entity, Event
from touchline.query.common import EventSet, day_range, engine_of, event_order, fetch_events
from touchline.query.lookup import resolve_entity
from touchline.store import Store
from touchline.store import schema as t


class Matches:
    """Matches a query found: ``events`` as model records, ``as_dict()`` as JSON-ready data."""

    def __init__(self, team: Entity | None, vs: Entity | None, found: EventSet) -> None:
        self.team, self.vs, self.found = team, vs, found
        self._events: list[Event] | None = None

    @property
    def events(self) -> list[Event]:
        if self._events is None:
            self._events = self.found.events()
        return self._events

    def __len__(self) -> int:
        return len(self.found.rows)

    def as_dict(self) -> dict[str, Any]:
        def ref(e: Entity | None) -> dict[str, Any] | None:
            return None if e is None else {"id": e.id, "name": e.name, "kind": e.kind}

        return {"team": ref(self.team), "vs": ref(self.vs), "matches": self.found.records()}


def _playing(entity_id: str) -> Any:
    """The matches a team played, home or away: one range of the event_entities index."""
    ee = t.event_entities
    return select(ee.c.event_id).where(ee.c.entity_id == entity_id, ee.c.role.in_(("home", "away")),
                                       ee.c.kind == "match")


def matches(store: Store, team: str | None = None, vs: str | None = None, since: date | None = None,
            until: date | None = None, limit: int | None = None) -> Matches:
    """Matches ``team`` played (home or away), against ``vs`` when given, between ``since``
    and ``until`` (world time, inclusive), oldest first.  Names are looked up as everywhere
    (``UnknownName``/``AmbiguousName``)."""
    first = resolve_entity(store, team) if team is not None else None
    other = resolve_entity(store, vs) if vs is not None else None
    e, ee = t.events, t.event_entities
    dates = day_range(e.c.date, since, until)
    ids: Any
    if first is not None:
        ids = _playing(first.id)
        if other is not None:
            ids = ids.where(ee.c.event_id.in_(_playing(other.id)))
        if dates is not None or limit:
            ids = select(e.c.id).where(e.c.id.in_(ids))
    else:
        ids = select(e.c.id).where(e.c.kind == "match")
        if other is not None:
            ids = ids.where(e.c.id.in_(_playing(other.id)))
    if dates is not None:
        ids = ids.where(dates)
    if limit:
        ids = event_order(ids).limit(limit)
    with engine_of(store).connect() as conn:
        found = fetch_events(conn, ids)
    return Matches(first, other, found)
