"""The results reference as a small indexed SQLite file: written by the build, read by the linker.

Tables (``results`` is the only large one; it is clustered on the pair of
sides and the day, so "every meeting of A and B between two days" is one
index range):

- ``sides(id, key)``: a side of a result, ``key`` the gazetteer club id it
  maps to, or ``"?name@country"`` for a name that maps to no club;
- ``names(name, country, side, method)``: every team name as written and how
  it was mapped (exact / fuzzy / unmapped / ambiguous), for the build report;
- ``competitions(id, name)``: competition ids and display names;
- ``editions(id, competition, name, season, first_day, last_day, file)``: one
  competition season, from one file; ``edition_sides`` lists its sides
  (coverage: does the reference know club X's games between two days?);
- ``rounds(id, name)``: round and stage names ("Matchday 12", "Final");
- ``results(pair, day, home, away, home_score, away_score, edition, line, round, extra)``:
  ``day`` is a proleptic ordinal (``date.toordinal()``), ``pair`` packs the
  two side ids (smaller first), ``extra`` is JSON for the score after 90
  minutes, penalties and the file's note ("awarded") when there are any.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

FORMAT = "touchline.reference/1"
_PAIR = 1 << 16  # side ids stay below this (checked when written): a pair fits in 4 bytes

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sides (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE);
CREATE TABLE names (name TEXT NOT NULL, country TEXT NOT NULL, side INTEGER NOT NULL,
                    method TEXT NOT NULL, score REAL, PRIMARY KEY (name, country)) WITHOUT ROWID;
CREATE TABLE competitions (id TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE editions (id INTEGER PRIMARY KEY, competition TEXT NOT NULL, name TEXT NOT NULL,
                       season TEXT, first_day INTEGER NOT NULL, last_day INTEGER NOT NULL,
                       file TEXT NOT NULL, UNIQUE (file, name));
CREATE TABLE edition_sides (side INTEGER NOT NULL, edition INTEGER NOT NULL,
                            PRIMARY KEY (side, edition)) WITHOUT ROWID;
CREATE TABLE rounds (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE results (pair INTEGER NOT NULL, day INTEGER NOT NULL, home INTEGER NOT NULL,
                      away INTEGER NOT NULL, home_score INTEGER, away_score INTEGER,
                      edition INTEGER NOT NULL, line INTEGER NOT NULL, round INTEGER, extra TEXT,
                      PRIMARY KEY (pair, day, home)) WITHOUT ROWID;
"""


class ReferenceFileError(Exception):
    """A reference file that cannot be opened or is not in the expected format."""


def pair_of(a: int, b: int) -> int:
    lo, hi = (a, b) if a <= b else (b, a)
    return lo * _PAIR + hi


@dataclass(frozen=True, slots=True)
class Row:
    """One stored result, sides given as keys (club ids, or ``?name@country``)."""

    day: date
    home: str
    away: str
    home_score: int | None
    away_score: int | None
    competition: str
    file: str
    line: int
    round: str | None
    score_90: tuple[int, int] | None
    penalties: tuple[int, int] | None
    status: str | None


@dataclass(frozen=True, slots=True)
class Edition:
    """A competition season the reference holds, and the days it spans."""

    competition: str
    name: str
    season: str | None
    first: date
    last: date
    file: str


