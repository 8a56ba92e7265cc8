"""Events across articles in SQL: the groups new readings join, resolved again.

Every group a write touches is resolved again (:func:`touchline.resolve.across.resolve_group`)
and its events are replaced: a group of a windowed kind only around its new readings
(:mod:`touchline.store.nearby`, so a write does not cost more as seasons pile up), any
other from all its readings.  Groups are
handled many at a time, so a write costs a few statements per batch of groups and of
events, not per group or per event: one article may hold tens of thousands of events.
Every list of values a statement carries is cut into chunks far below the parameter
limits (PostgreSQL takes 65,535 per statement).

The event_readings index leads with ``kind``: each look-up by group key names the kind
too (a group key is a hash that includes its kind, so the condition drops no row).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.engine import Connection

from touchline.model import (
    Event,
    SourceSpan,
    check_from_data,
    check_to_data,
    detail_from_fields,
    detail_to_fields,
)
from touchline.resolve.across import resolve_group
from touchline.resolve.readings import SLACK_DAYS, Reading, pair_group
from touchline.store import indexing, nearby
from touchline.store import schema as t
from touchline.store.identity import _insert_ignore
from touchline.store.indexing import chunks, chunks_by_first

GROUPS_PER_ROUND = 500  # groups resolved together: all their readings are in memory at once
ROWS_PER_STATEMENT = 5000  # rows per executemany: bounds the driver's buffers, not a limit

Resolved = dict[str, list[tuple[Event, list[Reading]]]]  # group key -> (event, its readings)

# --- rows <-> records ---------------------------------------------------------------------


def reading_row(r: Reading) -> dict[str, Any]:
    ev = r.event
    return {"id": r.id, "article": r.article, "event_id": None, "kind": ev.kind, "group_key": r.group,
            "date": ev.date, "window_from": r.window[0] if r.window else None,
            "window_to": r.window[1] if r.window else None, "precision": r.precision,
            "confidence": ev.confidence, "fields": detail_to_fields(ev.detail),
            "reference": check_to_data(ev.check), "hints": dict(ev.hints) or None,
            "sources": [[s.start, s.end] for s in ev.sources], "main": int(r.main),
            "copied_from": r.copied_from}


def reading_from_row(row: Any, published: date | None) -> Reading:
    spans = tuple(SourceSpan(row["article"], int(a), int(b)) for a, b in row["sources"] or ())
    event = Event(id=row["id"], kind=row["kind"], detail=detail_from_fields(row["kind"], row["fields"]),
                  date=row["date"], confidence=row["confidence"], sources=spans,
                  check=check_from_data(row["reference"]), hints=row["hints"] or {})
    window = (row["window_from"], row["window_to"]) if row["window_from"] else None
    return Reading(id=row["id"], article=row["article"], published=published, event=event,
                   group=row["group_key"], window=window, precision=row["precision"], main=bool(row["main"]),
                   copied_from=row["copied_from"])


def event_row(e: Event, group: str, articles: Mapping[str, Sequence[Any]]) -> dict[str, Any]:
    """The events row of ``e``; ``articles`` gives (source, url, title, published) of each
    article among its sources (:func:`article_facts`)."""
    return {"id": e.id, "kind": e.kind, "date": e.date, "confidence": e.confidence,
            "fields": detail_to_fields(e.detail), "check_state": e.check.state if e.check else None,
            "reference": check_to_data(e.check), "group_key": group, "conflicts": dict(e.conflicts) or None,
            "sources": source_list(e.sources, articles)}


def source_list(spans: Iterable[SourceSpan], articles: Mapping[str, Sequence[Any]]) -> list[list[Any]]:
    """The events row's ``sources``: each span with what its article says of itself, in the
    order of event_sources' key (article, then start, then end)."""
    out = []
    for s in sorted(set(spans), key=lambda s: (s.article, s.start, s.end)):
        source, url, title, published = articles.get(s.article) or (None, None, None, None)
        out.append([s.article, s.start, s.end, source, url, title,
                    published.isoformat() if isinstance(published, date) else published])
    return out


# Built once with an expanding IN parameter (compiled once and cached).
_ARTICLE_FACTS = (select(t.articles.c.id, t.articles.c.source, t.articles.c.url, t.articles.c.title,
                         t.articles.c.published)
                  .where(t.articles.c.id.in_(bindparam("ids", expanding=True))))


def article_facts(conn: Connection, ids: Iterable[str]) -> dict[str, tuple[Any, ...]]:
    """(source, url, title, published) of each of these stored articles: what a source shows."""
    return {r[0]: tuple(r[1:]) for part in chunks(sorted(set(ids)))
            for r in conn.execute(_ARTICLE_FACTS, {"ids": part})}


# --- resolving groups ---------------------------------------------------------------------


def regroup(conn: Connection, groups: Iterable[tuple[str, str]],
            new: Mapping[str, Iterable[str]] | None = None) -> set[str]:
    """Resolve the groups given as (kind, group key) again; the articles whose story may have moved.
    ``new``: the ids of each group's new readings, when known; a windowed group is then resolved
    again only where they can change it."""
    touched: set[str] = set()
    for part in chunks(sorted(set(groups)), GROUPS_PER_ROUND):
        touched |= _regroup(conn, part, new)
    return touched


