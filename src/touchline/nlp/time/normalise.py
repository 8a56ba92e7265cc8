"""Turn a matched calendar expression into a TIMEX3 type and value, anchored on the article date.

One function per rule family (see ``data/time/patterns.jsonl``); durations,
sets and clock times are in :mod:`amounts`, match-relative expressions in
:mod:`football`.  A relative expression with no article date keeps
``value=None`` and says why in ``reason``: touchline never anchors on today.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, timedelta

from touchline.nlp.time import amounts, eras, football
from touchline.nlp.time import calendar as cal
from touchline.nlp.time.base import (
    _MONTHS,
    _POD,
    _TIME_UNITS,
    _WEEKDAYS,
    _YSEASON,
    NO_DCT,
    Candidate,
    Context,
    Result,
    _day,
    _direction,
    _key,
    _need_dct,
    _safe_date,
    number,
)

logger = logging.getLogger(__name__)

# --- explicit dates -----------------------------------------------------------


def _iso_date(c: Candidate, ctx: Context) -> Result | None:
    d = _safe_date(int(c.groups["y"]), int(c.groups["m"]), int(c.groups["d"]))
    return _day(d) if d else None


def _numeric_date(c: Candidate, ctx: Context) -> Result | None:
    a, b, y = int(c.groups["a"]), int(c.groups["b"]), c.groups["y"]
    year = int(y) if len(y) == 4 else 2000 + int(y) if int(y) < 50 else 1900 + int(y)
    if c.groups["sep"] == "." and len(y) == 2:
        return None  # "3.5.24" is more often a score or a version than a date
    if a > 12 >= b:
        day, month = a, b
    elif b > 12 >= a:
        day, month = b, a
    else:
        day, month = (a, b) if ctx.dayfirst else (b, a)
    d = _safe_date(year, month, day)
    return _day(d) if d else None


def _full_date(c: Candidate, ctx: Context) -> Result | None:
    d = _safe_date(int(c.groups["y"]), _MONTHS[_key(c.groups["month"])], int(c.groups["d"]))
    return _day(d) if d else None


def _month_day(c: Candidate, ctx: Context) -> Result | None:
    month, day = _MONTHS[_key(c.groups["month"])], int(c.groups["d"])
    if not 1 <= day <= 31 or _safe_date(2024, month, day) is None:
        return None
    if ctx.dct is None:
        return Result("DATE", None, NO_DCT)
    wd = c.groups.get("wd")
    if wd:
        # "Wednesday, November 27": the year whose calendar agrees with the weekday.
        for y in (ctx.dct.year, ctx.dct.year + 1, ctx.dct.year - 1):
            d = _safe_date(y, month, day)
            if d and d.isoweekday() == _WEEKDAYS[_key(wd)]:
                return _day(d)
    year = cal.day_year(ctx.dct, month, day, _direction(ctx.tense, scheduled=False))
    d = _safe_date(year, month, day) if year else None
    return _day(d) if d else None


def _month_year(c: Candidate, ctx: Context) -> Result | None:
    return Result("DATE", f"{int(c.groups['y']):04d}-{_MONTHS[_key(c.groups['month'])]:02d}")


def _month_rel_year(c: Candidate, ctx: Context) -> Result | None:
    missing = _need_dct(ctx, "DATE")
    if missing or ctx.dct is None:
        return missing
    year = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[_key(c.groups["rel"])]
    return Result("DATE", f"{year:04d}-{_MONTHS[_key(c.groups['month'])]:02d}")


def _month(c: Candidate, ctx: Context) -> Result | None:
    month = _MONTHS[_key(c.groups["month"])]
    rel = _key(c.groups.get("rel", ""))
    if c.groups["month"] == "May" and not (rel or c.groups.get("mod") or c.groups.get("prep")
                                           or "det" in c.groups):
        return None  # bare "May" is usually the verb; "in May", "since May" are the month
    missing = _need_dct(ctx, "DATE")
    if missing or ctx.dct is None:
        return missing
    if rel in {"last", "past"}:
        year = ctx.dct.year if month < ctx.dct.month else ctx.dct.year - 1
    elif rel in {"next", "coming"}:
        year = ctx.dct.year if month > ctx.dct.month else ctx.dct.year + 1
    elif rel == "this":
        year = ctx.dct.year
    else:
        year = cal.month_year(ctx.dct, month, _direction(ctx.tense, scheduled=False))
    return Result("DATE", f"{year:04d}-{month:02d}")


def _year(c: Candidate, ctx: Context) -> Result | None:
    return Result("DATE", c.groups["y"])


def _decade(c: Candidate, ctx: Context) -> Result | None:
    return Result("DATE", c.groups["y"])


def _season_span(c: Candidate, ctx: Context) -> Result | None:
    y1 = int(c.groups["y1"])
    y2 = c.groups["y2"]
    end = int(y2) if len(y2) == 4 else (y1 // 100) * 100 + int(y2)
    if end < y1:
        end += 100
    if end != y1 + 1:
        return None  # "2010-15" is a span of years, not a season
    return Result("DATE", cal.season_value(y1), anchor="season")


# --- weekdays and deictic days -------------------------------------------------------


def _weekday(c: Candidate, ctx: Context) -> Result | None:
    wd = _WEEKDAYS[_key(c.groups["wd"])]
    pod = c.groups.get("pod")
    missing = _need_dct(ctx, "TIME" if pod else "DATE")
    if missing or ctx.dct is None:
        return missing
    rel = _key(c.groups.get("rel", ""))
    if rel in {"last", "past"}:
        d = cal.strict_weekday(ctx.dct, wd, -1)
    elif rel == "next":
        d = cal.strict_weekday(ctx.dct, wd, 1)
    elif rel in {"this", "coming"}:
        d = cal.shift_weekday(ctx.dct, wd, 1 if rel == "coming" or ctx.tense != "past" else -1)
    elif "fwd" in c.groups:
        # "until Tuesday", "as early as Friday": a deadline or a start still ahead, whatever the tense.
        d = cal.shift_weekday(ctx.dct, wd, 1)
    else:
        d = cal.shift_weekday(ctx.dct, wd, _direction(ctx.tense, scheduled=True))
    return _day(d, pod)


def _weekday_set(c: Candidate, ctx: Context) -> Result | None:
    wd = _WEEKDAYS[_key(c.groups.get("wd") or c.groups["wd2"])]
    return Result("SET", f"XXXX-WXX-{wd}")


def _month_set(c: Candidate, ctx: Context) -> Result | None:
    return Result("SET", f"XXXX-{_MONTHS[_key(c.groups['month'])]:02d}")


def _week_of(c: Candidate, ctx: Context) -> Result | None:
    groups = {"month": c.groups.get("month") or c.groups["month2"], "d": c.groups.get("d") or c.groups["d2"]}
    day = _month_day(Candidate(c.start, c.end, "month_day", groups), ctx)
    if day is None or day.day is None:
        return day
    weekend = "-WE" if _key(c.groups["unit"]) == "weekend" else ""
    return Result("DATE", cal.iso_week(day.day) + weekend)


_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
            "the day after tomorrow": 2}


def _deictic(c: Candidate, ctx: Context) -> Result | None:
    word = _key(c.groups["word"])
    pod = c.groups.get("pod") or ("night" if word == "tonight" else None)
    missing = _need_dct(ctx, "TIME" if pod else "DATE")
    if missing or ctx.dct is None:
        return missing
    return _day(ctx.dct + timedelta(days=_DEICTIC[word]), pod)


def _deictic_pod(c: Candidate, ctx: Context) -> Result | None:
    rel, pod = _key(c.groups["rel"]), c.groups["pod"]
    if rel == "last" and _key(pod) != "night":
        return None  # "last morning" is not a phrase; "last evening" is rare enough to skip
    missing = _need_dct(ctx, "TIME")
    if missing or ctx.dct is None:
        return missing
    shift = {"last": -1, "yesterday": -1, "tomorrow": 1}.get(rel, 0)
    return _day(ctx.dct + timedelta(days=shift), pod)


def _clock_day(c: Candidate, ctx: Context) -> Result | None:
    """"10 p.m. Wednesday", "noon Saturday", "5 p.m. EST Nov. 9": the day's date plus the clock time."""
    if c.groups.get("wd"):
        day = _weekday(Candidate(c.start, c.end, "weekday", {"wd": c.groups["wd"], **_rel(c)}), ctx)
    else:
        groups = {"month": c.groups["month"], "d": c.groups["d"]}
        day = _month_day(Candidate(c.start, c.end, "month_day", groups), ctx)
    if day is None:
        return None
    if day.value is None:
        return Result("TIME", None, day.reason)
    return Result("TIME", day.value + amounts.clock_text(c))