class ReferenceDB:
    """Read access to one reference file (the package's or a user's), opened read-only."""

    def __init__(self, path: Path, *, immutable: bool = False) -> None:
        """``immutable``: the file never changes while open (the package's), so SQLite skips locking."""
        self.path = path
        flags = "mode=ro&immutable=1" if immutable else "mode=ro"
        try:
            self.conn = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True,
                                        check_same_thread=False)
            fmt = self.conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        except sqlite3.Error as exc:
            raise ReferenceFileError(f"{path}: not a touchline results reference ({exc})") from None
        if not fmt or fmt[0] != FORMAT:
            raise ReferenceFileError(f"{path}: not a {FORMAT} file")
        self._sides: dict[str, int | None] = {}

    def side(self, key: str) -> int | None:
        if key not in self._sides:
            row = self.conn.execute("SELECT id FROM sides WHERE key = ?", (key,)).fetchone()
            self._sides[key] = row[0] if row else None
        return self._sides[key]

    def knows(self, key: str) -> bool:
        return self.side(key) is not None

    def results(self, a: str, b: str, first: date, last: date) -> list[Row]:
        """Every result between sides ``a`` and ``b`` (either home) from ``first`` to ``last``."""
        sa, sb = self.side(a), self.side(b)
        if sa is None or sb is None:
            return []
        rows = self.conn.execute(
            "SELECT r.day, h.key, w.key, r.home_score, r.away_score, e.competition, e.file, r.line, "
            "       ro.name, r.extra "
            "FROM results r JOIN sides h ON h.id = r.home JOIN sides w ON w.id = r.away "
            "JOIN editions e ON e.id = r.edition LEFT JOIN rounds ro ON ro.id = r.round "
            "WHERE r.pair = ? AND r.day BETWEEN ? AND ? ORDER BY r.day, r.home",
            (pair_of(sa, sb), first.toordinal(), last.toordinal())).fetchall()
        return [_row(r) for r in rows]

    def editions(self, key: str, first: date, last: date) -> list[Edition]:
        """The competition seasons holding side ``key`` that overlap ``first``..``last``."""
        side = self.side(key)
        if side is None:
            return []
        rows = self.conn.execute(
            "SELECT e.competition, e.name, e.season, e.first_day, e.last_day, e.file "
            "FROM edition_sides s JOIN editions e ON e.id = s.edition "
            "WHERE s.side = ? AND e.first_day <= ? AND e.last_day >= ? ORDER BY e.first_day, e.id",
            (side, last.toordinal(), first.toordinal())).fetchall()
        return [_edition(r) for r in rows]

    def competition_editions(self, competition: str, first: date, last: date) -> list[Edition]:
        rows = self.conn.execute(
            "SELECT competition, name, season, first_day, last_day, file FROM editions "
            "WHERE competition = ? AND first_day <= ? AND last_day >= ? ORDER BY first_day, id",
            (competition, last.toordinal(), first.toordinal())).fetchall()
        return [_edition(r) for r in rows]

    def competition_name(self, competition: str) -> str | None:
        row = self.conn.execute("SELECT name FROM competitions WHERE id = ?", (competition,)).fetchone()
        return row[0] if row else None

    def meta(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM meta").fetchall())

    def close(self) -> None:
        self.conn.close()


def _pair(value: Any) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if value else None


def _row(r: Any) -> Row:
    extra = json.loads(r[9]) if r[9] else {}
    return Row(day=date.fromordinal(r[0]), home=r[1], away=r[2], home_score=r[3], away_score=r[4],
               competition=r[5], file=r[6], line=r[7], round=r[8], score_90=_pair(extra.get("s90")),
               penalties=_pair(extra.get("pen")), status=extra.get("note"))


def _edition(r: Any) -> Edition:
    return Edition(competition=r[0], name=r[1], season=r[2], first=date.fromordinal(r[3]),
                   last=date.fromordinal(r[4]), file=r[5])


# --- writing ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NewResult:
    """A result ready to be written: sides as keys, its competition season and where it is written."""

    day: date
    home: str
    away: str
    home_score: int | None
    away_score: int | None
    line: int
    round: str | None = None
    score_90: tuple[int, int] | None = None
    penalties: tuple[int, int] | None = None
    status: str | None = None


class ReferenceWriter:
    """Creates a reference file, or adds to one (a user reference); one transaction per edition."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = not path.exists()
        self.path = path
        try:
            self.conn = sqlite3.connect(path)
            if fresh:
                self.conn.executescript(SCHEMA)
                self.conn.execute("INSERT INTO meta VALUES ('format', ?)", (FORMAT,))
                self.conn.commit()
            else:
                fmt = self.conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
                if not fmt or fmt[0] != FORMAT:
                    raise ReferenceFileError(f"{path}: not a {FORMAT} file")
        except sqlite3.Error as exc:
            raise ReferenceFileError(f"{path}: not a touchline results reference ({exc})") from None

    def _id(self, table: str, column: str, value: str) -> int:
        row = self.conn.execute(f"SELECT id FROM {table} WHERE {column} = ?", (value,)).fetchone()
        if row:
            return int(row[0])
        cur = self.conn.execute(f"INSERT INTO {table} ({column}) VALUES (?)", (value,))
        new = int(cur.lastrowid or 0)
        if table == "sides" and new >= _PAIR:
            raise ReferenceFileError(f"{self.path}: more than {_PAIR - 1} teams in one reference file")
        return new

    def add_name(self, name: str, country: str | None, key: str, method: str, score: float | None) -> None:
        side = self._id("sides", "key", key)
        self.conn.execute("INSERT OR IGNORE INTO names VALUES (?, ?, ?, ?, ?)",
                          (name, country or "", side, method, score))

    def add_edition(self, competition: str, competition_name: str, name: str, season: str | None,
                    file: str, results: Iterable[NewResult]) -> int:
        """Write one file's results as one edition; returns how many results were new."""
        rows = sorted(results, key=lambda r: (r.day, r.line))
        if not rows:
            return 0
        with self.conn:
            self.conn.execute("INSERT OR IGNORE INTO competitions VALUES (?, ?)",
                              (competition, competition_name))
            first, last = rows[0].day.toordinal(), rows[-1].day.toordinal()
            self.conn.execute(
                "INSERT INTO editions (competition, name, season, first_day, last_day, file) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (file, name) DO UPDATE SET "
                "first_day = min(first_day, excluded.first_day), last_day = max(last_day, excluded.last_day)",
                (competition, name, season, first, last, file))
            edition = self.conn.execute("SELECT id FROM editions WHERE file = ? AND name = ?",
                                        (file, name)).fetchone()[0]
            added = 0
            for r in rows:
                home, away = self._id("sides", "key", r.home), self._id("sides", "key", r.away)
                round_id = self._id("rounds", "name", r.round) if r.round else None
                extra = {k: v for k, v in (("s90", r.score_90), ("pen", r.penalties), ("note", r.status))
                         if v}
                added += self.conn.execute(
                    "INSERT OR IGNORE INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (pair_of(home, away), r.day.toordinal(), home, away, r.home_score, r.away_score,
                     edition, r.line, round_id, json.dumps(extra, separators=(",", ":")) if extra else None)
                ).rowcount
                for side in (home, away):
                    self.conn.execute("INSERT OR IGNORE INTO edition_sides VALUES (?, ?)", (side, edition))
        return added

    def set_meta(self, key: str, value: str) -> None:
        with self.conn:
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def finish(self, *, vacuum: bool = False) -> None:
        self.conn.commit()
        if vacuum:
            self.conn.execute("VACUUM")
        self.conn.close()


def dump(path: Path) -> Iterator[tuple[object, ...]]:
    """Every stored result in a stable order with its sides' keys: the reference's content,
    independent of row ids (the build test compares two builds by it)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        yield from conn.execute(
            "SELECT r.day, h.key, w.key, r.home_score, r.away_score, e.competition, e.file, r.line, "
            "ro.name, r.extra FROM results r JOIN sides h ON h.id = r.home JOIN sides w ON w.id = r.away "
            "JOIN editions e ON e.id = r.edition LEFT JOIN rounds ro ON ro.id = r.round "
            "ORDER BY e.file, r.line")
    finally:
        conn.close()
