"""A windowed group resolved again only around its new readings, as a whole regroup would.

A group of a windowed kind (``SLACK_DAYS``: the matches of two clubs, a player's transfers)
holds every season it was ever told; resolving all of it on each write makes a write cost
more the older the knowledge base.  Why a part is enough
(:func:`touchline.resolve.across.happenings`):

- A windowed reading joins only a happening whose window meets its own, and a happening's
  window is the meet of its members' windows: every member's window contains it.  So the
  members of one happening have windows that meet one another, and a reading's choice (the
  happenings it fits) only ever looks at readings whose windows meet its own.
- Hence the readings whose windows are linked by a chain of meeting windows (a *run* of
  days) are resolved the same alone as among the whole group, in the same relative order
  (one canonical order, restricted); a reading without a window is a happening alone.

So the runs the new readings fall in are resolved again and their events replaced; every
other event of the group keeps its readings, hence its content.  What can still differ is
an event id: ``event_of`` derives it from the group and the event's date, and the second
happening of a group on one date takes another id, which depends on the order across
the whole group.  Where a date of an event replaced or made here is also the date of an
event of the group outside the runs, the group is resolved whole instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Connection

from touchline.model import Event
from touchline.resolve.across import resolve_group
from touchline.resolve.readings import Reading
from touchline.store import schema as t
from touchline.store.indexing import chunks


@dataclass(slots=True)
class Near:
    """A group resolved around its new readings: the events it replaces and what replaces them."""

    old: list[str]
    resolved: list[tuple[Event, list[Reading]]]


def resolve_near(conn: Connection, groups: Sequence[tuple[str, str]],
                 new: Mapping[str, Iterable[str]]) -> dict[str, Near]:
    """The groups (of windowed kinds) that can be resolved in part, by group key; the others
    (no new readings named, or a date shared across the cut) are left to a whole regroup."""
    from touchline.store.regroup import reading_from_row  # regroup imports this module

    wanted = _runs(conn, [g for g in groups if new.get(g[1])], new)
    r, a = t.event_readings, t.articles
    readings: dict[str, list[Reading]] = {}
    linked: dict[str, set[str]] = {}  # group -> the events its resolved readings belong to now
    ids = sorted(i for members in wanted.values() for i in members)
    for part in chunks(ids):
        query = select(r, a.c.published).join(a, a.c.id == r.c.article).where(r.c.id.in_(part))
        for row in conn.execute(query).mappings():
            readings.setdefault(row["group_key"], []).append(reading_from_row(row, row["published"]))
            if row["event_id"] is not None:
                linked.setdefault(row["group_key"], set()).add(row["event_id"])
    out = {group: Near(sorted(linked.get(group, ())), resolve_group(group, members))
           for group, members in readings.items()}
    clash = _clashing(conn, out)
    return {group: near for group, near in out.items() if group not in clash}


def _clashing(conn: Connection, near: dict[str, Near]) -> set[str]:
    """The groups where an event outside the runs has the date of an event replaced or made
    there: which of them takes the other id is decided across the whole group."""
    e = t.events
    dates: dict[str, set[str]] = {g: {ev.date for ev, _ in n.resolved if ev.date} for g, n in near.items()}
    old = sorted(i for n in near.values() for i in n.old)
    for part in chunks(old):
        for group, day in conn.execute(select(e.c.group_key, e.c.date).where(e.c.id.in_(part))):
            if day and group in dates:
                dates[group].add(day)
    replaced = set(old)
    days = sorted(set().union(*dates.values())) if dates else []
    out: set[str] = set()
    for part in chunks(sorted(near)):
        for day_part in chunks(days):
            query = select(e.c.group_key, e.c.id, e.c.date).where(e.c.group_key.in_(part),
                                                                  e.c.date.in_(day_part))
            out |= {group for group, eid, day in conn.execute(query)
                    if eid not in replaced and day in dates.get(group, ())}
    return out


def _runs(conn: Connection, groups: Sequence[tuple[str, str]],
          new: Mapping[str, Iterable[str]]) -> dict[str, set[str]]:
    """The ids of the readings in the runs of days of each group's new readings.  Only ids and
    windows are read for the whole group: no reading is decoded that is not resolved."""
    r = t.event_readings
    windows: dict[str, list[tuple[str, str | None, str | None]]] = {}
    by_kind: dict[str, list[str]] = {}
    for kind, group in groups:
        by_kind.setdefault(kind, []).append(group)
    for kind, keys in sorted(by_kind.items()):
        for part in chunks(sorted(keys)):
            query = select(r.c.group_key, r.c.id, r.c.window_from, r.c.window_to).where(
                r.c.kind == kind, r.c.group_key.in_(part))
            for group, rid, first, last in conn.execute(query):
                windows.setdefault(group, []).append((rid, first, last))
    out: dict[str, set[str]] = {}
    for group, rows in windows.items():
        seeds = set(new[group])
        out[group] = {rid for run in _split(rows) if seeds.intersection(run) for rid in run}
    return out


def _split(rows: list[tuple[str, str | None, str | None]]) -> Iterable[list[str]]:
    """The runs of (id, window from, window to): readings whose windows chain by meeting.  Two
    windows meet when they share a day (ISO dates compare as strings)."""
    dated = sorted((first, last, rid) for rid, first, last in rows if first)
    for rid, first, _ in rows:
        if not first:
            yield [rid]  # no window: a happening alone
    run: list[str] = []
    end = ""
    for first, last, rid in dated:
        if run and first > end:
            yield run
            run, end = [], ""
        run.append(rid)
        end = max(end, last or first)
    if run:
        yield run
