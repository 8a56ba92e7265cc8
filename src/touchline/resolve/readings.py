"""Readings: one article's account of one event, kept as read.

The knowledge base's events are built from readings (:mod:`touchline.resolve.across`):
the readings of one *group* (a match between the same two clubs, a player's
transfers...) are clustered into happenings, and each happening is one event
whose sources list every article.  Keeping the readings, not only the merged
events, lets a new article regroup its group from scratch, so the knowledge base
does not depend on the order articles arrive in.

A reading's ``window`` is world time: the first and last day its text allows
for the happening (``touchline.resolve.reference.link.window_of``, widened by a
kind's slack: two reports of one match may disagree by a day).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date, timedelta

from touchline.model import Article, Event, SourceSpan
from touchline.resolve.reference.link import window_of

# How many days either side two readings' windows may miss each other and still be one
# happening; kinds missing here are one happening whatever their dates (a role, a milestone).
SLACK_DAYS = {"match": 1, "fixture": 1, "shirt_exchange": 1, "injury": 7, "transfer": 120, "standing": 0}
# How precisely a reading is dated, best first.  Narrow readings anchor happenings;
# wide ones join one only when exactly one fits.
PRECISION_RANK = {"reference": 0, "day": 1, "guess": 2, "recent": 3, "window": 4, "month": 5,
                  "year": 6, "none": 7}
NARROW = ("reference", "day", "guess")


@dataclass(frozen=True, slots=True)
class Reading:
    """One article's account of one event (``event`` as extracted: its fields, date, spans)."""

    id: str
    article: str
    published: date | None  # report time of the article
    event: Event
    group: str  # readings of one group may be one happening
    window: tuple[str, str] | None  # world time: first and last ISO day the text allows
    precision: str
    main: bool = False  # the article's main event (its story hangs on it)
    copied_from: str | None = None  # a syndicated copy's reading: the article it copies

    @property
    def narrow(self) -> bool:
        return self.precision in NARROW or self.event.kind not in SLACK_DAYS


def _hashed(kind: str, parts: tuple[str | None, ...]) -> str:
    return hashlib.sha1("|".join((kind, *map(str, parts))).encode()).hexdigest()[:32]


def pair_group(kind: str, a: str, b: str) -> str:
    """The group of the matches (or fixtures) between two sides."""
    return _hashed(kind, tuple(sorted((a, b))))


def group_key(event: Event, article: str) -> str:
    """Readings that may tell one happening share this key (hashed: ids can be long)."""
    d = event.detail
    kind = event.kind
    parts: tuple[str | None, ...]
    if kind in ("match", "fixture"):
        parts = tuple(sorted(x or "" for x in (d.home, d.away)))  # type: ignore[union-attr]
    elif kind == "shirt_exchange":
        parts = tuple(sorted(x or "" for x in (d.giver, d.receiver)))  # type: ignore[union-attr]
    elif kind == "milestone":
        parts = (d.player, None if d.count is None else str(d.count))  # type: ignore[union-attr]
    elif kind in ("injury", "transfer"):
        parts = (d.player,)  # type: ignore[union-attr]
    elif kind == "role":
        parts = (d.person, d.team, d.role)  # type: ignore[union-attr]
    elif kind == "standing":
        parts = (d.team, d.competition or "-")  # type: ignore[union-attr]
    else:
        parts = (None,)
    if not all(parts):  # a side or a player unknown: nothing ties it to another article's
        parts = ("solo", article, event.id)
    return _hashed(kind, parts)


def _window(event: Event, published: date | None) -> tuple[tuple[str, str] | None, str]:
    ref = event.check.reference if event.check is not None else None
    if ref is not None:
        return (ref.date, ref.date), "reference"
    win = window_of(event, published)
    if win is None:
        return None, "none"
    precision = {"window": "window", "month": "month", "year": "year", "recent": "recent",
                 "guess": "guess", "day": "day"}[win.precision]
    if precision == "day" and event.hints.get("date_source") in ("story", "article"):
        precision = "guess"
    return (win.first.isoformat(), win.last.isoformat()), precision


def widen(window: tuple[str, str] | None, kind: str) -> tuple[str, str] | None:
    """A window with the kind's slack added either side."""
    if window is None or kind not in SLACK_DAYS:
        return window
    slack = timedelta(days=SLACK_DAYS[kind])
    first, last = (date.fromisoformat(x) for x in window)
    return (first - slack).isoformat(), (last + slack).isoformat()


def reading_of(event: Event, article: Article, main: bool = False) -> Reading:
    """The reading an article's event makes (``event.id`` is its id within the article)."""
    window, precision = _window(event, article.published)
    rid = hashlib.sha1(f"{article.id}|{event.id}".encode()).hexdigest()[:24]
    return Reading(id=f"r:{rid}", article=article.id, published=article.published, event=event,
                   group=group_key(event, article.id), window=widen(window, event.kind),
                   precision=precision, main=main)


def copied_reading(reading: Reading, copy: Article, spans: tuple[SourceSpan, ...]) -> Reading:
    """The reading a syndicated copy makes of its original's reading: the same account,
    from the copy (its own article id, report date and spans)."""
    rid = hashlib.sha1(f"{copy.id}|{reading.id}".encode()).hexdigest()[:24]
    return replace(reading, id=f"r:{rid}", article=copy.id, published=copy.published,
                   event=replace(reading.event, sources=spans), copied_from=reading.article)


def map_span(original: str, copy: str, span: SourceSpan, article: str) -> SourceSpan:
    """Where the text at ``span`` of the original stands in its near-copy: the same words
    found again (nearest the same offset), else the same offsets cut to the copy's length."""
    words = original[span.start:span.end]
    if words:
        hits: list[int] = []
        at = copy.find(words)
        while at != -1 and len(hits) < 20:
            hits.append(at)
            at = copy.find(words, at + 1)
        if hits:
            best = min(hits, key=lambda h: abs(h - span.start))
            return SourceSpan(article, best, best + len(words))
    start = min(span.start, len(copy))
    return SourceSpan(article, start, min(max(span.end, start), len(copy)))
