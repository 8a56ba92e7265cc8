"""Resolve: turn one article's raw readings into records that join the knowledge base."""

from __future__ import annotations

from dataclasses import replace

from touchline.model import ENTITY_FIELDS, Analysis, Entity
from touchline.resolve.events import event_key, with_stable_id
from touchline.resolve.identity import Identity
from touchline.resolve.merge import merge_events
from touchline.resolve.reference import Reference, check_events
from touchline.resolve.stories import assign_story

__all__ = ["Identity", "assign_story", "event_key", "merge_events", "resolve_analysis"]


def resolve_analysis(analysis: Analysis, reference: Reference | None = None,
                     identity: Identity | None = None) -> Analysis:
    """Stable event ids, one event per id, entities deduplicated, dangling ids dropped,
    matches and fixtures checked against the results reference (``reference``, else the
    package's and the user's).

    With ``identity`` the article's entities first take the knowledge base's ids
    (one per real person, club...; see :mod:`touchline.resolve.identity`).
    """
    if identity is not None:
        analysis = identity.canonicalise(analysis)
    aid = analysis.article.id
    entities: dict[str, Entity] = {}
    for e in analysis.entities:
        old = entities.get(e.id)
        entities[e.id] = e if old is None else replace(
            old, aliases=tuple(dict.fromkeys((*old.aliases, *e.aliases))))
    known = set(entities)

    def keep(value: str | None) -> str | None:
        return value if value in known else None

    kept = [replace(ev, detail=replace(ev.detail, **{f: keep(getattr(ev.detail, f))  # type: ignore[arg-type]
                                                     for f in ENTITY_FIELDS[ev.kind]}))
            for ev in analysis.events]
    checked, named = check_events(kept, analysis.article.published, entities, reference)
    entities.update((e.id, e) for e in named)
    events: dict[str, object] = {}
    # Two readings of one game merge below, the first one's values winning: a reading the
    # reference confirms goes first (a second, misread one adds only its source).
    checked.sort(key=lambda e: e.check is not None and e.check.state == "contradicted")
    for ev in checked:
        ev = with_stable_id(ev, aid)
        events[ev.id] = merge_events(events[ev.id], ev) if ev.id in events else ev  # type: ignore[arg-type]
    mentions = tuple(replace(m, entity=keep(m.entity)) for m in analysis.mentions)
    quotes = tuple(replace(q, speaker=keep(q.speaker)) for q in analysis.quotes)
    resolved = replace(analysis, entities=tuple(entities.values()), mentions=mentions,
                       events=tuple(events.values()), quotes=quotes)  # type: ignore[arg-type]
    return assign_story(resolved)
