"""An entity's timeline: every event it takes part in, in world-time order."""

from __future__ import annotations

from dataclasses import dataclass, fields

from touchline.model import Entity, Event
from touchline.query.lookup import find_entities
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


def timeline(store: Store, name: str, kinds: list[str] | None = None) -> Timeline:
    """Events involving the entity named ``name``; dated ones first, oldest first."""
    matches = find_entities(store, name)
    if not matches:
        return Timeline(None, [])
    ids = {matches[0].id}
    events = [e for e in store.events(kinds) if involves(e, ids)]
    events.sort(key=lambda e: (e.date is None, e.date or "", e.kind, e.id))
    return Timeline(matches[0], events)
