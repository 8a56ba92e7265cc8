"""Read openfootball's Football.TXT result files into plain result records.

The format (https://github.com/openfootball/docs) is a heading line
(``= English Premier League 2024/25``), round lines (``» Matchday 1``,
``Matchday 1``, ``▪ Group A``), date lines and one match a line under its
date.  Its layout changed over the years and between repositories; all of
these are read:

- date lines ``Fri Aug/16 2024``, ``Sat Aug/17``, ``[Sat Aug/15]``,
  ``Fri Aug 10 2018``, ``Nov 8`` (the year comes from the season: the one of
  the season's years that gives the written weekday, else the month);
- match lines with an optional kick-off (``20.00``, ``20:45``) and either
  ``Home v Away  2-1 (1-0)`` (newer) or ``Home  2-1 (1-0)  Away`` (older);
  ``Home v Away`` with no score is a fixture not yet played;
- scores after extra time and penalties: ``3-1 a.e.t. (1-1, 0-1)`` (the
  result is 3-1, 1-1 after 90 minutes), ``5-4 pen. 0-0 a.e.t. (0-0)`` (0-0,
  won 5-4 on penalties); notes in brackets such as ``[awarded]`` or
  ``[postponed]`` are kept as the result's status;
- CL-style team names with a country code, ``Liverpool FC (ENG)``.

Lines that are none of these are counted and returned with their line number,
so a build can report what it could not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_WEEKDAYS = {d: i for i, d in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))}

_DATE_RX = re.compile(
    r"^\[?\s*(?:(?P<wd>Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
    r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[/ ]\s*(?P<day>\d{1,2})"
    r"(?:[ ,/]+(?P<year>\d{4}))?\s*\]?"
    r"(?P<rest>.*)$")
_TIME_RX = re.compile(r"^(?:\d{1,2}[.:]\d{2}|\d{1,2}h\d{2})\s+")
_SCORE = r"(?<![\w./])(\d{1,2})-(\d{1,2})(?![\w-])"
_SCORE_RX = re.compile(_SCORE)
_PENS_RX = re.compile(_SCORE + r"\s*(?:pen\.?|p\.?)(?:\s|$)")
_AET_RX = re.compile(_SCORE + r"\s*(?:a\.?e\.?t\.?|n\.?V\.?)(?:\s|$)")
_BRACKETS_RX = re.compile(r"\((\d{1,2})-(\d{1,2})(?:,\s*(\d{1,2})-(\d{1,2}))?\)")
_NOTE_RX = re.compile(r"\[([^\]]*)\]")
_COUNTRY_RX = re.compile(r"\s*\(([A-Z]{2,3})\)\s*$")
_HEADING_RX = re.compile(r"^=+\s*(?P<name>.*?)\s*=*\s*$")
_SEASON_RX = re.compile(r"\b((?:18|19|20)\d{2})(?:\s*[/-]\s*(\d{2}|\d{4}))?\s*$")
_NUMBER_RX = re.compile(r"(?<![\w-])\d+(?![\w-])")
_VERSUS_RX = re.compile(r"\s+(?:v|vs\.?|-)\s+")
# A line that only names a round, group or stage: "» Matchday 1", "Group A", "Final".
_ROUND_MARKS = ("»", "▪", "►", "◦", "-", "*")


@dataclass(frozen=True, slots=True)
class Result:
    """One match line of a Football.TXT file.

    ``home_score``/``away_score`` are the result (after extra time, without
    penalties); None when the match is not played yet (a fixture) or was
    not played.  ``score_90`` is the score after 90 minutes when extra time
    was played.
    """

    day: date
    home: str
    away: str
    home_score: int | None
    away_score: int | None
    line: int
    round: str | None = None
    home_country: str | None = None  # a code written after the name: "(ENG)"
    away_country: str | None = None
    score_90: tuple[int, int] | None = None
    penalties: tuple[int, int] | None = None
    status: str | None = None  # "awarded", "postponed", ... (the file's own note)


@dataclass(slots=True)
class ResultFile:
    """A parsed file: its heading, season years, results and unread lines."""

    name: str | None = None
    season: tuple[int, int] | None = None  # (first year, last year); equal for calendar-year seasons
    results: list[Result] = field(default_factory=list)
    unread: list[tuple[int, str]] = field(default_factory=list)


class FootballTxtError(ValueError):
    """A file that holds no Football.TXT results."""


def season_of(heading: str) -> tuple[int, int] | None:
    """``"English Premier League 2024/25"`` → (2024, 2025); ``"Eliteserien 2019"`` → (2019, 2019)."""
    m = _SEASON_RX.search(heading)
    if not m:
        return None
    first = int(m.group(1))
    if m.group(2) is None:
        return first, first
    last = int(m.group(2)) if len(m.group(2)) == 4 else (first // 100) * 100 + int(m.group(2))
    if last < first:
        last += 100
    return first, last


def _year_for(month: int, day: int, weekday: int | None, season: tuple[int, int] | None,
              last: date | None) -> int | None:
    """The year of a date written without one: the season year whose calendar has the written
    weekday, else the usual split (July onwards is the season's first year)."""
    years = sorted({season[0], season[1]}) if season is not None else ([last.year] if last else [])
    if weekday is not None:
        fits = [y for y in years if _valid(y, month, day) and date(y, month, day).weekday() == weekday]
        if len(fits) == 1:
            return fits[0]
    if season is not None:
        return season[0] if month >= 7 or season[0] == season[1] else season[1]
    return years[0] if years else None


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _read_date(line: str, season: tuple[int, int] | None, last: date | None) -> tuple[date, str] | None:
    m = _DATE_RX.match(line)
    if not m:
        return None
    month = _MONTHS[m.group("mon")[:3].lower()]
    day = int(m.group("day"))
    weekday = _WEEKDAYS[m.group("wd")[:3].lower()] if m.group("wd") else None
    year = int(m.group("year")) if m.group("year") else _year_for(month, day, weekday, season, last)
    if year is None or not _valid(year, month, day):
        return None
    return date(year, month, day), m.group("rest").strip()


def _team(text: str) -> tuple[str, str | None]:
    text = " ".join(text.split())
    m = _COUNTRY_RX.search(text)
    if m:
        return text[: m.start()].strip(), m.group(1)
    return text, None


def _score_tail(text: str) -> tuple[tuple[int, int] | None, tuple[int, int] | None,
                                    tuple[int, int] | None] | None:
    """(result, score after 90', penalties) from ``2-1 (1-0)``, ``3-1 a.e.t. (1-1, 0-1)``,
    ``5-4 pen. 0-0 a.e.t. (0-0)``; None if the text is not a score."""
    pens = _PENS_RX.search(text)
    aet = _AET_RX.search(text)
    brackets = _BRACKETS_RX.search(text)
    if aet:
        result = (int(aet.group(1)), int(aet.group(2)))
        s90: tuple[int, int] | None = (int(brackets.group(1)), int(brackets.group(2))) if brackets else None
        if s90 is not None and brackets is not None and brackets.group(3) is None and pens is None \
                and sum(s90) > sum(result):
            s90 = None
        return result, s90, (int(pens.group(1)), int(pens.group(2))) if pens else None
    first = _SCORE_RX.search(text)
    if pens and first and first.start() == pens.start():
        # "4-2 pen." with no a.e.t. score: the draw is in brackets or the next score
        rest = _SCORE_RX.search(text, pens.end())
        drawn = (int(rest.group(1)), int(rest.group(2))) if rest else None
        return drawn, None, (int(pens.group(1)), int(pens.group(2)))
    if first is None:
        return None
    return (int(first.group(1)), int(first.group(2))), None, None


def parse_match(body: str) -> tuple[str, str, tuple[int, int] | None, tuple[int, int] | None,
                                    tuple[int, int] | None, str | None] | None:
    """(home, away, result, score after 90', penalties, note) from a match line without its
    kick-off time; None when the line is no match."""
    if len(_NUMBER_RX.findall(_SCORE_RX.sub(" ", body))) > 4:
        return None  # a standings row ("1. Harbour City  38  20  10  8  60-40  70"), not a match
    notes = _NOTE_RX.findall(body)
    body = _NOTE_RX.sub(" ", body)
    body = body.split("@", 1)[0]  # "@ Stadium, City" after the teams
    note = notes[0].strip().lower() if notes else None
    parts = _VERSUS_RX.split(body.strip(), maxsplit=1)
    if len(parts) == 2 and not _SCORE_RX.match(parts[1].strip()):
        home = parts[0]
        m = _SCORE_RX.search(parts[1])
        # the away name ends where two spaces (or the score) start
        if m:
            away = parts[1][: m.start()]
            tail = _score_tail(parts[1][m.start():])
        else:
            away, tail = parts[1], None
        if not home.strip() or not away.strip() or _SCORE_RX.search(home):
            return None
        result, s90, pens = tail if tail else (None, None, None)
        return home, away, result, s90, pens, note
    # older layout: "Home  2-1 (1-0)  Away" or "Home 2-1 Away"
    m = re.match(r"^(?P<home>.+?)\s+(?P<score>" + _SCORE + r"(?:\s*(?:a\.?e\.?t\.?|pen\.?|n\.?V\.?))?"
                 r"(?:\s*\([^)]*\))?(?:\s*" + _SCORE + r"\s*(?:a\.?e\.?t\.?|pen\.?))?(?:\s*\([^)]*\))?)"
                 r"\s+(?P<away>\D.*)$", body.strip())
    if not m:
        return None
    tail = _score_tail(m.group("score"))
    if tail is None:
        return None
    result, s90, pens = tail
    return m.group("home"), m.group("away"), result, s90, pens, note


def parse_results(text: str) -> ResultFile:
    """Every result of one Football.TXT file, in file order (see the module docstring)."""
    out = ResultFile()
    current: date | None = None
    round_name: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].rstrip() if "#" in raw else raw.rstrip()
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("="):
            m = _HEADING_RX.match(stripped)
            if m and out.name is None:
                out.name = m.group("name")
                out.season = season_of(m.group("name"))
            continue
        dated = _read_date(stripped, out.season, current)
        if dated is not None:
            current, rest = dated
            if not rest:
                continue
            stripped = rest  # "Sat Aug/17 15.00 Arsenal v Wolves 2-0": a match on the date line
        body = _TIME_RX.sub("", stripped)
        match = parse_match(body) if current is not None else None
        if match is None:
            if stripped.startswith(_ROUND_MARKS) or (not _SCORE_RX.search(stripped)
                                                     and " v " not in stripped):
                round_name = stripped.lstrip("".join(_ROUND_MARKS)).strip() or round_name
            else:
                out.unread.append((number, raw))
            continue
        home, away, result, s90, pens, note = match
        home_name, home_cc = _team(home)
        away_name, away_cc = _team(away)
        if not home_name or not away_name:
            out.unread.append((number, raw))
            continue
        played = result is not None and note not in ("postponed", "cancelled", "canceled", "abandoned")
        assert current is not None
        out.results.append(Result(
            day=current, home=home_name, away=away_name,
            home_score=result[0] if played and result else None,
            away_score=result[1] if played and result else None,
            line=number, round=round_name, home_country=home_cc, away_country=away_cc,
            score_90=s90 if played else None, penalties=pens if played else None, status=note))
    return out
