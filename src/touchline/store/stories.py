"""Stories in SQL: which story each article tells, settled again when articles are written.

The rules are :func:`touchline.resolve.stories.story_for` (an article with a main
event) and :func:`touchline.resolve.stories.like_story` (an article without one);
this module reads what they need and writes the result.  A syndicated copy tells
its original's story.  Stories no article tells any more are removed (a story is
only a label on its articles).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, exists, or_, select, update
from sqlalchemy.engine import Connection

from touchline.model import Event, detail_from_fields
from touchline.resolve.readings import pair_group
from touchline.resolve.stories import STORY_DAYS, TEAM_PREFIXES, Wording, like_story, story_for, words
from touchline.store import schema as t
from touchline.store.identity import _insert_ignore
from touchline.store.indexing import chunks


class Wordings:
    """The words of recently compared articles, by article id (a store's article id stands for
    one text, which never changes): the anchored articles of a busy day are compared again on
    every write, and counting their words each time cost as much as comparing them."""

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._held: OrderedDict[str, Wording] = OrderedDict()

    def of(self, conn: Connection, articles: list[str]) -> dict[str, Wording]:
        out: dict[str, Wording] = {}
        for article in articles:
            if (held := self._held.get(article)) is not None:
                self._held.move_to_end(article)
                out[article] = held
        missing = [a for a in articles if a not in out]
        texts = _texts(conn, missing)
        for article in missing:
            if article in texts:
                out[article] = self._held[article] = words(texts[article])
        while len(self._held) > self.size:
            self._held.popitem(last=False)
        return out


def restory(conn: Connection, articles: set[str], wordings: Wordings | None = None) -> None:
    """Settle the stories of ``articles`` (new ones, and those whose main event was resolved
    again) and of the articles without an event published near them.  ``wordings`` keeps the
    words of articles between the writes of one store."""
    wordings = wordings or Wordings()
    if not articles:
        return
    originals = set(articles)
    for chunk in chunks(sorted(articles)):  # a copy's story is its original's
        copied = {a: b for a, b in conn.execute(select(t.articles.c.id, t.articles.c.duplicate_of).where(
            t.articles.c.id.in_(chunk), t.articles.c.duplicate_of.is_not(None)))}
        originals = (originals - set(copied)) | set(copied.values())
    stories: dict[str, str] = {}
    loose: set[str] = set()
    for chunk in chunks(sorted(originals)):
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
    _write(conn, _likes(conn, sorted(loose), wordings))
    # NOT EXISTS, not NOT IN (subquery): PostgreSQL runs a NOT IN whose subquery outgrows
    # work_mem row by row against all of it, quadratic in the articles (12 s a write at 57,000).
    used = exists().where(t.articles.c.story == t.stories.c.id)
    conn.execute(delete(t.stories).where(~used))


def _write(conn: Connection, stories: dict[str, str]) -> None:
    if not stories:
        return
    copies = {r.id: r.duplicate_of for chunk in chunks(sorted(stories)) for r in conn.execute(
        select(t.articles.c.id, t.articles.c.duplicate_of).where(t.articles.c.duplicate_of.in_(chunk)))}
    stories = {**stories, **{copy: stories[original] for copy, original in copies.items()}}
    rows = [{"id": s, "label": None} for s in sorted(set(stories.values()))]
    conn.execute(_insert_ignore(conn, t.stories), rows)
    a = t.articles
    moved = or_(a.c.story.is_(None), a.c.story != bindparam("story_id"))
    stmt = update(a).where(a.c.id == bindparam("article_id"), moved).values(story=bindparam("story_id"))
    conn.execute(stmt, [{"article_id": article, "story_id": story}
                        for article, story in sorted(stories.items())])


def _has_event() -> Any:
    """An article with a main event of its own (an indexed look-up per article, not a scan)."""
    return exists().where(t.event_readings.c.article == t.articles.c.id, t.event_readings.c.main == 1,
                          t.event_readings.c.copied_from.is_(None))


def _loose_near(conn: Connection, anchored: set[str]) -> set[str]:
    """Articles without an event published within STORY_DAYS of these articles with one and
    naming one of their teams: only for those can one of these be the most like
    (:func:`touchline.resolve.stories.like_story` needs a team in common), so only their
    stories can change (a day's other loose articles were all settled again on every write)."""
    days = sorted({r[0] for chunk in chunks(sorted(anchored)) for r in conn.execute(
        select(t.articles.c.published).where(t.articles.c.id.in_(chunk),
                                             t.articles.c.published.is_not(None)))})
    teams = sorted({e for named in _entities(conn, sorted(anchored)).values() for e in named
                    if e.startswith(TEAM_PREFIXES)})
    out: set[str] = set()
    for first, last in _near_days(days) if teams else ():
        near = (t.articles.c.published >= first, t.articles.c.published <= last)
        for part in chunks(teams):
            names_team = exists().where(t.mentions.c.article == t.articles.c.id,
                                        t.mentions.c.entity.in_(part))
            # copies are dropped here, not in SQL: a condition on duplicate_of makes the planner
            # walk the (nearly whole) index of duplicate_of IS NULL instead of the few days' articles
            out |= {r[0] for r in conn.execute(select(t.articles.c.id, t.articles.c.duplicate_of).where(
                *near, ~_has_event(), names_team)) if r[1] is None}
    return out


def _near_days(days: list[date]) -> list[tuple[date, date]]:
    """The days within STORY_DAYS of ``days`` (sorted), as the fewest ranges: one query each,
    not one per day."""
    ranges: list[tuple[date, date]] = []
    for day in days:
        first, last = day - timedelta(days=STORY_DAYS), day + timedelta(days=STORY_DAYS)
        if ranges and first <= ranges[-1][1] + timedelta(days=1):
            ranges[-1] = (ranges[-1][0], max(ranges[-1][1], last))
        else:
            ranges.append((first, last))
    return ranges


def _entities(conn: Connection, articles: list[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {a: set() for a in articles}
    for chunk in chunks(articles):
        query = select(t.mentions.c.article, t.mentions.c.entity).distinct().where(
            t.mentions.c.article.in_(chunk), t.mentions.c.entity.is_not(None))
        for article, entity in conn.execute(query):
            out[article].add(entity)
    return out


def _likes(conn: Connection, articles: list[str], wordings: Wordings) -> dict[str, str]:
    """The story of each article without an event: that of the article with one most like it
    (:func:`touchline.resolve.stories.like_story`), else its own.  Articles published on one
    day share their candidates: they are read once per day, not once per article."""
    out: dict[str, str] = {}
    by_day: dict[date, list[str]] = {}
    for chunk in chunks(articles):
        query = select(t.articles.c.id, t.articles.c.published).where(t.articles.c.id.in_(chunk))
        for r in conn.execute(query):
            if r.published is None:
                out[r.id] = f"story:{r.id}"
            else:
                by_day.setdefault(r.published, []).append(r.id)
    for day, members in sorted(by_day.items()):
        out.update(_likes_on(conn, day, sorted(members), wordings))
    return out


def _likes_on(conn: Connection, day: date, articles: list[str], wordings: Wordings) -> dict[str, str]:
    near = _anchored_near(conn, day)
    named = _entities(conn, sorted({*articles, *(r.id for r in near)}))
    # like_story passes over a candidate that names no team of the article's: only those naming
    # a team some of these articles name are read and counted (a busy day's anchored articles
    # were otherwise all read in full, for each write, to be dropped at that first test).
    teams = {a: {e for e in named[a] if e.startswith(TEAM_PREFIXES)} for a in articles}
    near = [r for r in near if any(not named[r.id].isdisjoint(mine) for mine in teams.values())]
    told = wordings.of(conn, sorted({*articles, *(r.id for r in near)})) if near else {}
    out: dict[str, str] = {}
    for article in articles:
        candidates = [(r.published, r.story, named[r.id], told[r.id]) for r in near
                      if r.id != article and not teams[article].isdisjoint(named[r.id])]
        found = like_story(day, named[article], told[article], candidates) if candidates else None
        out[article] = found or f"story:{article}"
    return out


def _texts(conn: Connection, articles: list[str]) -> dict[str, str]:
    return {r.id: r.text for chunk in chunks(articles) for r in conn.execute(
        select(t.articles.c.id, t.articles.c.text).where(t.articles.c.id.in_(chunk)))}


def _anchored_near(conn: Connection, day: date) -> list[Any]:
    """Originals with an event of their own and a story, published within STORY_DAYS of ``day``."""
    a = t.articles
    return [r for r in conn.execute(
        select(a.c.id, a.c.published, a.c.story, a.c.duplicate_of)
        .where(a.c.published >= day - timedelta(days=STORY_DAYS),
               a.c.published <= day + timedelta(days=STORY_DAYS),
               a.c.story.is_not(None), _has_event()))
        if r.duplicate_of is None]


def _events(conn: Connection, ids: list[str]) -> Iterator[Event]:
    for chunk in chunks(ids):
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
