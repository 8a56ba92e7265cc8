"""Date arithmetic for the time stage: weekdays, months, weeks and football seasons.

Football seasons have no TIMEX3 value of their own.  touchline writes a season
as an ISO 8601 interval of months, ``"2024-08/2025-05"`` (type DATE): the usual
European calendar, August to May.  It is plain ISO, so any TimeML scorer reads
it as an ordinary value string, and consumers can parse both ends.  A season is
named by the calendar year it starts in: the 2024-25 season starts in 2024.
"""

from __future__ import annotations

from datetime import date, timedelta

SEASON_START_MONTH = 8
SEASON_END_MONTH = 5
# Before this month an article belongs to the season that began last summer.
SEASON_ROLLOVER_MONTH = 7


def shift_weekday(anchor: date, weekday: int, direction: int) -> date:
    """The ``weekday`` (1 = Monday) nearest ``anchor`` in ``direction``.

    direction < 0: on or before the anchor (a past-tense "on Wednesday", up to
    6 days back); direction > 0: on or after it, up to 6 days on; the anchor's
    own weekday resolves to the anchor itself, as news uses it for "today".
    """
    delta = (weekday - anchor.isoweekday()) % 7
    if direction < 0:
        return anchor - timedelta(days=(7 - delta) % 7)
    return anchor + timedelta(days=delta)


def strict_weekday(anchor: date, weekday: int, direction: int) -> date:
    """Like :func:`shift_weekday` but never the anchor itself ("next Friday", "last Friday")."""
    day = shift_weekday(anchor + timedelta(days=direction), weekday, direction)
    return day


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """(year, month) moved by ``n`` months."""
    total = year * 12 + (month - 1) + n
    return total // 12, total % 12 + 1


def month_year(anchor: date, month: int, direction: int) -> int:
    """The year of a bare month name, read from the article's date and tense.

    past: the latest such month, allowing for plans two months ahead reported in
    the past tense ("said the vote would be in March"); future: likewise the next;
    otherwise the nearest one (ties stay in the anchor year).
    """
    if direction < 0:
        return anchor.year if month <= anchor.month + 2 else anchor.year - 1
    if direction > 0:
        return anchor.year if month >= anchor.month - 2 else anchor.year + 1
    diff = month - anchor.month
    if diff > 6:
        return anchor.year - 1
    if diff < -6:
        return anchor.year + 1
    return anchor.year


def day_year(anchor: date, month: int, day: int, direction: int) -> int | None:
    """The year of a day-and-month date without a year ("November 26")."""
    year = anchor.year
    try:
        candidate = date(year, month, day)
    except ValueError:
        # 29 February outside a leap year: try the neighbouring years.
        for y in (year - 1, year + 1, year - 2, year + 2):
            try:
                date(y, month, day)
                return y
            except ValueError:
                continue
        return None
    gap = (candidate - anchor).days
    # Tense moves a date by a year only when it is well on the wrong side:
    # past-tense sentences often report plans a few weeks ahead.
    if direction < 0 and gap > 60:
        return year - 1
    if direction > 0 and gap < -60:
        return year + 1
    if direction == 0 and gap > 183:
        return year - 1
    if direction == 0 and gap < -183:
        return year + 1
    return year


def iso_week(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def season_start_year(anchor: date) -> int:
    """The start year of the football season an article date falls in."""
    return anchor.year if anchor.month >= SEASON_ROLLOVER_MONTH else anchor.year - 1


def season_value(start_year: int) -> str:
    """The touchline value of a season: ``"2024-08/2025-05"`` for 2024-25."""
    return f"{start_year:04d}-{SEASON_START_MONTH:02d}/{start_year + 1:04d}-{SEASON_END_MONTH:02d}"


# The month each season of the year starts in (northern hemisphere, as the
# TIMEX3 codes SP/SU/FA/WI assume); winter belongs to the year it starts in.
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def year_season(anchor: date, code: str, rel: str) -> int:
    """The year of "summer" / "last winter" / "in the spring" (``rel`` is last, next,
    this, or the tense's reading of a bare "the": ``past`` or ``future``)."""
    start = _SEASON_START[code]
    if rel == "past":
        # "a burst of growth in the spring" (in August): the latest one begun.
        return anchor.year if start <= anchor.month else anchor.year - 1
    if rel == "future":
        # "they will sign a striker in the autumn" (in August): the next one to begin.
        return anchor.year if start > anchor.month else anchor.year + 1
    if rel == "last":
        return anchor.year - 1 if anchor.month < 9 else anchor.year
    if rel == "next":
        return anchor.year + 1 if anchor.month > 5 else anchor.year
    if code == "WI" and anchor.month < 3:
        return anchor.year - 1  # "this winter" in January began last December
    return anchor.year