def _rel(c: Candidate) -> dict[str, str]:
    rel = {"rel": c.groups["rel"]} if c.groups.get("rel") else {}
    return {**rel, "fwd": ""} if "fwd" in c.groups else rel


# --- relative periods ---------------------------------------------------------


def _period(unit: str, dct: date, shift: int) -> str | None:
    if unit == "week":
        return cal.iso_week(dct + timedelta(weeks=shift))
    if unit == "weekend":
        return cal.iso_week(dct + timedelta(weeks=shift)) + "-WE"
    if unit == "month":
        y, m = cal.add_months(dct.year, dct.month, shift)
        return f"{y:04d}-{m:02d}"
    if unit == "year":
        return f"{dct.year + shift:04d}"
    if unit == "quarter":
        q = (dct.month - 1) // 3 + shift
        y = dct.year + q // 4
        return f"{y:04d}-Q{q % 4 + 1}"
    if unit == "decade":
        return f"{dct.year // 10 + shift:03d}"
    if unit == "century":
        return f"{dct.year // 100 + shift:02d}"
    return None


def _relative_unit(c: Candidate, ctx: Context) -> Result | None:
    unit, rel = _key(c.groups["unit"]), _key(c.groups["rel"])
    if unit in _YSEASON:
        return _year_season(Candidate(c.start, c.end, c.rule, {"ys": unit, "rel": rel.split()[-1]}), ctx)
    missing = _need_dct(ctx, "DATE")
    if missing or ctx.dct is None:
        return missing
    if rel == "the":  # "the weekend": the one just gone unless the sentence looks ahead
        shift = 0 if ctx.tense in {"future", "present"} or ctx.dct.isoweekday() >= 6 else -1
        return Result("DATE", _period(unit, ctx.dct, shift))
    shift = {"this": 0, "current": 0, "the current": 0, "the full": 0, "last": -1, "past": -1, "previous": -1,
             "the past": -1, "the previous": -1, "the last": -1, "next": 1, "coming": 1, "the coming": 1,
             "the following": 1, "the next": 1}.get(rel, 0)
    if unit == "weekend" and rel in {"this", "current"} and ctx.tense == "past" and ctx.dct.isoweekday() < 5:
        shift = -1
    return Result("DATE", _period(unit, ctx.dct, shift))


