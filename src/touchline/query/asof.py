"""Facts "as of" a date: who held a role on that day, by the newest report not after it.

A role stated in an article holds from the event's date (or the article's
published date, when the text gives none) until a newer report names someone
else for the same team and role: the older fact's validity is closed then,
never deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from touchline.model import Entity, Event, RoleEvent, SourceSpan
from touchline.query.lookup import resolve_entity
from touchline.store import Store


@dataclass(frozen=True, slots=True)
class Fact:
    relation: str
    value: str  # the other entity's name
    value_id: str
    valid_from: str | None  # world time
    valid_to: str | None
    confidence: float
    sources: tuple[SourceSpan, ...]


def _role_dates(store: Store, events: list[Event]) -> dict[str, str | None]:
    published = {a.id: a.published for a in store.articles()}
    out: dict[str, str | None] = {}
    for e in events:
        if e.date:
            out[e.id] = e.date
        else:
            days = [published.get(s.article) for s in e.sources]
            known = sorted(d for d in days if d)
            out[e.id] = known[0].isoformat() if known else None
    return out


def facts_as_of(store: Store, name: str, on: date) -> tuple[Entity, list[Fact]]:
    """The entity ``name`` picks out and its facts on ``on`` (``UnknownName``/``AmbiguousName``
    when it picks out none or several)."""
    entity = resolve_entity(store, name)
    # a role told as ended or as held in the past opens nothing on its date
    roles = [e for e in store.events(["role"]) if isinstance(e.detail, RoleEvent)
             and e.detail.status not in ("ended", "former")]
    starts = _role_dates(store, roles)
    names = {e.id: e.name for e in store.entities()}
    day = on.isoformat()
    facts: list[Fact] = []
    # Two directions: a team's head coach, and the team a person coaches.
    for side, other in (("team", "person"), ("person", "team")):
        chains: dict[str, list[Event]] = {}
        for e in roles:
            d = e.detail
            assert isinstance(d, RoleEvent)
            if getattr(d, side) == entity.id and getattr(d, other) and d.role:
                chains.setdefault(d.role, []).append(e)
        for role, chain in chains.items():
            chain.sort(key=lambda e: (starts[e.id] or "", -e.confidence))
            current = [e for e in chain if starts[e.id] and starts[e.id] <= day]  # type: ignore[operator]
            if not current:
                continue
            held = current[-1]
            later = [starts[e.id] for e in chain
                     if starts[e.id] and starts[e.id] > day  # type: ignore[operator]
                     and getattr(e.detail, other) != getattr(held.detail, other)]
            value_id = getattr(held.detail, other)
            relation = role if side == "team" else f"{role}_of"
            facts.append(Fact(relation, names.get(value_id, value_id), value_id, starts[held.id],
                              min(later) if later else None, held.confidence, held.sources))  # type: ignore[type-var]
    return entity, facts
