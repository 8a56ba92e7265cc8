"""The reference a run checks against: the package's file plus the user's (``TOUCHLINE_REFERENCE_DIR``).

The package ships ``resolve/reference/data/results.sqlite`` (built by
``scripts/build_reference.py``).  ``touchline reference import PATH`` writes
further Football.TXT results into ``<dir>/results.sqlite``; when
``TOUCHLINE_REFERENCE_DIR`` names that folder, every later run reads it too,
first: where both hold a result between the same clubs on the same day, the
user's is used.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from touchline.model import Entity
from touchline.resolve.reference.db import Edition, ReferenceDB, ReferenceFileError, Row

logger = logging.getLogger(__name__)

ENV_DIR = "TOUCHLINE_REFERENCE_DIR"
USER_FILE = "results.sqlite"


def package_file() -> Path:
    return Path(str(resources.files("touchline.resolve.reference") / "data" / "results.sqlite"))


def user_dir() -> Path | None:
    """The user reference directory from ``TOUCHLINE_REFERENCE_DIR``, if set."""
    value = os.environ.get(ENV_DIR)
    return Path(value) if value else None


class Reference:
    """One or more reference files read as one; earlier files win on the same game."""

    def __init__(self, dbs: list[ReferenceDB], competitions: Mapping[str, Mapping[str, Any]] | None = None):
        self.dbs = dbs
        self.known_competitions = competitions or {}

    def knows(self, key: str) -> bool:
        return any(db.knows(key) for db in self.dbs)

    def results(self, a: str, b: str, first: date, last: date) -> list[Row]:
        seen: dict[tuple[date, str, str], Row] = {}
        for db in self.dbs:
            for row in db.results(a, b, first, last):
                seen.setdefault((row.day, row.home, row.away), row)
        return sorted(seen.values(), key=lambda r: (r.day, r.home))

    def editions(self, key: str, first: date, last: date) -> list[Edition]:
        return [e for db in self.dbs for e in db.editions(key, first, last)]

    def competition_editions(self, competition: str, first: date, last: date) -> list[Edition]:
        return [e for db in self.dbs for e in db.competition_editions(competition, first, last)]

    def competition_entity(self, competition: str) -> Entity:
        """The entity of a competition the reference names: the gazetteer's, else one made from
        the reference's own name for it ("EFL League One")."""
        known = self.known_competitions.get(competition)
        if known is not None:
            return Entity(id=competition, kind="competition", name=known["name"],
                          aliases=tuple(known.get("aliases") or ()), attrs=dict(known.get("attrs") or {}))
        name = next((n for db in self.dbs if (n := db.competition_name(competition))), competition)
        return Entity(id=competition, kind="competition", name=name, attrs={"source": "reference"})

    def close(self) -> None:
        for db in self.dbs:
            db.close()


def open_reference(user: Path | None = None, *, package: bool = True) -> Reference:
    """The package reference and the user's file in ``user`` (a folder), if there is one."""
    from touchline.nlp.gazetteer_data import load_default

    dbs: list[ReferenceDB] = []
    if user is not None:
        path = user / USER_FILE if user.is_dir() else user
        if path.exists():
            try:
                dbs.append(ReferenceDB(path))
            except ReferenceFileError as exc:
                logger.warning("SKIP %s", exc)
        else:
            logger.warning("SKIP %s: no user reference there (run touchline reference import)", path)
    if package:
        dbs.append(ReferenceDB(package_file(), immutable=True))
    comps = {k: v for k, v in load_default().entries.items() if v["kind"] == "competition"}
    return Reference(dbs, comps)


@lru_cache(maxsize=4)
def _cached(user: str | None) -> Reference:
    return open_reference(Path(user) if user else None)


def default_reference() -> Reference:
    """The reference for this process (package + ``TOUCHLINE_REFERENCE_DIR``), opened once."""
    user = user_dir()
    return _cached(str(user) if user else None)