def _of_the_unit(c: Candidate, ctx: Context) -> Result | None:
    unit = _key(c.groups.get("unit") or c.groups["unit2"])
    missing = _need_dct(ctx, "DATE")
    if missing or ctx.dct is None:
        return missing
    return Result("DATE", _period(unit, ctx.dct, 0))


def _year_ended(c: Candidate, ctx: Context) -> Result | None:
    """"the year ended March 31": a report's twelve months, named by the day they ended."""
    return Result("DURATION", "P1Y")


def _the_year(c: Candidate, ctx: Context) -> Result | None:
    """"for the year", "the first nine months of the year": the article's own year."""
    missing = _need_dct(ctx, "DATE")
    if missing or ctx.dct is None:
        return missing
    return Result("DATE", f"{ctx.dct.year:04d}")


def _anaphoric_unit(c: Candidate, ctx: Context) -> Result | None:
    """"later that year", "the following month", "the next day": counted from the last date named.

    With no date named yet the article's own date stands in; a bare "that day" is
    too often generic ("redemptions that day") and is left alone.
    """
    pod = _POD.get(_key(c.groups.get("pod", "")))
    unit, rel = ("day" if pod else _key(c.groups["unit"])), _key(c.groups["rel"])
    if rel == "that" and unit == "day" and not c.groups.get("mod"):
        return None
    if rel in {"the next", "the same"} and unit != "day":
        return None  # "the next year" is the article's next year (relative_unit); "the same year" is vague
    missing = _need_dct(ctx, "DATE")
    if missing or ctx.dct is None:
        return missing
    shifts = {"the following": 1, "the next": 1, "the previous": -1, "the prior": -1, "the preceding": -1}
    shift = shifts.get(rel, 0)
    base = ctx.last_date or ctx.dct.isoformat()
    parts = [int(p) for p in base.split("-")]
    if unit == "year":
        return Result("DATE", f"{parts[0] + shift:04d}")
    if unit == "month":
        if len(parts) < 2:
            return None
        y, m = cal.add_months(parts[0], parts[1], shift)
        return Result("DATE", f"{y:04d}-{m:02d}")
    if len(parts) < 3:
        return None
    day = date(*parts) + timedelta(days=shift)
    return Result("TIME", f"{day.isoformat()}T{pod}", day=day) if pod else _day(day)


