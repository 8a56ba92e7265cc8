"""Stories in SQL: which story each article tells, settled again when articles are written.

The rules are :func:`touchline.resolve.stories.story_for` (an article with a main
event) and :func:`touchline.resolve.stories.like_story` (an article without one);
this module reads what they need and writes the result.  A syndicated copy tells
its original's story.  Stories no article tells any more are removed (a story is
only a label on its articles).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, exists, or_, select, update
from sqlalchemy.engine import Connection

from touchline.model import Event, detail_from_fields
from touchline.resolve.readings import pair_group
from touchline.resolve.stories import STORY_DAYS, like_story, story_for, words
from touchline.store import schema as t
from touchline.store.identity import _chunks, _insert_ignore


def restory(conn: Connection, articles: set[str]) -> None:
    """Settle the stories of ``articles`` (new ones, and those whose main event was resolved
    again) and of the articles without an event published near them."""
    if not articles:
        return
    originals = set(articles)
    for chunk in _chunks(sorted(articles)):  # a copy's story is its original's
        copied = {a: b for a, b in conn.execute(select(t.articles.c.id, t.articles.c.duplicate_of).where(
            t.articles.c.id.in_(chunk), t.articles.c.duplicate_of.is_not(None)))}
        originals = (originals - set(copied)) | set(copied.values())
    stories: dict[str, str] = {}
    loose: set[str] = set()
    for chunk in _chunks(sorted(originals)):
        mains = {a: e for a, e in conn.execute(select(t.event_readings.c.article, t.event_readings.c.event_id)
                                               .where(t.event_readings.c.article.in_(chunk),
                                                      t.event_readings.c.main == 1,
                                                      t.event_readings.c.copied_from.is_(None)))}
        events = {e.id: e for e in _events(conn, sorted({e for e in mains.values() if e}))}
        for article in chunk:
            main = events.get(mains.get(article) or "")
            if main is None:
                loose.add(article)
                continue
            games = _games(conn, main) if main.kind == "fixture" else []
            stories[article] = story_for(article, main, games)
    _write(conn, stories)
    loose |= _loose_near(conn, set(stories))
    _write(conn, {a: _like(conn, a) for a in sorted(loose)})
    used = select(t.articles.c.story).where(t.articles.c.story.is_not(None))
    conn.execute(delete(t.stories).where(t.stories.c.id.not_in(used)))


def _write(conn: Connection, stories: dict[str, str]) -> None:
    if not stories:
        return
    copies = {r.id: r.duplicate_of for chunk in _chunks(sorted(stories)) for r in conn.execute(
        select(t.articles.c.id, t.articles.c.duplicate_of).where(t.articles.c.duplicate_of.in_(chunk)))}
    stories = {**stories, **{copy: stories[original] for copy, original in copies.items()}}
    rows = [{"id": s, "label": None} for s in sorted(set(stories.values()))]
    conn.execute(_insert_ignore(conn, t.stories), rows)
    by_story: dict[str, list[str]] = {}
    for article, story in stories.items():
        by_story.setdefault(story, []).append(article)
    for story, members in by_story.items():
        for chunk in _chunks(sorted(members)):
            moved = or_(t.articles.c.story.is_(None), t.articles.c.story != story)
            conn.execute(update(t.articles).where(t.articles.c.id.in_(chunk), moved).values(story=story))


def _has_event() -> Any:
    """An article with a main event of its own (an indexed look-up per article, not a scan)."""
    return exists().where(t.event_readings.c.article == t.articles.c.id, t.event_readings.c.main == 1,
                          t.event_readings.c.copied_from.is_(None))


def _loose_near(conn: Connection, anchored: set[str]) -> set[str]:
    """Articles without an event published within STORY_DAYS of these articles with one."""
    days = sorted({r[0] for chunk in _chunks(sorted(anchored)) for r in conn.execute(
        select(t.articles.c.published).where(t.articles.c.id.in_(chunk),
                                             t.articles.c.published.is_not(None)))})
    out: set[str] = set()
    for day in days:
        near = (t.articles.c.published >= day - timedelta(days=STORY_DAYS),
                t.articles.c.published <= day + timedelta(days=STORY_DAYS))
        # copies are dropped here, not in SQL: a condition on duplicate_of makes the planner walk
        # the (nearly whole) index of duplicate_of IS NULL instead of the few days' articles
        out |= {r[0] for r in conn.execute(select(t.articles.c.id, t.articles.c.duplicate_of).where(
            *near, ~_has_event())) if r[1] is None}
    return out


def _entities(conn: Connection, articles: list[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {a: set() for a in articles}
    for chunk in _chunks(articles):
        query = select(t.mentions.c.article, t.mentions.c.entity).distinct().where(
            t.mentions.c.article.in_(chunk), t.mentions.c.entity.is_not(None))
        for article, entity in conn.execute(query):
            out[article].add(entity)
    return out


def _like(conn: Connection, article: str) -> str:
    row = conn.execute(select(t.articles.c.published, t.articles.c.text)
                       .where(t.articles.c.id == article)).one()
    if row.published is None:
        return f"story:{article}"
    near = [r for r in conn.execute(
        select(t.articles.c.id, t.articles.c.published, t.articles.c.story, t.articles.c.text,
               t.articles.c.duplicate_of)
        .where(t.articles.c.published >= row.published - timedelta(days=STORY_DAYS),
               t.articles.c.published <= row.published + timedelta(days=STORY_DAYS),
               t.articles.c.story.is_not(None), t.articles.c.id != article, _has_event()))
        if r.duplicate_of is None]
    named = _entities(conn, [article, *(r.id for r in near)])
    candidates = [(r.published, r.story, named[r.id], words(r.text)) for r in near]
    return like_story(row.published, named[article], words(row.text), candidates) or f"story:{article}"


def _events(conn: Connection, ids: list[str]) -> Iterator[Event]:
    for chunk in _chunks(ids):
        for r in conn.execute(select(t.events).where(t.events.c.id.in_(chunk))).mappings():
            yield Event(id=r["id"], kind=r["kind"], detail=detail_from_fields(r["kind"], r["fields"]),
                        date=r["date"], confidence=r["confidence"])


def _games(conn: Connection, fixture: Event) -> list[Event]:
    """The matches between a fixture's sides."""
    home, away = getattr(fixture.detail, "home", None), getattr(fixture.detail, "away", None)
    if not home or not away:
        return []
    ids = [r[0] for r in conn.execute(select(t.events.c.id).where(
        t.events.c.group_key == pair_group("match", home, away)))]
    return list(_events(conn, ids))
