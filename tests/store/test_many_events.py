"""More events than PostgreSQL takes parameters in one statement (65,535): timeline, matches
and the export read them all, since no query carries a list of every id."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest

from touchline.ingest import make_article
from touchline.model import Analysis, Entity, Event, MatchEvent, SourceSpan
from touchline.query.export import write_export
from touchline.query.matches import matches
from touchline.query.timeline import timeline
from touchline.store import WriteBatch, open_store

EVENTS = 66_000  # above 65,535
HOME = Entity("club:saltmarsh-rovers", "club", "Saltmarsh Rovers")
AWAY = Entity("club:quarrybank-town", "club", "Quarrybank Town")


@pytest.mark.slow
def test_more_events_than_a_statement_takes_parameters_on_postgresql(pg_url: str) -> None:
    store = open_store(pg_url)
    try:
        art = make_article("Saltmarsh Rovers and Quarrybank Town have met many times.", source="many.txt",
                           published=date(2025, 1, 1))
        first = date(1900, 1, 1)
        events = tuple(Event(f"match:{n:06d}", "match", MatchEvent(HOME.id, AWAY.id, n % 5, n % 3),
                             (first + timedelta(days=n)).isoformat(), 0.8, (SourceSpan(art.id, 0, 15),))
                       for n in range(EVENTS))
        store.write(WriteBatch([Analysis(art, (HOME, AWAY), (), events)]))
        assert len(timeline(store, "Saltmarsh Rovers")) == EVENTS
        assert len(matches(store, "Saltmarsh Rovers", "Quarrybank Town")) == EVENTS
        out = io.StringIO()
        write_export(store, out)
        assert len(json.loads(out.getvalue())["events"]) == EVENTS
    finally:
        store.close()