def _season_part(c: Candidate, ctx: Context) -> Result | None:
    """"left at the end of the season" told in November: the season before this one.

    The article's own season, unless the tense points past its end or before its
    start: an end told in the past during a season is the last season's, a start
    not told in the past during the summer break is the next one's.
    """
    missing = _need_dct(ctx, "DATE", "season")
    if missing or ctx.dct is None:
        return missing
    mod = _key(c.groups["mod"])
    start = cal.season_start_year(ctx.dct)
    in_season = ctx.dct.month >= cal.SEASON_START_MONTH or ctx.dct.month <= cal.SEASON_END_MONTH
    if ctx.tense == "past" and mod in {"end", "close"} and in_season:
        start -= 1
    elif ctx.tense != "past" and mod in {"start", "beginning"} and not in_season:
        start += 1
    return Result("DATE", cal.season_value(start), f"the {mod} of the {start}-{(start + 1) % 100:02d} season",
                  anchor="season")


def _football_season(c: Candidate, ctx: Context) -> Result | None:
    rel = _key(c.groups["rel"]).split()[-1]
    missing = _need_dct(ctx, "DATE", "season")
    if missing or ctx.dct is None:
        return missing
    shift = {"this": 0, "current": 0, "last": -1, "previous": -1, "next": 1, "coming": 1,
             "following": 1}.get(rel, 0)
    return Result("DATE", cal.season_value(cal.season_start_year(ctx.dct) + shift), anchor="season")


def _year_season(c: Candidate, ctx: Context) -> Result | None:
    code = _YSEASON[_key(c.groups["ys"])]
    if c.groups.get("y"):
        return Result("DATE", f"{c.groups['y']}-{code}")
    rel = _key(c.groups.get("rel", ""))
    if not rel and not c.groups.get("mod"):
        return None  # a bare "summer" is too often an adjective ("summer signing")
    missing = _need_dct(ctx, "DATE")
    if missing or ctx.dct is None:
        return missing
    if rel in {"the", "in"}:
        rel = ctx.tense if ctx.tense in {"past", "future"} else "this"
    return Result("DATE", f"{cal.year_season(ctx.dct, code, rel):04d}-{code}")


