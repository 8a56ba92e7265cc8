"""An entity's timeline: every event it takes part in, in world-time order, read through
the ``event_entities`` index (never every event)."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any

from sqlalchemy import and_, select, union
from sqlalchemy.engine import Connection

from touchline.model import Entity, Event, RoleEvent, TransferEvent, detail_from_fields
from touchline.query.common import EventSet, day_range, engine_of, event_order, fetch_events
from touchline.query.lookup import resolve_entity
from touchline.store import Store
from touchline.store import schema as t

PERSON_KINDS = ("player", "coach", "person")


def involves(event: Event, entity_ids: set[str]) -> bool:
    for f in fields(event.detail):
        value = getattr(event.detail, f.name)
        if f.name == "scorers":
            if any(s.player in entity_ids or s.team in entity_ids for s in value):
                return True
        elif isinstance(value, str) and value in entity_ids:
            return True
    return False


class Timeline:
    """An entity's events: ``events`` as model records, ``as_dict()`` as JSON-ready data with
    names and sources."""

    def __init__(self, entity: Entity | None, found: EventSet | None = None) -> None:
        self.entity = entity
        self.found = found or EventSet()
        self._events: list[Event] | None = None

    @property
    def events(self) -> list[Event]:
        if self._events is None:
            self._events = self.found.events()
        return self._events

    def __len__(self) -> int:
        return len(self.found.rows)

    def as_dict(self) -> dict[str, Any]:
        entity = None if self.entity is None else {"id": self.entity.id, "name": self.entity.name,
                                                   "kind": self.entity.kind}
        return {"entity": entity, "events": self.found.records()}


def teams_of(entity: Entity, events: list[Event]) -> set[str]:
    """The clubs and national team a person is known to play for or lead."""
    attrs = entity.attrs or {}
    teams = {c["club"] for c in attrs.get("clubs") or () if isinstance(c, dict) and c.get("club")}
    teams.update(t for t in attrs.get("teams") or () if isinstance(t, str))
    teams.update(t for t in (attrs.get("national_team"), attrs.get("team"), attrs.get("club"))
                 if isinstance(t, str))
    for e in events:
        d = e.detail
        if isinstance(d, TransferEvent) and d.player == entity.id and d.status == "completed" and d.to_club:
            teams.add(d.to_club)
        if isinstance(d, RoleEvent) and d.person == entity.id and d.team:
            teams.add(d.team)
    return teams


def _own_event_ids(entity_id: str, kinds: list[str] | None = None) -> Any:
    ee = t.event_entities
    query = select(ee.c.event_id).where(ee.c.entity_id == entity_id)
    return query.where(ee.c.kind.in_(kinds)) if kinds else query


def _team_match_ids(person: str, teams: set[str]) -> Any:
    """Matches of ``teams`` told by an article that mentions ``person``."""
    m, s, ee = t.mentions, t.event_sources, t.event_entities
    return (select(s.c.event_id)
            .select_from(m.join(s, s.c.article == m.c.article)
                         .join(ee, and_(ee.c.event_id == s.c.event_id, ee.c.entity_id.in_(sorted(teams)))))
            .where(m.c.entity == person, ee.c.kind == "match"))


def _person_teams(conn: Connection, entity: Entity) -> set[str]:
    # teams_of reads only the details of the transfers and roles: no sources or names to load.
    e = t.events
    rows = conn.execute(select(e.c.id, e.c.kind, e.c.fields)
                        .where(e.c.id.in_(_own_event_ids(entity.id, ["transfer", "role"])))).all()
    return teams_of(entity, [Event(id=r[0], kind=r[1], detail=detail_from_fields(r[1], r[2] or {}))
                             for r in rows])


def timeline(store: Store, name: str, kinds: list[str] | None = None,
             since: date | None = None, until: date | None = None, limit: int | None = None) -> Timeline:
    """Events involving the entity named ``name``; dated ones first, oldest first.

    A person's timeline also holds the matches of their team reported in an
    article that mentions them: the games they played in or watched from the
    touchline, even when the report names no goal of theirs.  ``kinds``,
    ``since`` and ``until`` (world time, inclusive; a month or year overlapping
    the range counts) narrow it down; ``limit`` keeps the first events (page on
    with ``since``).
    """
    entity = resolve_entity(store, name)
    e = t.events
    kinds = list(kinds) if kinds else None
    with engine_of(store).connect() as conn:
        ids: Any = _own_event_ids(entity.id, kinds)
        if entity.kind in PERSON_KINDS and (not kinds or "match" in kinds):
            teams = _person_teams(conn, entity)
            if teams:
                ids = union(ids, _team_match_ids(entity.id, teams))
        dates = day_range(e.c.date, since, until)
        if dates is not None or limit:
            ids = select(e.c.id).where(e.c.id.in_(ids))
        if dates is not None:
            ids = ids.where(dates)
        if limit:
            ids = event_order(ids).limit(limit)
        found = fetch_events(conn, ids, entity.id)
    return Timeline(entity, found)
