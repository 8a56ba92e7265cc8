"""Normalise amounts of time and repeated times: durations, sets, references, quarters, clock times."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.easter import easter

from touchline.nlp.time import calendar as cal
from touchline.nlp.time.base import (
    _HOLIDAYS,
    _REFS,
    _SETADV,
    _UNITS,
    Candidate,
    Context,
    Result,
    _day,
    _direction,
    _key,
    _need_dct,
    _safe_date,
    duration_value,
    number,
)

_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def duration(c: Candidate, ctx: Context) -> Result | None:
    unit = _key(c.groups["unit"])
    n_word = _key(c.groups["n"])
    n = number(n_word)
    if n is None and n_word not in {"several", "a few", "few", "many", "some", "numerous", "recent",
                                    "the last few", "a number of"}:
        return None
    if n is not None and n > 1000:
        return None
    text_has_half = "half" in _key(c.groups.get("n", ""))
    if n is not None and not text_has_half and re.search(r"and\s+a\s+half", str(c.groups)):
        n += 0.5
    return Result("DURATION", duration_value(n, unit))


def duration_bare(c: Candidate, ctx: Context) -> Result | None:
    unit = _key(next(c.groups[g] for g in ("unit", "unit2", "unit3", "unit4") if c.groups.get(g)))
    vague = _key(c.groups.get("vague", ""))
    # "recent weeks" points back from now rather than measuring a length.
    if vague == "recent":
        return Result("DATE", "PAST_REF")
    if vague == "coming":
        return Result("DATE", "FUTURE_REF")
    return Result("DURATION", duration_value(None, unit))


def set_freq(c: Candidate, ctx: Context) -> Result | None:
    unit = _key(c.groups["unit"])
    return Result("SET", duration_value(1, unit))


def set_every(c: Candidate, ctx: Context) -> Result | None:
    unit = _key(c.groups["unit"])
    n = number(c.groups["n"]) if c.groups.get("n") else 1.0
    if unit in {"season", "campaign", "term"}:
        return Result("SET", "P1Y", anchor="season")
    if unit in {"spring", "summer", "autumn", "fall", "winter"}:
        return Result("SET", "XXXX-" + {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA",
                                        "winter": "WI"}[unit])
    if unit not in _UNITS:
        return None
    return Result("SET", duration_value(n, unit))


def set_adverb(c: Candidate, ctx: Context) -> Result | None:
    return Result("SET", _SETADV[_key(c.groups["word"])])


def ref(c: Candidate, ctx: Context) -> Result | None:
    return Result("DATE", _REFS[_key(c.groups["word"])])


def _holiday_date(spec: list[int], year: int) -> date | None:
    # [month, day]; [0, offset]: days from Easter Sunday (Good Friday is -2);
    # [month, weekday, n]: the n-th weekday of the month (Thanksgiving), n = -1 the last.
    if len(spec) == 2:
        if spec[0] == 0:
            return easter(year) + timedelta(days=spec[1])
        return _safe_date(year, spec[0], spec[1])
    month, weekday, nth = spec
    if nth < 0:
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.isoweekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))


def holiday(c: Candidate, ctx: Context) -> Result | None:
    spec = _HOLIDAYS[_key(c.groups["word"])]
    if c.groups.get("y"):
        d = _holiday_date(spec, int(c.groups["y"]))
        return _day(d) if d else None
    missing = _need_dct(ctx, "DATE")
    if missing or ctx.dct is None:
        return missing
    rel = _key(c.groups.get("rel", ""))
    this_year = _holiday_date(spec, ctx.dct.year)
    if this_year is None:
        return None
    if rel == "last":
        year = ctx.dct.year if this_year < ctx.dct else ctx.dct.year - 1
    elif rel == "next":
        year = ctx.dct.year if this_year > ctx.dct else ctx.dct.year + 1
    else:
        found = cal.day_year(ctx.dct, this_year.month, this_year.day, _direction(ctx.tense, scheduled=False))
        if found is None:
            return None
        year = found
    d = _holiday_date(spec, year)
    return _day(d) if d else None


def quarter(c: Candidate, ctx: Context) -> Result | None:
    q = _QUARTERS[_key(c.groups["q"])]
    if c.groups.get("y"):
        return Result("DATE", f"{c.groups['y']}-Q{q}")
    missing = _need_dct(ctx, "DATE")
    if missing or ctx.dct is None:
        return missing
    current = (ctx.dct.month - 1) // 3 + 1
    year = ctx.dct.year
    # A quarter later in the year than the article's is last year's, unless the
    # sentence looks ahead.
    if q > current and ctx.tense != "future":
        year -= 1
    return Result("DATE", f"{year:04d}-Q{q}")


def quarter_anaphor(c: Candidate, ctx: Context) -> Result | None:
    missing = _need_dct(ctx, "DATE")
    if missing or ctx.dct is None:
        return missing
    q = (ctx.dct.month - 1) // 3 + 1
    year = ctx.dct.year
    if _key(c.groups.get("rel", "")) not in {"current", "same"}:
        # "the quarter" in a report is the last one completed.
        q -= 1
        if q == 0:
            q, year = 4, year - 1
    return Result("DATE", f"{year:04d}-Q{q}")


def year_period(c: Candidate, ctx: Context) -> Result | None:
    """"the 1988 third quarter"; "the 1988 period" in a quarterly report: the quarter reported on."""
    year = int(c.groups["y"])
    if c.groups.get("q"):
        return Result("DATE", f"{year:04d}-Q{_QUARTERS[_key(c.groups['q'])]}")
    if ctx.last_quarter:
        return Result("DATE", f"{year:04d}-Q{ctx.last_quarter[1]}")
    return Result("DATE", f"{year:04d}")


def period_anaphor(c: Candidate, ctx: Context) -> Result | None:
    """"the latest period" in a quarterly report: the quarter it reports on, else not a timex."""
    if ctx.last_quarter is None:
        return None
    return Result("DATE", f"{ctx.last_quarter[0]:04d}-Q{ctx.last_quarter[1]}")


def year_ago_adj(c: Candidate, ctx: Context) -> Result | None:
    """"a year-earlier loss", "the year-ago quarter": the period compared with, a year back.

    In a quarterly report (a quarter already named) it is that quarter a year earlier.
    """
    missing = _need_dct(ctx, "DATE")
    if missing or ctx.dct is None:
        return missing
    if c.groups.get("q"):
        q = _QUARTERS[_key(c.groups["q"])]
        year = ctx.last_quarter[0] if ctx.last_quarter else ctx.dct.year
        return Result("DATE", f"{year - 1:04d}-Q{q}")
    if ctx.last_quarter:
        return Result("DATE", f"{ctx.last_quarter[0] - 1:04d}-Q{ctx.last_quarter[1]}")
    if c.groups.get("unit"):
        q = (ctx.dct.month - 1) // 3  # the last quarter completed
        year = ctx.dct.year - 1 if q else ctx.dct.year - 2
        return Result("DATE", f"{year:04d}-Q{q or 4}")
    return Result("DATE", f"{ctx.dct.year - 1:04d}")


def _clock_day(ctx: Context) -> date | None:
    return ctx.last_day or ctx.dct


def clock_text(c: Candidate) -> str:
    """"T22:00" for "10 p.m.", "T24:00" for "midnight", "T12:00" for "noon"."""
    word = _key(c.groups.get("word", ""))
    if word:
        return "T24:00" if word == "midnight" else "T12:00"
    h = int(c.groups["h"])
    mi = int(c.groups.get("mi") or 0)
    ap = _key(c.groups.get("ap", "")).replace(".", "")
    if ap == "pm" and h < 12:
        h += 12
    elif ap == "am" and h == 12:
        h = 0
    return f"T{h:02d}:{mi:02d}"


def clock(c: Candidate, ctx: Context) -> Result | None:
    day = _clock_day(ctx)
    if day is None:
        return Result("TIME", None, "clock time and no published date")
    return Result("TIME", day.isoformat() + clock_text(c))


def clock_word(c: Candidate, ctx: Context) -> Result | None:
    return clock(c, ctx)