def _ago(c: Candidate, ctx: Context) -> Result | None:
    unit = _key(c.groups["unit"])
    n = number(c.groups["n"])
    missing = _need_dct(ctx, "DATE")
    if missing or ctx.dct is None:
        return missing
    if n is None or n != int(n):
        return Result("DATE", "PAST_REF")
    k = int(n)
    dct = ctx.dct
    if unit == "day":
        return _day(dct - timedelta(days=k))
    if unit in {"week", "fortnight"}:
        return Result("DATE", cal.iso_week(dct - timedelta(weeks=k * (2 if unit == "fortnight" else 1))))
    if unit == "month":
        y, m = cal.add_months(dct.year, dct.month, -k)
        return Result("DATE", f"{y:04d}-{m:02d}")
    if unit == "year":
        if k == 1 and ctx.last_quarter:
            # Quarterly results: "up from $9 million a year ago" is the same quarter last year.
            return Result("DATE", f"{ctx.last_quarter[0] - 1:04d}-Q{ctx.last_quarter[1]}")
        return Result("DATE", f"{dct.year - k:04d}")
    if unit == "decade":
        return Result("DATE", f"{(dct.year - 10 * k) // 10:03d}")
    if unit in _TIME_UNITS:
        return Result("TIME", "PAST_REF")
    return None


def _in_time(c: Candidate, ctx: Context) -> Result | None:
    n = number(c.groups["n"])
    unit = _key(c.groups["unit"])
    missing = _need_dct(ctx, "DATE")
    if missing or ctx.dct is None or n is None:
        return missing
    k, dct = int(n), ctx.dct
    if unit == "day":
        return _day(dct + timedelta(days=k))
    if unit == "week":
        return Result("DATE", cal.iso_week(dct + timedelta(weeks=k)))
    if unit == "month":
        y, m = cal.add_months(dct.year, dct.month, k)
        return Result("DATE", f"{y:04d}-{m:02d}")
    return Result("DATE", f"{dct.year + k:04d}")


Rule = Callable[[Candidate, Context], Result | None]

RULES: dict[str, Rule] = {
    "iso_date": _iso_date,
    "numeric_date": _numeric_date,
    "month_day_year": _full_date,
    "day_month_year": _full_date,
    "month_day": _month_day,
    "day_month": _month_day,
    "month_year": _month_year,
    "month": _month,
    "month_rel_year": _month_rel_year,
    "season_span": _season_span,
    "year": _year,
    "decade": _decade,
    "spoken_year": eras.spoken_year,
    "century": eras.century,
    "decade_word": eras.decade_word,
    "weekday": _weekday,
    "weekday_set": _weekday_set,
    "month_set": _month_set,
    "week_of": _week_of,
    "deictic": _deictic,
    "deictic_pod": _deictic_pod,
    "relative_unit": _relative_unit,
    "of_the_unit": _of_the_unit,
    "year_ended": _year_ended,
    "the_year": _the_year,
    "anaphoric_unit": _anaphoric_unit,
    "football_season": _football_season,
    "season_part": _season_part,
    "year_season": _year_season,
    "ago": _ago,
    "in_time": _in_time,
    "duration": amounts.duration,
    "duration_bare": amounts.duration_bare,
    "set_freq": amounts.set_freq,
    "set_every": amounts.set_every,
    "set_adverb": amounts.set_adverb,
    "ref": amounts.ref,
    "holiday": amounts.holiday,
    "quarter": amounts.quarter,
    "quarter_anaphor": amounts.quarter_anaphor,
    "year_ago_adj": amounts.year_ago_adj,
    "period_anaphor": amounts.period_anaphor,
    "year_period": amounts.year_period,
    "clock": amounts.clock,
    "clock_word": amounts.clock_word,
    "clock_day": _clock_day,
    "match_minute": football.match_minute,
    "match_point": football.match_point,
    "match_half": football.match_half,
    "match_minutes": football.match_minutes,
    "match_leg": football.match_leg,
    "competition_games": football.competition_games,
    "competition_round": football.competition_round,
}


def normalise(cand: Candidate, ctx: Context) -> Result | None:
    """The TIMEX3 reading of one match, or None when the match is not a time expression."""
    try:
        return RULES[cand.rule](cand, ctx)
    except (ValueError, KeyError, OverflowError) as exc:
        # A malformed match (a number out of range) is dropped, never raised.
        logger.debug("time rule %s dropped %r: %s", cand.rule, cand.groups, exc)
        return None
