"""Match- and competition-relative time: minutes, halves, legs, matchdays.

These expressions hang on a match or on a competition's schedule, not on the
calendar, so they never get a calendar value.  Offsets within a match are
durations from kick-off ("the 81st minute" → ``PT81M``, half-time → ``PT45M``)
with ``anchor="match"``; legs and matchdays have no TIMEX3 value (``None``, the
reason says which leg or matchday); "after five matches" is ``anchor="competition"``.
"""

from __future__ import annotations

from touchline.nlp.time.base import Candidate, Context, Result, _key, _need_dct, number

_POINTS = {"half-time": ("PT45M", None), "halftime": ("PT45M", None), "half time": ("PT45M", None),
           "full-time": ("PT90M", None), "fulltime": ("PT90M", None), "full time": ("PT90M", None),
           "the interval": ("PT45M", None), "the final whistle": ("PT90M", None),
           "kick-off": ("PT0M", None), "kickoff": ("PT0M", None), "kick off": ("PT0M", None)}


def match_minute(c: Candidate, ctx: Context) -> Result | None:
    n = int(c.groups.get("n") or c.groups["n2"])
    if not 1 <= n <= 130:
        return None
    return Result("DURATION", f"PT{n}M", f"minute {n} of the match", "match")


def match_point(c: Candidate, ctx: Context) -> Result | None:
    word = _key(c.groups["word"]).replace("-", " ")
    for key, (value, _) in _POINTS.items():
        if key.replace("-", " ") == word:
            return Result("DURATION", value, f"{word} in the match", "match")
    return Result("DURATION", None, f"{word}: an interval within the match", "match")


def match_half(c: Candidate, ctx: Context) -> Result | None:
    ordinal = _key(c.groups["ord"])
    if ctx.business:
        return half_year(1 if ordinal in {"first", "opening"} else 2, ctx)
    return Result("DURATION", "PT45M", f"{ordinal} half of the match", "match")


def half_year(half: int, ctx: Context) -> Result | None:
    """"profit rose in the first half": a half of the year, the way quarters resolve."""
    missing = _need_dct(ctx, "DATE")
    if missing or ctx.dct is None:
        return missing
    year = ctx.dct.year
    if half == 2 and ctx.dct.month <= 6 and ctx.tense != "future":
        year -= 1  # the second half told in the first half of a year is last year's
    return Result("DATE", f"{year:04d}-H{half}")


def match_minutes(c: Candidate, ctx: Context) -> Result | None:
    n = number(c.groups["n"])
    if n is None or n > 130:
        return None
    return Result("DURATION", f"PT{int(n)}M", f"{_key(c.groups['pre'])} minutes of the match", "match")


def match_leg(c: Candidate, ctx: Context) -> Result | None:
    return Result("DATE", None, f"{_key(c.groups['ord'])} leg of a two-legged tie", "match")


def competition_games(c: Candidate, ctx: Context) -> Result | None:
    n = number(c.groups["n"])
    if n is None or n > 100:
        return None
    pre = _key(c.groups.get("pre", ""))
    what = f"{pre} {int(n)} matches".strip()
    return Result("DURATION", None, f"{_key(c.groups['prep'])} {what} of the competition", "competition")


def competition_round(c: Candidate, ctx: Context) -> Result | None:
    word = _key(c.groups["word"])
    if word == "round":
        return None  # "round 3" is too often a boxing round or a draw
    return Result("DATE", None, f"{word} {c.groups['n']} of the competition", "competition")
