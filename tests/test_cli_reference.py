"""The results reference end to end: our own fixture articles ingested, checked, exported and counted,
and ``touchline reference import`` adding a user's Football.TXT file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from touchline.cli import app
from touchline.query.export import validate_export

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reference"
ARTICLES = FIXTURES / "articles"
runner = CliRunner()


def ingest_and_export(tmp_path: Path, *articles: str) -> dict[str, Any]:
    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    for name in articles:
        (src / name).write_text((ARTICLES / name).read_text(encoding="utf-8"), encoding="utf-8")
    db = str(tmp_path / "kb.db")
    result = runner.invoke(app, ["--db", db, "ingest", str(src)])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(runner.invoke(app, ["--db", db, "export"]).stdout)
    validate_export(document)
    return document


def only_match(document: dict[str, Any], article: str) -> dict[str, Any]:
    ids = {a["id"] for a in document["articles"] if Path(a["source"]).name == article}
    found = [e for e in document["events"] if e["kind"] == "match"
             and any(s["article"] in ids for s in e["sources"])]
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return ingest_and_export(tmp_path_factory.mktemp("kb"), *sorted(p.name for p in ARTICLES.glob("*.txt")))


def test_a_match_with_no_day_is_dated_from_the_reference(checked: dict[str, Any]) -> None:
    m = only_match(checked, "arsenal-everton.txt")  # "after beating Everton 2-1", published 21 May 2024
    assert (m["home"], m["away"], m["home_score"], m["away_score"]) == ("club:arsenal", "club:everton", 2, 1)
    assert m["check"] == "confirmed" and m["date"] == "2024-05-19" and "date" in m["from_reference"]
    assert m["reference"]["source"] == {"file": "england/2023-24/1-premierleague.txt", "line": 629}
    assert m["competition"] == "competition:premier-league" and m["disagree"] == []


def test_a_wrong_score_is_kept_and_flagged(checked: dict[str, Any]) -> None:
    m = only_match(checked, "liverpool-wolves.txt")  # the text says 3-0; the game ended 2-0
    assert m["check"] == "contradicted" and m["disagree"] == ["home_score", "away_score"]
    assert (m["home_score"], m["away_score"]) == (3, 0)
    assert (m["reference"]["home_score"], m["reference"]["away_score"]) == (2, 0)
    assert m["date"] == "2024-05-19"


def test_a_pair_that_met_twice_in_the_window_is_left_unlinked(checked: dict[str, Any]) -> None:
    m = only_match(checked, "arsenal-palace.txt")  # League Cup on the 18th, league on the 21st
    assert m["check"] == "unknown" and m["reference"] is None and m["from_reference"] == []
    assert m["check_note"].startswith("2 results fit in 2024-12-")
    assert m["home_score"] is None


def test_a_season_outside_the_reference_is_unknown(checked: dict[str, Any]) -> None:
    m = only_match(checked, "clasico-2009.txt")  # La Liga 2008-09: the package holds La Liga from 2012
    assert m["check"] == "unknown" and m["reference"] is None
    assert "no reference covers" in m["check_note"]


def test_stats_and_timeline_show_the_check(tmp_path: Path) -> None:
    ingest_and_export(tmp_path, "liverpool-wolves.txt", "arsenal-everton.txt")
    db = str(tmp_path / "kb.db")
    stats = runner.invoke(app, ["--db", db, "stats"]).stdout
    assert "reference check: confirmed" in stats and "reference check: contradicted" in stats
    table = runner.invoke(app, ["--db", db, "timeline", "Liverpool"]).stdout
    assert "contradicted" in table
    events = json.loads(runner.invoke(app, ["--db", db, "timeline", "Liverpool", "--json"]).stdout)["events"]
    assert [(e["check"], e["disagree"]) for e in events] == [("contradicted", ["home_score", "away_score"])]


def test_a_user_imported_file_takes_effect(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = tmp_path / "reference"
    result = runner.invoke(app, ["reference", "import", str(FIXTURES / "laliga-2008-09.txt"),
                                 "--dest", str(user)])
    assert result.exit_code == 0, result.output
    assert "2 results read" in result.stdout and "2 new" in result.stdout
    again = runner.invoke(app, ["reference", "import", str(FIXTURES / "laliga-2008-09.txt"),
                                "--dest", str(user)])
    assert again.exit_code == 0 and "0 new" in again.stdout  # importing a file twice adds nothing
    monkeypatch.setenv("TOUCHLINE_REFERENCE_DIR", str(user))
    m = only_match(ingest_and_export(tmp_path, "clasico-2009.txt"), "clasico-2009.txt")
    assert m["check"] == "confirmed" and m["date"] == "2009-05-02"
    assert (m["home"], m["away"]) == ("club:real-madrid", "club:barcelona")  # the reference's home side
    assert (m["home_score"], m["away_score"]) == (2, 6)
    assert m["reference"]["source"]["file"].endswith("laliga-2008-09.txt")


def test_import_skips_bad_files_with_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "notes.txt").write_text("no results in here\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02")
    (folder / "cup.txt").write_text((FIXTURES / "laliga-2008-09.txt").read_text(encoding="utf-8"),
                                    encoding="utf-8")
    result = runner.invoke(app, ["reference", "import", str(folder), "--dest", str(tmp_path / "ref")])
    assert result.exit_code == 0, result.output
    skips = [line for line in result.stderr.splitlines() if line.startswith("SKIP")]
    assert len(skips) == 2 and any("notes.txt: no Football.TXT match lines found" in s for s in skips)
    bad = runner.invoke(app, ["reference", "import", str(folder / "notes.txt"),
                              "--dest", str(tmp_path / "r2")])
    assert bad.exit_code == 1
    assert bad.stderr.strip().count("\n") == 0 and "notes.txt" in bad.stderr
