"""A windowed group resolved only around its new readings (touchline.store.nearby) ends as a
whole regroup would: random groups (wide and narrow windows, readings without one, shared
dates, articles telling several) are written in random batches, each batch resolving the runs
of days of its readings, or the whole group where a date clashes across the cut, as the store
does; after every batch the events (ids, content and readings) equal a whole resolve."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Connection

from touchline.model import Event, MatchEvent, TransferEvent
from touchline.resolve.across import resolve_group
from touchline.resolve.readings import Reading
from touchline.store import nearby, open_store
from touchline.store import schema as t
from touchline.store.nearby import _split
from touchline.store.regroup import reading_row, regroup
from touchline.store.sql import SqlStore

WIDTH = {"reference": 0, "day": 0, "guess": 1, "recent": 10, "window": 30, "month": 30, "year": 365}
START = date(2000, 1, 1)


def _reading(rng: random.Random, i: int, kind: str) -> Reading:
    first = START + timedelta(days=rng.randint(0, 2000))
    precision = rng.choice(sorted(WIDTH))
    width = WIDTH[precision] + rng.choice([0, 0, 2])
    window = None if rng.random() < 0.05 else (first.isoformat(), (first + timedelta(days=width)).isoformat())
    day = None if rng.random() < 0.1 else (first + timedelta(days=rng.randint(0, width))).isoformat()
    if rng.random() < 0.3:  # few dates, so that events of far apart runs share one
        day = (START + timedelta(days=30 * rng.randint(0, 60))).isoformat()
    home, away = ("a", "b") if rng.random() < 0.6 else ("b", "a")
    clubs = rng.choice(["x", "y", None]), rng.choice(["z", None])
    detail = (MatchEvent(home=home, away=away, home_score=rng.randint(0, 2), away_score=rng.randint(0, 2))
              if kind == "match" else TransferEvent(player="p", to_club=clubs[0], from_club=clubs[1]))
    event = Event(id=f"r{i}", kind=kind, detail=detail, date=day, confidence=rng.random())
    return Reading(id=f"r{i}", article=f"a{rng.randint(0, i // 2 + 3)}",
                   published=START + timedelta(days=rng.randint(0, 2100)), event=event, group="g",
                   window=window, precision=precision, main=rng.random() < 0.5)


def _key(resolved: list[tuple[Event, list[Reading]]]) -> list[tuple[str, str, tuple[str, ...]]]:
    return sorted((e.id, repr(e), tuple(m.id for m in members)) for e, members in resolved)


@pytest.mark.parametrize("seed", range(40))
def test_resolving_the_runs_of_new_readings_gives_the_whole_groups_events(seed: int) -> None:
    rng = random.Random(seed)
    kind = rng.choice(["match", "transfer"])
    readings = [_reading(rng, i, kind) for i in range(rng.randint(5, 120))]
    stored: list[tuple[Event, list[Reading]]] = []
    done = 0
    while done < len(readings):
        batch = readings[done:done + rng.randint(1, 15)]
        done += len(batch)
        now = readings[:done]
        rows = [(r.id, *(r.window or (None, None))) for r in now]
        seeds = {r.id for r in batch}
        run = {rid for ids in _split(rows) if seeds.intersection(ids) for rid in ids}
        part = resolve_group("g", [r for r in now if r.id in run])
        old = [(e, ms) for e, ms in stored if any(m.id in run for m in ms)]
        assert all(m.id in run for _, ms in old for m in ms)  # no event is cut by the runs
        rest = [(e, ms) for e, ms in stored if not any(m.id in run for m in ms)]
        days = {e.date for e, _ in part + old if e.date}
        clash = any(e.date in days for e, _ in rest)  # the store then resolves the whole group
        stored = resolve_group("g", now) if clash else rest + part
        assert _key(stored) == _key(resolve_group("g", now))


@pytest.mark.parametrize("seed", range(6))
def test_the_store_resolving_near_keeps_the_events_of_a_whole_regroup(tmp_path: Path, seed: int,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The same batches regrouped near their readings in one store and whole in another: the
    events and links agree after every batch, date clashes (resolved whole) included."""
    rng = random.Random(seed)
    readings = [_reading(rng, i, "match") for i in range(80)]
    published = {r.article: START + timedelta(days=rng.randint(0, 2100)) for r in readings}
    readings = [replace(r, published=published[r.article]) for r in readings]
    clashes: list[set[str]] = []
    clashing = nearby._clashing

    def recorded(conn: Connection, near: dict[str, nearby.Near]) -> set[str]:
        clashes.append(clashing(conn, near))
        return clashes[-1]

    monkeypatch.setattr(nearby, "_clashing", recorded)
    stores = [open_store(str(tmp_path / f"{name}.db")) for name in ("near", "whole")]
    try:
        for store in stores:
            assert isinstance(store, SqlStore)
            with store.engine.begin() as conn:
                conn.execute(t.articles.insert(), [{"id": a, "text": a, "text_hash": a, "published": day}
                                                   for a, day in sorted(published.items())])
        done = 0
        while done < len(readings):
            batch = readings[done:done + rng.randint(1, 15)]
            done += len(batch)
            seen = []
            for store, new in zip(stores, ({"g": [r.id for r in batch]}, None), strict=True):
                assert isinstance(store, SqlStore)
                with store.engine.begin() as conn:
                    conn.execute(t.event_readings.insert(), [reading_row(r) for r in batch])
                    regroup(conn, {("match", "g")}, new)
                    seen.append((sorted(map(tuple, conn.execute(select(t.events)))),
                                 sorted(map(tuple, conn.execute(select(t.event_readings.c.id,
                                                                       t.event_readings.c.event_id))))))
            assert seen[0] == seen[1]
    finally:
        for store in stores:
            store.close()
    assert any(clashes) and not all(clashes)  # both ways are exercised: near the readings, and whole
