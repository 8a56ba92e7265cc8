"""Shared records and helpers of time normalisation: candidates, context, results, numbers.

One function per rule family (see ``data/time/patterns.jsonl``).  A relative
expression with no article date keeps ``value=None`` and says why in
``reason``: touchline never anchors on today.  Match-relative expressions
("half-time", "the 81st minute", "the first leg") carry ``anchor="match"``
and competition-relative ones ("after five matches", "matchday 5")
``anchor="competition"``: they never become calendar dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from touchline.nlp.time.lexicon import LEXICON
from touchline.nlp.time.tense import Tense

NO_DCT = "relative expression and no published date"

_MONTHS = {k.lower(): v for k, v in LEXICON["months"].items()}
_WEEKDAYS = {k.lower(): v for k, v in LEXICON["weekdays"].items()}
_NUMBERS: dict[str, float] = {k: float(v) for k, v in LEXICON["numbers"].items()}
_VAGUE = set(LEXICON["vague_numbers"])
_UNITS: dict[str, str] = LEXICON["units"]
_TIME_UNITS = set(LEXICON["time_units"])
_POD: dict[str, str] = LEXICON["parts_of_day"]
_YSEASON: dict[str, str] = LEXICON["year_seasons"]
_SETADV: dict[str, str] = LEXICON["set_adverbs"]
_REFS = {k.lower(): v for k, v in LEXICON["refs"].items()}
_HOLIDAYS = {k.lower().replace("’", "'"): v for k, v in LEXICON["holidays"].items()}
_ORDINALS: dict[str, int] = LEXICON["ordinals"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A pattern match: char offsets, the rule that matched, its named groups."""

    start: int
    end: int
    rule: str
    groups: dict[str, str]
    order: int = 0


@dataclass(frozen=True, slots=True)
class Context:
    """What normalisation may look at: the article date and the sentence's tense."""

    dct: date | None
    tense: Tense = "none"
    dayfirst: bool = True
    last_day: date | None = None  # the latest calendar day resolved in this text
    last_quarter: tuple[int, int] | None = None  # (year, quarter) of the latest quarter named
    last_date: str | None = None  # the latest DATE value with a year ("1998", "1998-06", "1998-06-12")
    business: bool = False  # the sentence talks money, not football ("profit rose in the first half")


@dataclass(frozen=True, slots=True)
class Result:
    type: str
    value: str | None
    reason: str | None = None
    anchor: str | None = None
    day: date | None = None  # set when the value is one calendar day


def _key(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower().replace("’", "'"))


def number(word: str) -> float | None:
    """"three" → 3, "1,000" → 1000, "twenty-five" → 25; vague words → None."""
    w = _key(word)
    if w in _NUMBERS:
        return _NUMBERS[w]
    digits = w.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        return float(digits)
    parts = re.split(r"[-\s]", w)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _NUMBERS:
        return _TENS[parts[0]] + _NUMBERS[parts[1]]
    return None


def _fmt(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


def duration_value(n: float | None, unit: str) -> str:
    """P3D, PT90M, P10Y ("a decade"), PXW (vague quantity)."""
    unit = unit.lower()
    code = _UNITS[unit]
    prefix = "PT" if unit in _TIME_UNITS else "P"
    if n is None:
        return f"{prefix}X{code.lstrip('0123456789')}"
    mult = re.match(r"\d+", code)
    if mult:
        n *= int(mult.group(0))
        code = code[mult.end() :]
    if n != int(n):
        # Half units: "half an hour" → PT30M, "a year and a half" → P18M.
        smaller = {"H": ("M", 60), "D": ("H", 24), "W": ("D", 7), "M": ("D", 30), "Y": ("M", 12)}.get(code)
        if smaller:
            return f"{'PT' if code in {'H', 'D'} else 'P'}{_fmt(n * smaller[1])}{smaller[0]}"
    return f"{prefix}{_fmt(n)}{code}"


def _direction(tense: Tense, scheduled: bool) -> int:
    # News reports the past by default; the present tense with a day name is a
    # fixture ("Madrid face Olympiacos on Wednesday").
    if tense == "past":
        return -1
    if tense == "future":
        return 1
    if tense == "present":
        return 1 if scheduled else 0
    return -1 if scheduled else 0


def _need_dct(ctx: Context, type_: str, anchor: str | None = None) -> Result | None:
    if ctx.dct is None:
        return Result(type_, None, NO_DCT, anchor)
    return None


def _day(d: date, pod: str | None = None) -> Result:
    if pod:
        return Result("TIME", f"{d.isoformat()}T{_POD[_key(pod)]}", day=d)
    return Result("DATE", d.isoformat(), day=d)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


