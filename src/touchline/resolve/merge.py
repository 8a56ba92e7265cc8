"""Merge what two reports say about one event: sources add up, gaps fill in."""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

from touchline.model import Event, Scorer
from touchline.resolve.reference.check import merge_checks


def merge_scorers(old: tuple[Scorer, ...], new: tuple[Scorer, ...]) -> tuple[Scorer, ...]:
    """The scorers of two readings of one match: each player once, gaps (team, minute) filled."""
    by_player: dict[str | None, Scorer] = {}
    for s in (*old, *new):
        prev = by_player.get(s.player)
        if prev is None:
            by_player[s.player] = s
        else:
            by_player[s.player] = Scorer(prev.player, prev.team or s.team,
                                         prev.minute if prev.minute is not None else s.minute,
                                         prev.own_goal or s.own_goal)
    return tuple(by_player.values())


def merge_events(old: Event, new: Event) -> Event:
    """One event from two readings of it.  The earlier reading wins where both
    state a value (it was stored first); the newer one fills its gaps."""
    if set(new.sources) <= set(old.sources):
        return old  # the same reading again: nothing new to learn
    changes: dict[str, Any] = {}
    for f in fields(old.detail):
        a, b = getattr(old.detail, f.name), getattr(new.detail, f.name)
        if f.name == "scorers":
            changes[f.name] = merge_scorers(a, b)
        elif a is None and b is not None:
            changes[f.name] = b
    sources = tuple(dict.fromkeys((*old.sources, *new.sources)))
    # Independent reports of one fact make it more likely, never certain.
    confidence = min(0.99, 1 - (1 - old.confidence) * (1 - new.confidence) ** 0.5)
    confidence = max(confidence, old.confidence, new.confidence)
    detail = replace(old.detail, **changes)
    return replace(old, detail=detail, sources=sources, date=old.date or new.date,
                   confidence=round(confidence, 4), check=merge_checks(old.check, new.check, detail))
