"""An entity's timeline: every event it takes part in, in world-time order."""

from __future__ import annotations

from dataclasses import dataclass, fields

from touchline.model import Entity, Event, RoleEvent, TransferEvent
from touchline.query.lookup import resolve_entity
from touchline.store import Store


def involves(event: Event, entity_ids: set[str]) -> bool:
    for f in fields(event.detail):
        value = getattr(event.detail, f.name)
        if f.name == "scorers":
            if any(s.player in entity_ids or s.team in entity_ids for s in value):
                return True
        elif isinstance(value, str) and value in entity_ids:
            return True
    return False


@dataclass(frozen=True, slots=True)
class Timeline:
    entity: Entity | None
    events: list[Event]


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


def timeline(store: Store, name: str, kinds: list[str] | None = None) -> Timeline:
    """Events involving the entity named ``name``; dated ones first, oldest first.

    A person's timeline also holds the matches of their team reported in an
    article that mentions them: the games they played in or watched from the
    touchline, even when the report names no goal of theirs.
    """
    entity = resolve_entity(store, name)
    ids = {entity.id}
    every = list(store.events())
    events = [e for e in every if involves(e, ids)]
    if entity.kind in ("player", "coach", "person"):
        teams = teams_of(entity, every)
        mentioned = store.articles_mentioning(entity.id)
        events += [e for e in every if e.kind == "match" and e not in events
                   and involves(e, teams) and any(s.article in mentioned for s in e.sources)]
    if kinds:
        events = [e for e in events if e.kind in kinds]
    events.sort(key=lambda e: (e.date is None, e.date or "", e.kind, e.id))
    return Timeline(entity, events)