def _regroup(conn: Connection, groups: Sequence[tuple[str, str]],
             new: Mapping[str, Iterable[str]] | None) -> set[str]:
    near = nearby.resolve_near(conn, [g for g in groups if g[0] in SLACK_DAYS], new) if new else {}
    whole = [g for g in groups if g[1] not in near]
    readings = _readings(conn, whole)
    resolved: Resolved = {group: resolve_group(group, readings.get(group, [])) for _, group in whole}
    _drop_events(conn, sorted({*_old_events(conn, whole), *(e for n in near.values() for e in n.old)}))
    resolved.update({group: n.resolved for group, n in near.items()})
    _insert_events(conn, resolved)
    _link_readings(conn, resolved)
    # Near its new readings, only the events of the runs can change: every other event of the
    # group keeps its id and content, so the stories of its articles (and of the articles
    # without an event near them) stay as they are; restory needs only the runs' articles.
    mains = {m.article for n in near.values() for _, members in n.resolved for m in members if m.main}
    return mains | _main_articles(conn, [*whole, *_fixture_groups(groups, resolved)])


def _readings(conn: Connection, groups: Sequence[tuple[str, str]]) -> dict[str, list[Reading]]:
    """Every stored reading of the groups, by group key."""
    r, a = t.event_readings, t.articles
    out: dict[str, list[Reading]] = {}
    for kind, part in chunks_by_first(groups):
        query = (select(r, a.c.published).join(a, a.c.id == r.c.article)
                 .where(r.c.kind == kind, r.c.group_key.in_(part)))
        for row in conn.execute(query).mappings():
            out.setdefault(row["group_key"], []).append(reading_from_row(row, row["published"]))
    return out


def _old_events(conn: Connection, groups: Sequence[tuple[str, str]]) -> list[str]:
    """The stored events of the groups: those filed under them and those their readings name."""
    old: set[str] = set()
    for part in chunks(sorted({group for _, group in groups})):
        old |= {row[0] for row in conn.execute(select(t.events.c.id).where(t.events.c.group_key.in_(part)))}
    r = t.event_readings
    for kind, part in chunks_by_first(groups):
        old |= {row[0] for row in conn.execute(select(r.c.event_id).distinct().where(
            r.c.kind == kind, r.c.group_key.in_(part), r.c.event_id.is_not(None)))}
    return sorted(old)


def _drop_events(conn: Connection, ids: list[str]) -> None:
    indexing.unindex_events(conn, ids)
    for part in chunks(ids):
        conn.execute(delete(t.event_sources).where(t.event_sources.c.event_id.in_(part)))
        conn.execute(delete(t.events).where(t.events.c.id.in_(part)))


def _insert_events(conn: Connection, resolved: Resolved) -> None:
    articles = article_facts(conn, {s.article for pairs in resolved.values() for e, _ in pairs
                                    for s in e.sources})
    rows = [event_row(e, group, articles) for group, pairs in resolved.items() for e, _ in pairs]
    for part in chunks(rows, ROWS_PER_STATEMENT):
        conn.execute(t.events.insert(), list(part))
    indexing.index_events(conn, [(r["id"], r["kind"], r["fields"]) for r in rows], replace=False)
    sources = [{"event_id": e.id, "article": s.article, "start_char": s.start, "end_char": s.end}
               for pairs in resolved.values() for e, _ in pairs for s in e.sources]
    for part in chunks(sources, ROWS_PER_STATEMENT):
        conn.execute(_insert_ignore(conn, t.event_sources), list(part))


def _link_readings(conn: Connection, resolved: Resolved) -> None:
    """Each reading names the event it became (one executemany, not a statement per event)."""
    r = t.event_readings
    stmt = update(r).where(r.c.id == bindparam("reading")).values(event_id=bindparam("event"))
    links = [{"reading": m.id, "event": e.id} for pairs in resolved.values() for e, members in pairs
             for m in members]
    for part in chunks(links, ROWS_PER_STATEMENT):
        conn.execute(stmt, list(part))


def _fixture_groups(groups: Sequence[tuple[str, str]], resolved: Resolved) -> list[tuple[str, str]]:
    """The fixtures between the sides of each match group: their articles' stories hang on its games.
    Every event of a match group names the same two sides (its key is made of them), so the first
    event of a group resolved only in part names the fixture group the whole would."""
    out = []
    for kind, group in groups:
        first = resolved[group][0][0].detail if kind == "match" and resolved[group] else None
        home, away = getattr(first, "home", None), getattr(first, "away", None)
        if home and away:
            out.append(("fixture", pair_group("fixture", home, away)))
    return out


def _main_articles(conn: Connection, groups: Sequence[tuple[str, str]]) -> set[str]:
    """The articles whose main event is read in one of the groups."""
    r = t.event_readings
    out: set[str] = set()
    for kind, part in chunks_by_first(groups):
        out |= {row[0] for row in conn.execute(select(r.c.article).where(
            r.c.kind == kind, r.c.group_key.in_(part), r.c.main == 1))}
    return out
