"""Link extracted matches and fixtures to the results reference, and say what it confirms.

For a match (or fixture) between two clubs, the linker looks for reference
results between the same two clubs in a window of days that follows how
precisely the event is dated:

=====================================  =====================================================
the event's date                       window searched
=====================================  =====================================================
a day the text names ("on Saturday")   that day ± 1 (a European evening is the next day in
                                       Asia and Australia; a US report may carry the UTC date)
a day guessed from the article's date  the week up to the article's date (see ``hints`` below)
none, the article dated                the week up to the article's date (a fixture: the
                                       fortnight from it)
a month ("2018-10")                    that month
a year ("2018")                        that year
``hints["date_window"]``               that window ("last season", "last week")
=====================================  =====================================================

A played match is never looked for after the article's date (+1 day), a
fixture never before it (-1 day).  Among the results in the window, the
text's competition keeps those of that competition, a home side the text
states (by its venue, or ``hints["home_stated"]``) keeps those it hosted, a
final (the match's ``stage``) keeps the reference's finals only, a result told
without a score (``hints["winner"]``) those that ended so, and the text's
score keeps those with that score.  Exactly one left: linked.
Several: none.  None with the text's score, but exactly one meeting in a
narrow window (a day, or the week before a report whose main match is dated
by the extractor's guess): linked, and the score is a contradiction; in a
wide window (a month, a year, the week before an undated mention) it is more
likely another meeting, so nothing is linked.

Optional hints from extraction (``Event.hints``), read when present:

- ``date_source``: ``"text"`` (the date comes from the event's own clause or
  sentence) or ``"article"`` (a guess from the article's date).  Without it, a
  day equal to the day before the article's date is taken for such a guess,
  since that is the extractor's fallback.
- ``date_window``: ``[first, last]`` ISO days the text allows ("last
  season" told in November 2024: ``["2023-08-01", "2024-05-31"]``).
- ``home_stated``: true when the text says who was at home ("at Anfield",
  "the hosts", a "Home 2-1 Away" headline), false when the home side is only
  the order of words.  Without it, a venue that is one of the two clubs'
  grounds counts as stated.
- ``winner``: for a result told without a score ("a draw at Bilbao", "their
  defeat by Brentford"), the winning club or ``"draw"``; keeps the results
  that ended so.
- ``only_if_linked``: a game the text only names, with no score and no time
  ("Madrid's only setback had been a draw at Bilbao"); ``check_events`` keeps
  it only when this linker finds its one result.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from touchline.model import (
    Entity,
    Event,
    FixtureEvent,
    MatchEvent,
    ReferenceCheck,
    ReferenceResult,
)
from touchline.resolve.reference.check import disagreements, score_agrees
from touchline.resolve.reference.db import Row
from touchline.resolve.reference.sources import Reference

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
# How far back a report's own match may lie, and how far ahead a fixture with no date.
RECENT_DAYS = 7
AHEAD_DAYS = 14
_UNPLAYED = {"postponed", "cancelled", "canceled", "abandoned"}


@dataclass(frozen=True, slots=True)
class Window:
    """The days searched for an event, and whether a lone result there is surely the same game."""

    first: date
    last: date
    precision: str  # day | guess (the extractor's day-before) | recent (undated) | month | year | window
    narrow: bool

    def __str__(self) -> str:
        if self.first == self.last:
            return self.first.isoformat()
        return f"{self.first.isoformat()}..{self.last.isoformat()}"


def _is_guess(event: Event, published: date | None) -> bool:
    source = event.hints.get("date_source")
    if source is not None:
        return bool(source == "article")
    return published is not None and event.date == (published - timedelta(days=1)).isoformat()


def window_of(event: Event, published: date | None) -> Window | None:
    """The days to search for ``event`` (see the module docstring); None when nothing anchors it."""
    hinted = event.hints.get("date_window")
    fixture = event.kind == "fixture"
    win: Window | None = None
    if hinted:
        first, last = (date.fromisoformat(str(x)[:10]) for x in hinted)
        win = Window(first, last, "window", narrow=False)
    elif event.date and (m := _DAY.match(event.date)):
        day = date(*map(int, m.groups()))
        if not fixture and _is_guess(event, published) and published is not None:
            win = Window(published - timedelta(days=RECENT_DAYS), published, "guess", narrow=True)
        else:
            win = Window(day - timedelta(days=1), day + timedelta(days=1), "day", narrow=True)
    elif event.date and (m := _MONTH.match(event.date)):
        year, month = map(int, m.groups())
        win = Window(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]),
                     "month", narrow=False)
    elif event.date and (m := _YEAR.match(event.date)):
        year = int(m.group(1))
        win = Window(date(year, 1, 1), date(year, 12, 31), "year", narrow=False)
    elif published is not None:
        if fixture:
            win = Window(published, published + timedelta(days=AHEAD_DAYS), "recent", narrow=True)
        else:
            # Undated: perhaps this week's game, perhaps an older one ("in their last meeting"),
            # so a lone result there with another score is not taken for the same game.
            win = Window(published - timedelta(days=RECENT_DAYS), published, "recent", narrow=False)
    if win is None or published is None:
        return win
    # A played match lies before its report, a fixture after it (a day's slack for time zones).
    if fixture:
        first = max(win.first, published - timedelta(days=1))
        return replace(win, first=first) if first <= win.last else None
    last = min(win.last, published + timedelta(days=1))
    return replace(win, last=last) if win.first <= last else None


def _winner(row: Row) -> str | None:
    if row.home_score is None or row.away_score is None:
        return None
    if row.home_score == row.away_score:
        return "draw"
    return row.home if row.home_score > row.away_score else row.away


def _result(row: Row) -> ReferenceResult:
    return ReferenceResult(date=row.day.isoformat(), home=row.home, away=row.away,
                           home_score=row.home_score, away_score=row.away_score,
                           competition=row.competition, file=row.file, line=row.line, round=row.round,
                           score_90=row.score_90, penalties=row.penalties)


def stated_home(event: Event, clubs: Mapping[str, Mapping[str, Any]]) -> str | None:
    """The home side the text itself states, or None when it is only word order."""
    detail = event.detail
    assert isinstance(detail, MatchEvent | FixtureEvent)
    hint = event.hints.get("home_stated")
    if hint is not None:
        return detail.home if hint else None
    if detail.venue:
        for side in (detail.home, detail.away):
            if side and (clubs.get(side) or {}).get("attrs", {}).get("venue") == detail.venue:
                return side
    return None


def _unknown(event: Event, note: str) -> tuple[Event, Entity | None]:
    return replace(event, check=ReferenceCheck(state="unknown", note=note)), None


def season_so_far(published: date) -> Window:
    """From the 1 July the season began (a July report looks back to the season before) to
    the report."""
    year = published.year if published.month > 7 else published.year - 1
    return Window(date(year, 7, 1), published, "the season so far", narrow=False)


def link_event(event: Event, published: date | None, reference: Reference,
               clubs: Mapping[str, Mapping[str, Any]]) -> tuple[Event, Entity | None]:
    """The event with its ``check`` (and the fields the reference fills); plus the competition
    entity to add when the reference filled a competition the article never named.

    A result with its score but no time at all ("Liverpool have lost 1-0 to Manchester United
    since his arrival") is looked for in the week before the report first and, when no result
    there has its score, in the season so far: linked only when exactly one meeting of the two
    clubs that season ended with that score."""
    detail = event.detail
    if not isinstance(detail, MatchEvent | FixtureEvent):
        return event, None
    reason = _unlinkable(detail, reference)
    if reason:  # no window would change it: the look-up is not tried, nor tried again
        return _unknown(event, reason)
    linked, entity = _link(event, published, reference, clubs, None)
    if (linked.check is not None and linked.check.state == "unknown" and published is not None
            and isinstance(detail, MatchEvent) and detail.home_score is not None
            and not event.date and not event.hints.get("date_window")):
        wider, more = _link(event, published, reference, clubs, season_so_far(published))
        if wider.check is not None and wider.check.state != "unknown":
            return wider, more
    return linked, entity


def _unlinkable(detail: MatchEvent | FixtureEvent, reference: Reference) -> str | None:
    """Why the reference cannot hold this game whatever its date, or None."""
    a, b = detail.home, detail.away
    if a is None or b is None or a == b:
        return "two teams are needed"
    if not (a.startswith("club:") and b.startswith("club:")):
        return "the reference holds club matches only"
    missing = [c for c in (a, b) if not reference.knows(c)]
    if missing:
        return f"no reference result names {', '.join(missing)}"
    return None


def _link(event: Event, published: date | None, reference: Reference,
          clubs: Mapping[str, Mapping[str, Any]], window: Window | None) -> tuple[Event, Entity | None]:
    """Link a match or fixture that :func:`_unlinkable` lets through, searching ``window`` (None:
    the window its own date and the report allow)."""
    detail = event.detail
    assert isinstance(detail, MatchEvent | FixtureEvent)
    a, b = detail.home, detail.away
    assert a is not None and b is not None
    win = window or window_of(event, published)
    if win is None:
        return _unknown(event, "no date to search around")
    rows = [r for r in reference.results(a, b, win.first, win.last) if r.status not in _UNPLAYED]
    if event.kind == "match":
        rows = [r for r in rows if r.home_score is not None]
    if not rows:
        return _unknown(event, _uncovered(reference, detail, a, b, win))
    if detail.competition:
        same = [r for r in rows if r.competition == detail.competition]
        if not same:
            others = ", ".join(sorted({r.competition for r in rows}))
            return _unknown(event, f"in {win} the reference has them meeting in {others} only")
        rows = same
    if isinstance(detail, MatchEvent) and detail.stage == "final":
        rows = [r for r in rows if (r.round or "").lower() == "final"]
        if not rows:
            return _unknown(event, f"no final between the two clubs in {win}")
    home = stated_home(event, clubs)
    if home is not None:
        rows = [r for r in rows if r.home == home] or rows
    winner = event.hints.get("winner")
    if winner and isinstance(detail, MatchEvent) and detail.home_score is None:
        rows = [r for r in rows if _winner(r) == winner]
        if not rows:
            return _unknown(event, f"no result in {win} ended as the text says")
    results = [_result(r) for r in rows]
    if isinstance(detail, MatchEvent) and detail.home_score is not None:
        fit = [r for r in results if score_agrees(detail, r)]
        if len(fit) == 1 or (not fit and len(results) == 1 and win.narrow):
            results = fit or results
        elif not fit:
            return _unknown(event, f"no result with the text's score in {win}")
        else:
            results = fit
    if len(results) > 1:
        return _unknown(event, f"{len(results)} results fit in {win}")
    return apply_result(event, results[0], win, home is not None, reference)


def apply_result(event: Event, ref: ReferenceResult, win: Window, home_stated: bool,
           reference: Reference) -> tuple[Event, Entity | None]:
    """The event linked to ``ref``: its check, and the date, home side and competition the
    text left open taken from the reference."""
    detail = event.detail
    assert isinstance(detail, MatchEvent | FixtureEvent)
    filled: list[str] = []
    replaced: dict[str, Any] = {}
    disagree = disagreements(detail, ref, home_stated)
    changes: dict[str, Any] = {}
    if detail.home == ref.away and not home_stated:
        # The text left the home side open (word order only): the reference's side is taken.
        changes.update(home=ref.home, away=ref.away)
        if isinstance(detail, MatchEvent):
            changes.update(home_score=detail.away_score, away_score=detail.home_score)
        replaced["home"] = detail.home
        filled += ["home", "away"]
    new_competition: Entity | None = None
    if detail.competition is None:
        changes["competition"] = ref.competition
        filled.append("competition")
        new_competition = reference.competition_entity(ref.competition)
    date = event.date
    if event.date != ref.date:
        # A day the text names that is a day off the reference is the same game told in another
        # time zone; anything coarser or guessed is the text leaving the day open.
        if event.date:
            replaced["date"] = event.date
        date = ref.date
        filled.append("date")
    check = ReferenceCheck(state="contradicted" if disagree else "confirmed", reference=ref,
                           filled=tuple(filled), disagree=tuple(disagree), replaced=replaced,
                           note=f"window {win} ({win.precision})")
    return replace(event, detail=replace(detail, **changes), date=date, check=check), new_competition


def _uncovered(reference: Reference, detail: MatchEvent | FixtureEvent, a: str, b: str, win: Window) -> str:
    if detail.competition:
        if reference.competition_editions(detail.competition, win.first, win.last):
            return f"no result between the two clubs in {detail.competition} in {win}"
        return f"no reference covers {detail.competition} in {win}"
    if reference.editions(a, win.first, win.last) or reference.editions(b, win.first, win.last):
        return f"no result between the two clubs in {win}"
    return f"no reference covers these clubs in {win}"
