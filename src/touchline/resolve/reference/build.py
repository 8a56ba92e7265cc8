"""Turn Football.TXT files into a reference file: parse, map team names to clubs, write.

Used by ``scripts/build_reference.py`` (the package's reference, from
``vendor/openfootball``) and by ``touchline reference import PATH`` (a user's
files, added to the user reference).
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from touchline.model import slugify
from touchline.resolve.reference.db import NewResult, ReferenceWriter
from touchline.resolve.reference.footballtxt import FootballTxtError, ResultFile, parse_results
from touchline.resolve.reference.names import ClubNames, country_of_code, country_of_path

logger = logging.getLogger(__name__)

_SEASON_TAIL = re.compile(r"\s*\b(?:18|19|20)\d{2}(?:\s*[/-]\s*\d{2,4})?\s*$")


@dataclass
class BuildReport:
    """What a build or import read, wrote and could not map."""

    files: int = 0
    results: int = 0  # results written (a result already in the reference is not counted)
    sides_mapped: Counter[int] = field(default_factory=Counter)  # 2 / 1 / 0 sides mapped -> results
    names: Counter[tuple[str, str, str, str | None, float | None]] = field(default_factory=Counter)
    skipped: list[str] = field(default_factory=list)  # "path: reason"
    unread_lines: int = 0

    def unmapped(self) -> list[tuple[str, str, str, int]]:
        """(name, country, method, results) of every name that maps to no club, most results first."""
        rows = [(n, c, m, k) for (n, c, m, club, _s), k in self.names.items() if club is None]
        return sorted(rows, key=lambda r: (-r[3], r[0]))

    def fuzzy(self) -> list[tuple[str, str, str | None, float | None, int]]:
        rows = [(n, c, club, s, k) for (n, c, m, club, s), k in self.names.items() if m == "fuzzy"]
        return sorted(rows, key=lambda r: (-r[4], r[0]))

    def summary(self) -> str:
        both, one, none = (self.sides_mapped[k] for k in (2, 1, 0))
        names = {k[:2] for k in self.names}
        unmapped = {(n, c) for n, c, _m, _k in self.unmapped()}
        return (f"{self.files} files, {both + one + none} results read ({both} with both sides mapped to "
                f"clubs, {one} with one, {none} with none), {self.results} new; {len(names)} team names, "
                f"{len(unmapped)} unmapped, {len(self.fuzzy())} by spelling; {len(self.skipped)} files "
                f"skipped, {self.unread_lines} lines not read")


@lru_cache(maxsize=1)
def competition_table() -> dict[str, tuple[str, str]]:
    """File heading (without season) → (competition id, display name)."""
    text = resources.files("touchline.resolve.reference").joinpath(
        "data", "competitions.jsonl").read_text(encoding="utf-8")
    table: dict[str, tuple[str, str]] = {}
    for line in text.splitlines():
        if line.strip():
            row = json.loads(line)
            for heading in row["headings"]:
                table[heading.lower()] = (row["id"], row["name"])
    return table


def competition_of(heading: str | None) -> tuple[str, str, str]:
    """(competition id, display name, heading without its season) of a file heading; a heading
    the table does not know gets the id of its own words ("Sweden Allsvenskan 2024" →
    ``competition:sweden-allsvenskan``)."""
    name = _SEASON_TAIL.sub("", heading or "").strip() or "unknown competition"
    known = competition_table().get(name.lower())
    if known:
        return known[0], known[1], name
    return f"competition:{slugify(name)}", name, name


def season_label(parsed: ResultFile) -> str | None:
    if parsed.season is None:
        return None
    first, last = parsed.season
    return str(first) if first == last else f"{first}-{str(last)[-2:]}"


def read_result_file(path: Path) -> ResultFile:
    """Parse one file; raises :class:`FootballTxtError` naming the reason when it holds no results."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise FootballTxtError("not UTF-8 text") from None
    except OSError as exc:
        raise FootballTxtError(f"cannot read ({exc.strerror or exc.__class__.__name__})") from None
    if "\x00" in text:
        raise FootballTxtError("binary file")
    parsed = parse_results(text)
    if not parsed.results:
        raise FootballTxtError("no Football.TXT match lines found")
    return parsed


def add_files(writer: ReferenceWriter, files: Iterable[tuple[Path, str]], names: ClubNames,
              report: BuildReport | None = None) -> BuildReport:
    """Parse, map and write each ``(path, name to record as its source)``; a file that cannot be
    read is skipped with one line ``"path: reason"`` in ``report.skipped`` for the caller to show."""
    report = report or BuildReport()
    for path, shown in files:
        try:
            parsed = read_result_file(path)
        except FootballTxtError as exc:
            report.skipped.append(f"{path}: {exc}")
            continue
        report.files += 1
        report.unread_lines += len(parsed.unread)
        country = country_of_path(Path(shown).parts)
        rows: list[NewResult] = []
        for r in parsed.results:
            keys = []
            for team, code in ((r.home, r.home_country), (r.away, r.away_country)):
                where = country_of_code(code) if code else country
                found = names.lookup(team, where, explicit=bool(code))
                key = found.club or f"?{team}@{where or ''}"
                writer.add_name(team, where, key, found.method, found.score)
                report.names[(team, where or "", found.method, found.club, found.score)] += 1
                keys.append(key)
            report.sides_mapped[sum(not k.startswith("?") for k in keys)] += 1
            rows.append(NewResult(day=r.day, home=keys[0], away=keys[1], home_score=r.home_score,
                                  away_score=r.away_score, line=r.line, round=r.round,
                                  score_90=r.score_90, penalties=r.penalties, status=r.status))
        comp_id, comp_name, heading = competition_of(parsed.name)
        report.results += writer.add_edition(comp_id, comp_name, heading, season_label(parsed), shown, rows)
    return report
