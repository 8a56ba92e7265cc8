"""Across articles: the readings of one group become events, one per happening.

Readings (:mod:`touchline.resolve.readings`) that may tell one happening share a
group: the matches between two clubs, a player's transfers.  Within a group:

- Readings are taken in one canonical order (best dated first, then by date,
  article and id), never in the order they arrived, so that ingesting articles
  one at a time, in any order, gives the same events as ingesting them together.
- A narrowly dated reading (a day, a day guessed from the article's date, a
  result of the results reference) joins the happening it fits whose dates lie
  nearest, or starts one.  A widely dated one ("last season", a month) joins a
  happening only when exactly one fits; otherwise it stays apart.
- A reading fits a happening when their windows of days meet (each widened by
  the kind's slack), no article tells the happening twice, two links to the
  results reference name the same result, two stated home sides agree (a
  return leg is another match), and a transfer's clubs agree where both name one.

The event of a happening takes, field by field, the value the most articles
give (a value the results reference confirms first, then more articles, then
more summed confidence); other values are kept in ``Event.conflicts``.  A
status (of a transfer, injury or role) is the latest report's: it moves on
("rumour" then "completed") rather than disagrees.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

from touchline.model import (
    DETAIL_TYPES,
    Event,
    EventDetail,
    FixtureEvent,
    MatchEvent,
    ReferenceCheck,
    Scorer,
)
from touchline.resolve.merge import merge_scorers
from touchline.resolve.readings import PRECISION_RANK, SLACK_DAYS, Reading
from touchline.resolve.reference.check import merge_checks

_LATEST = ("status",)  # fields that move on: the latest report's value leads


def order_key(r: Reading) -> tuple[Any, ...]:
    """The canonical order of readings: best dated first, then by dates and ids."""
    windowed = r.event.kind in SLACK_DAYS
    rank = PRECISION_RANK.get(r.precision, 9) if windowed else 0
    width = _width(r.window) if windowed and r.window else 10 ** 6
    return (rank, width, r.window or ("", ""), r.event.date or "", r.published or date.min, r.article, r.id)


def _width(window: tuple[str, str]) -> int:
    return (date.fromisoformat(window[1]) - date.fromisoformat(window[0])).days


def _center(window: tuple[str, str] | None) -> float:
    if window is None:
        return 0.0
    return (date.fromisoformat(window[0]).toordinal() + date.fromisoformat(window[1]).toordinal()) / 2


def _meet(a: tuple[str, str] | None, b: tuple[str, str] | None) -> tuple[str, str] | None:
    if a is None or b is None:
        return None
    first, last = max(a[0], b[0]), min(a[1], b[1])
    return (first, last) if first <= last else None


def _ref_key(r: Reading) -> tuple[Any, ...] | None:
    ref = r.event.check.reference if r.event.check is not None else None
    return None if ref is None else (ref.file, ref.line)


def _stated_home(r: Reading) -> str | None:
    d = r.event.detail
    if isinstance(d, MatchEvent | FixtureEvent) and r.event.hints.get("home_stated"):
        return d.home
    return None


_AGREEING = ("to_club", "from_club", "measure", "competition")  # of a transfer or milestone


@dataclass(slots=True)
class _Happening:
    members: list[Reading] = field(default_factory=list)
    window: tuple[str, str] | None = None
    # What fits() compares, gathered as members join: a check costs the same however many
    # articles tell the happening (a famous match may have thousands).
    articles: set[str] = field(default_factory=set)
    refs: set[tuple[Any, ...]] = field(default_factory=set)
    homes: set[str] = field(default_factory=set)
    told: dict[str, set[Any]] = field(default_factory=dict)  # the _AGREEING values members give

    def fits(self, r: Reading) -> bool:
        if r.article in self.articles:
            return False  # an article telling two of them tells two happenings
        kind = r.event.kind
        if kind in SLACK_DAYS and _meet(self.window, r.window) is None:
            return False
        ref = _ref_key(r)
        if ref is not None and any(k != ref for k in self.refs):
            return False
        home = _stated_home(r)
        if home is not None and any(h != home for h in self.homes):
            return False
        if kind in ("transfer", "milestone"):
            for name in _AGREEING:
                value = getattr(r.event.detail, name, None)
                if value is not None and any(v != value for v in self.told.get(name, ())):
                    return False
        return True

    def add(self, r: Reading) -> None:
        self.window = r.window if not self.members else _meet(self.window, r.window)
        self.members.append(r)
        self.articles.add(r.article)
        ref, home = _ref_key(r), _stated_home(r)
        if ref is not None:
            self.refs.add(ref)
        if home is not None:
            self.homes.add(home)
        for name in _AGREEING:
            value = getattr(r.event.detail, name, None)
            if value is not None:
                self.told.setdefault(name, set()).add(value)


_BUCKET_DAYS = 32


def _buckets(window: tuple[str, str]) -> range:
    first, last = (date.fromisoformat(day).toordinal() // _BUCKET_DAYS for day in window)
    return range(first, last + 1)


class _Found:
    """The happenings of one group, in the order they were started, and where their windows lie.

    A windowed reading fits only a happening whose window meets its own, so only the
    happenings filed under the same spans of days are checked: a group of thousands of
    matches (two clubs over a century) costs each reading a few checks, not thousands.
    A happening is filed under its first window; joining readings only narrow it.
    """

    def __init__(self) -> None:
        self.all: list[_Happening] = []
        self._by_days: dict[int, list[int]] = {}

    def start(self, r: Reading) -> None:
        h = _Happening()
        h.add(r)
        if h.window is not None:
            for bucket in _buckets(h.window):
                self._by_days.setdefault(bucket, []).append(len(self.all))
        self.all.append(h)

    def fitting(self, r: Reading) -> list[_Happening]:
        """The happenings ``r`` fits, in the order they were started."""
        if r.event.kind not in SLACK_DAYS:
            candidates = self.all  # no window to narrow them down
        elif r.window is None:
            return []  # fits no happening (nor does any happening fit it)
        else:
            near = {i for bucket in _buckets(r.window) for i in self._by_days.get(bucket, ())}
            candidates = [self.all[i] for i in sorted(near)]
        return [h for h in candidates if h.fits(r)]


def happenings(readings: Iterable[Reading]) -> list[list[Reading]]:
    """The readings of one group, clustered into happenings (each in canonical order)."""
    found = _Found()
    for r in sorted(readings, key=order_key):
        fits = found.fitting(r)
        if r.narrow and fits:
            centre = _center(r.window)
            min(fits, key=lambda h: abs(_center(h.window) - centre)).add(r)
        elif len(fits) == 1:
            fits[0].add(r)
        else:
            found.start(r)
    return [h.members for h in found.all]


# --- the event of one happening ---------------------------------------------------------


def _support(members: list[Reading]) -> tuple[int, float]:
    by_article: dict[str, float] = {}
    for m in members:
        by_article[m.article] = max(by_article.get(m.article, 0.0), m.event.confidence)
    return len(by_article), round(sum(by_article.values()), 6)


def _vote(pairs: list[tuple[Hashable, Reading]], confirmed: Hashable | None = None
          ) -> tuple[Any, list[dict[str, Any]]]:
    """The leading value among (value, reading) pairs and, when they disagree, every value told
    with its articles and support, the leader first."""
    told: dict[Hashable, list[Reading]] = {}
    for value, r in pairs:
        if value is not None:
            told.setdefault(value, []).append(r)
    if not told:
        return None, []
    ranked = sorted(told, key=lambda v: (v != confirmed, *(-x for x in _support(told[v])), repr(v)))
    lead = ranked[0]
    if len(ranked) == 1:
        return lead, []
    return lead, [{"value": list(v) if isinstance(v, tuple) else v,
                   "articles": sorted({r.article for r in told[v]}), "support": _support(told[v])[0]}
                  for v in ranked]


def _oriented(members: list[Reading]) -> tuple[str | None, list[tuple[Reading, EventDetail]]]:
    """For a match or fixture: the home side most (stated) readings give, and each reading's
    detail turned to it (a reading with the sides the other way round has its score swapped)."""
    votes: dict[str, tuple[int, int, float]] = {}
    for m in members:
        d = m.event.detail
        assert isinstance(d, MatchEvent | FixtureEvent)
        if d.home is None:
            continue
        stated, n, conf = votes.get(d.home, (0, 0, 0.0))
        votes[d.home] = (stated + (_stated_home(m) is not None), n + 1, conf + m.event.confidence)
    home = max(sorted(votes), key=lambda h: votes[h]) if votes else None
    out: list[tuple[Reading, EventDetail]] = []
    for m in members:
        d = m.event.detail
        assert isinstance(d, MatchEvent | FixtureEvent)
        if home is not None and d.home != home and d.away == home:
            if isinstance(d, MatchEvent):
                d = replace(d, home=d.away, away=d.home, home_score=d.away_score, away_score=d.home_score)
            else:
                d = replace(d, home=d.away, away=d.home)
        out.append((m, d))
    return home, out


def _confidence(members: list[Reading]) -> float:
    """Independent reports of one fact make it more likely, never certain."""
    best: dict[str, float] = {}
    for m in members:
        best[m.article] = max(best.get(m.article, 0.0), m.event.confidence)
    values = sorted(best.values(), reverse=True)
    conf = values[0]
    for c in values[1:]:
        conf = max(conf, c, min(0.99, 1 - (1 - conf) * (1 - c) ** 0.5))
    return round(conf, 4)


def _event_date(members: list[Reading]) -> tuple[str | None, list[dict[str, Any]]]:
    dated = [m for m in members if m.event.date]
    if not dated:
        return None, []
    kind = members[0].event.kind
    if kind == "role":  # a role's event is when it was first told
        return min(m.event.date for m in dated if m.event.date), []
    best = min(PRECISION_RANK.get(m.precision, 9) for m in dated)
    top = [m for m in dated if PRECISION_RANK.get(m.precision, 9) == best]
    return _vote([(m.event.date, m) for m in top])


def _latest(pairs: list[tuple[Any, Reading]]) -> Any:
    told = [(r.published or date.min, r.event.confidence, r.article, v) for v, r in pairs if v is not None]
    return max(told, key=lambda t: t[:3])[3] if told else None


def _check(members: list[Reading], detail: EventDetail) -> ReferenceCheck | None:
    check = None
    for m in members:
        check = merge_checks(check, m.event.check, detail)
    return check


def event_of(group: str, members: list[Reading], taken: Callable[[str], bool] = lambda _: False) -> Event:
    """The one event a happening's readings make (``members`` in canonical order)."""
    kind = members[0].event.kind
    conflicts: dict[str, Any] = {}
    if kind in ("match", "fixture"):
        home, turned = _oriented(members)
    else:
        home, turned = None, [(m, m.event.detail) for m in members]
    values: dict[str, Any] = {}
    cls = DETAIL_TYPES[kind]
    confirmed_score = None
    ref = next((m.event.check.reference for m in members
                if m.event.check is not None and m.event.check.reference is not None), None)
    if ref is not None and ref.home_score is not None:
        confirmed_score = (ref.home_score, ref.away_score) if ref.home == home else (ref.away_score,
                                                                                     ref.home_score)
    for f in fields(cls):
        name = f.name
        pairs = [(getattr(d, name), m) for m, d in turned]
        if name == "scorers":
            scorers: tuple[Scorer, ...] = ()
            for value, _ in pairs:
                scorers = merge_scorers(scorers, value)
            values[name] = scorers
        elif name in ("home_score", "away_score"):
            continue
        elif name in ("home", "away") and home is not None:
            values[name] = home if name == "home" else _away(turned, home)
        elif name in _LATEST:
            values[name] = _latest(pairs)
        else:
            values[name], told = _vote(pairs)
            if told:
                conflicts[name] = told
    if kind == "match":
        scores = [((d.home_score, d.away_score), m) for m, d in turned  # type: ignore[union-attr]
                  if d.home_score is not None and d.away_score is not None]  # type: ignore[union-attr]
        score, told = _vote(scores, confirmed_score)  # type: ignore[arg-type]
        values["home_score"], values["away_score"] = score if score else (None, None)
        if told:
            conflicts["score"] = told
    when, told = _event_date(members)
    if told:
        conflicts["date"] = told
    detail = cls(**values)
    anchor = when or members[0].id
    eid = f"{kind}:{hashlib.sha1(f'{group}|{anchor}'.encode()).hexdigest()[:16]}"
    if taken(eid):
        eid = f"{kind}:{hashlib.sha1(f'{group}|{anchor}|{members[0].id}'.encode()).hexdigest()[:16]}"
    sources = tuple(sorted({s for m in members for s in m.event.sources},
                           key=lambda s: (s.article, s.start, s.end)))
    return Event(id=eid, kind=kind, detail=detail, date=when, confidence=_confidence(members),
                 sources=sources, check=_check(members, detail), conflicts=conflicts)


def _away(turned: list[tuple[Reading, EventDetail]], home: str) -> str | None:
    for _, d in turned:
        away = getattr(d, "away", None)
        if getattr(d, "home", None) == home and away is not None:
            return str(away)
    return None


def resolve_group(group: str, readings: Iterable[Reading]) -> list[tuple[Event, list[Reading]]]:
    """Every happening of one group as (event, its readings)."""
    out: list[tuple[Event, list[Reading]]] = []
    ids: set[str] = set()
    for members in happenings(readings):
        event = event_of(group, members, ids.__contains__)
        ids.add(event.id)
        out.append((event, members))
    return out
