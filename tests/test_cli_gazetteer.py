"""touchline gazetteer import: openfootball files into the user gazetteer directory."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from touchline.cli import app
from touchline.nlp import gazetteer_data

CLUBS = """= Invented League

Harbour City FC, 1901, @ Quay Park, Harbourton
  | Harbour City | HCFC
"""
SQUAD = """=  Harbour City FC - Invented League 2024/25

  1,  Sam Okonkwo (NGA),     GK,   b. 2000,   Vale Rovers
  9,  Dario Lentini (ITA),   FW,   b. 1998,
"""


def test_import_writes_entries_the_loader_reads(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "squads").mkdir(parents=True)
    (src / "zz.clubs.txt").write_text(CLUBS, encoding="utf-8")
    (src / "squads" / "harbour.txt").write_text(SQUAD, encoding="utf-8")
    dest = tmp_path / "gaz"
    result = CliRunner().invoke(app, ["gazetteer", "import", str(src), "--dest", str(dest)])
    assert result.exit_code == 0, result.output
    data = gazetteer_data.load(dest)
    club = data.entries["club:harbour-city"]
    assert "HCFC" in club["aliases"] and club["attrs"]["venue"] == "venue:quay-park"
    player = data.entries["player:dario-lentini"]
    assert player["attrs"]["position"] == "FW" and player["attrs"]["birth_year"] == 1998
    assert player["attrs"]["clubs"] == [{"club": "club:harbour-city", "season": "2024-25"}]


def test_import_of_a_bad_file_fails_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("hello\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["gazetteer", "import", str(bad), "--dest", str(tmp_path / "g")])
    assert result.exit_code != 0
    assert "notes.txt" in result.output
