"""Every command's failure is one line on stderr and a non-zero exit, never a traceback."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from touchline.api import KnowledgeBase
from touchline.cli import app

runner = CliRunner()


def one_line_error(result: Result, code: int) -> str:
    assert result.exit_code == code, (result.exit_code, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture
def db(tmp_path: Path, two_articles: Path) -> str:
    path = str(tmp_path / "kb.db")
    assert runner.invoke(app, ["--db", path, "ingest", str(two_articles)]).exit_code == 0
    return path


def test_export_into_a_missing_folder(db: str, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "export.json"
    line = one_line_error(runner.invoke(app, ["--db", db, "export", "-o", str(target)]), 1)
    assert line == f"error: cannot write {target}: folder {target.parent} does not exist"


def test_export_onto_a_directory(db: str, tmp_path: Path) -> None:
    line = one_line_error(runner.invoke(app, ["--db", db, "export", "-o", str(tmp_path)]), 1)
    assert line == f"error: cannot write {tmp_path}: it is a directory"


def test_timex_on_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    line = one_line_error(runner.invoke(app, ["timex", str(missing), "--date", "2025-03-09"]), 1)
    assert line == f"error: cannot read {missing}: No such file or directory"


@pytest.mark.parametrize(("variable", "value", "accepts"), [
    ("TOUCHLINE_BATCH_SIZE", "0", "a whole number from 1 to 10000"),
    ("TOUCHLINE_BATCH_SIZE", "twenty", "a whole number from 1 to 10000"),
    ("TOUCHLINE_MAX_FILE_BYTES", "-5", "a whole number from 1 to"),
    ("TOUCHLINE_MAX_ARTICLE_CHARS", "2000000", "a whole number from 1 to 900000"),
    ("TOUCHLINE_NEAR_DUPLICATE_THRESHOLD", "1.5", "a number above 0 and at most 1"),
    ("TOUCHLINE_NEAR_DUPLICATE_THRESHOLD", "nan", "a number above 0 and at most 1"),
    ("TOUCHLINE_MINHASH_PERMUTATIONS", "0", "a whole number from 16 to 1024"),
    ("TOUCHLINE_DEBUG", "maybe", "one of 1, true, yes, on, 0, false, no, off"),
])
def test_bad_setting_values_are_refused_when_loaded(tmp_path: Path, two_articles: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    variable: str, value: str, accepts: str) -> None:
    monkeypatch.setenv(variable, value)
    db = tmp_path / "kb.db"
    line = one_line_error(runner.invoke(app, ["--db", str(db), "ingest", str(two_articles)]), 2)
    assert line.startswith(f"error: {variable}={value!r}: must be {accepts}")
    assert not db.exists()


def test_bad_option_values_are_usage_errors(tmp_path: Path, two_articles: Path) -> None:
    db = str(tmp_path / "kb.db")
    ingest = ["--db", db, "ingest", str(two_articles)]
    line = one_line_error(runner.invoke(app, [*ingest, "--max-bytes", "0"]), 2)
    assert line.startswith("error: Invalid value for '--max-bytes'")
    line = one_line_error(runner.invoke(app, [*ingest, "--date", "0001-01-01"]), 2)
    assert line == ("error: Invalid value for '--date': published date 0001-01-01 is outside the range "
                    "touchline handles (1800-01-01 to 2199-12-31)")
    line = one_line_error(runner.invoke(app, ["--db", db, "ingest"]), 2)
    assert "Missing argument" in line
    one_line_error(runner.invoke(app, ["--db", db, "no-such-command"]), 2)


@pytest.mark.parametrize("option", ["--contains", "--speaker", "--about"])
@pytest.mark.parametrize("term", ["%", "", "-- !?"])
def test_search_terms_that_fold_to_nothing_are_refused(db: str, option: str, term: str) -> None:
    line = one_line_error(runner.invoke(app, ["--db", db, "quotes", option, term]), 2)
    assert line.endswith(f"{term!r} has no letters or digits to search for")


def test_timeline_of_a_name_that_folds_to_nothing(db: str) -> None:
    one_line_error(runner.invoke(app, ["--db", db, "timeline", "..."]), 2)


def test_another_applications_database_is_refused_and_untouched(tmp_path: Path, two_articles: Path) -> None:
    other = tmp_path / "app.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    before = other.read_bytes()
    line = one_line_error(runner.invoke(app, ["--db", str(other), "ingest", str(two_articles)]), 1)
    assert "is not a touchline database (it holds other tables: invoices)" in line
    assert other.read_bytes() == before


def test_database_in_a_missing_folder(tmp_path: Path) -> None:
    line = one_line_error(runner.invoke(app, ["--db", str(tmp_path / "no" / "kb.db"), "stats"]), 1)
    assert line.startswith("error: cannot open database")


def test_an_unexpected_error_is_one_line_and_debug_shows_the_traceback(
        db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: KnowledgeBase) -> None:
        raise ZeroDivisionError("a defect")

    monkeypatch.setattr(KnowledgeBase, "stats", broken)
    line = one_line_error(runner.invoke(app, ["--db", db, "stats"]), 1)
    assert line.startswith("error: touchline failed (ZeroDivisionError: a defect); run with -v")
    result = runner.invoke(app, ["-v", "--db", db, "stats"])
    assert result.exit_code == 1 and "Traceback" in result.stderr and "ZeroDivisionError" in result.stderr
    monkeypatch.setenv("TOUCHLINE_DEBUG", "1")
    assert "Traceback" in runner.invoke(app, ["--db", db, "stats"]).stderr


def test_skip_lines_show_file_names_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x\nSKIP forged.txt: fine").write_bytes(b"")
    (folder / "y\x1b[2J.txt").write_bytes(b"\x00\x01binary")
    result = runner.invoke(app, ["--db", str(tmp_path / "kb.db"), "ingest", str(folder)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [f"SKIP {folder}/x\\nSKIP forged.txt: fine: empty file",
                     f"SKIP {folder}/y\\x1b[2J.txt: binary file (NUL bytes)"]


def test_quote_text_with_markup_is_printed_as_text(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.db")
    article = ('{"text": "Rovers beat Castelmar 2-0 on Saturday. \\"We played [bold]very[/] well '
               '[/red] today,\\" said Elio Brandt after the game.", "published": "2025-03-09"}')
    assert runner.invoke(app, ["--db", db, "ingest", "-"], input=article).exit_code == 0
    result = runner.invoke(app, ["--db", db, "quotes"])
    assert result.exit_code == 0, result.output
    assert "[bold]very[/] well" in result.stdout
    rows = json.loads(runner.invoke(app, ["--db", db, "quotes", "--json"]).stdout)["quotes"]
    assert rows and "[/red]" in rows[0]["text"]
