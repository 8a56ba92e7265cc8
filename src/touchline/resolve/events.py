"""Stable event ids: two reports of one event get the same id, and so merge."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from touchline.model import Event


def event_key(event: Event, article: str) -> tuple[object, ...]:
    d = event.detail
    kind = event.kind
    # Without a date nothing ties two reports to one occasion: keep them apart.
    when: object = event.date or f"undated:{article}"
    if kind in ("match", "fixture"):
        return (kind, when, tuple(sorted(x or "" for x in (d.home, d.away))))  # type: ignore[union-attr]
    if kind == "milestone":
        return (kind, d.player, d.count, d.measure, d.competition)  # type: ignore[union-attr]
    if kind == "shirt_exchange":
        return (kind, when, tuple(sorted(x or "" for x in (d.giver, d.receiver))))  # type: ignore[union-attr]
    if kind == "injury":
        return (kind, when, d.player, d.injury)  # type: ignore[union-attr]
    if kind == "transfer":
        return (kind, d.player, d.to_club, d.status)  # type: ignore[union-attr]
    if kind == "role":
        return (kind, d.person, d.team, d.role)  # type: ignore[union-attr]
    if kind == "standing":
        return (kind, when, d.team, d.competition, d.position)  # type: ignore[union-attr]
    return (kind, when, repr(d))


def with_stable_id(event: Event, article: str) -> Event:
    digest = hashlib.sha1(repr(event_key(event, article)).encode()).hexdigest()[:16]
    return replace(event, id=f"{event.kind}:{digest}")
