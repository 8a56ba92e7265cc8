"""A small results reference of invented games between real clubs, built for the linker tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from touchline.resolve.reference import Reference
from touchline.resolve.reference.build import add_files
from touchline.resolve.reference.db import ReferenceDB, ReferenceWriter
from touchline.resolve.reference.names import ClubNames

CLUBS = [
    {"id": "club:arsenal", "kind": "club", "name": "Arsenal", "aliases": ["Arsenal FC"],
     "attrs": {"country": "eng", "venue": "venue:emirates-stadium"}},
    {"id": "club:chelsea", "kind": "club", "name": "Chelsea", "aliases": ["Chelsea FC"],
     "attrs": {"country": "eng", "venue": "venue:stamford-bridge"}},
    {"id": "club:everton", "kind": "club", "name": "Everton", "aliases": ["Everton FC"],
     "attrs": {"country": "eng"}},
]

# Invented results in a season far from any real one (2040-41).
LEAGUE = """= English Premier League 2040/41

» Matchday 10
  Sat Oct/20 2040
    15.00  Arsenal FC              v Chelsea FC               2-1 (1-0)
» Matchday 11
  Sat Oct/27
    15.00  Everton FC              v Arsenal FC               0-0
» Matchday 30
  Sat Mar/16 2041
    15.00  Chelsea FC              v Arsenal FC               3-3 (1-2)
  Sat May/25
    15.00  Arsenal FC              v Everton FC
"""
CUP = """= English EFL Cup 2040/41

» Round 4
  Wed Oct/24 2040
    19.45  Chelsea FC              v Arsenal FC               1-0 (0-0)
"""


@pytest.fixture(scope="session")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Reference:
    folder = tmp_path_factory.mktemp("ref")
    for name, text in (("league.txt", LEAGUE), ("cup.txt", CUP)):
        (folder / name).write_text(text, encoding="utf-8")
    writer = ReferenceWriter(folder / "results.sqlite")
    files = [(folder / n, f"england/2040-41/{n}") for n in ("league.txt", "cup.txt")]
    report = add_files(writer, files, ClubNames.from_entries(CLUBS))
    writer.finish()
    assert report.results == 5 and not report.skipped
    return Reference([ReferenceDB(Path(folder / "results.sqlite"))])


@pytest.fixture(scope="session")
def clubs() -> dict[str, dict[str, object]]:
    return {c["id"]: c for c in CLUBS}  # type: ignore[misc]
