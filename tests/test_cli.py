"""End to end through the front door: the touchline command, checked through the library."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from touchline.cli import app
from touchline.query.export import validate_export
from touchline.store import open_store

runner = CliRunner()


def test_ingest_then_export_valid_document(tmp_path: Path, two_articles: Path) -> None:
    db = str(tmp_path / "kb.db")
    result = runner.invoke(app, ["ingest", str(two_articles), "--db", db])
    assert result.exit_code == 0, result.output
    assert "2 added" in result.stdout
    out = tmp_path / "export.json"
    result = runner.invoke(app, ["--db", db, "export", "-o", str(out)])
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    validate_export(document)
    assert {a["published"] for a in document["articles"]} == {"2025-03-09", "2025-03-12"}
    assert {Path(a["source"]).name for a in document["articles"]} == {
        "rovers-castelmar.txt", "castelmar-manager.txt"}


def test_db_option_before_or_after_command_and_env(tmp_path: Path, two_articles: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    before, after, env = (str(tmp_path / n) for n in ("before.db", "after.db", "env.db"))
    assert runner.invoke(app, ["--db", before, "ingest", str(two_articles)]).exit_code == 0
    assert runner.invoke(app, ["ingest", str(two_articles), "--db", after]).exit_code == 0
    monkeypatch.setenv("TOUCHLINE_DB", env)
    assert runner.invoke(app, ["ingest", str(two_articles)]).exit_code == 0
    for db in (before, after, env):
        assert open_store(db).stats().articles == 2


def test_reingest_changes_nothing_and_exits_zero(tmp_path: Path, two_articles: Path) -> None:
    db = str(tmp_path / "kb.db")
    runner.invoke(app, ["ingest", str(two_articles), "--db", db])
    first = runner.invoke(app, ["export", "--db", db]).stdout
    result = runner.invoke(app, ["ingest", str(two_articles), "--db", db])
    assert result.exit_code == 0
    assert "0 added" in result.stdout and "2 already present" in result.stdout
    assert runner.invoke(app, ["export", "--db", db]).stdout == first


def test_unreadable_inputs_exit_one_with_skip_lines(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["ingest", str(empty), str(tmp_path / "missing.txt"),
                                 "--db", str(tmp_path / "kb.db")])
    assert result.exit_code == 1
    assert f"SKIP {empty}: empty file" in result.stderr
    assert "2 skipped" in result.stdout


def test_bad_date_option_is_a_usage_error(tmp_path: Path, two_articles: Path) -> None:
    result = runner.invoke(app, ["ingest", str(two_articles), "--date", "2025-13-01",
                                 "--db", str(tmp_path / "kb.db")])
    assert result.exit_code == 2


def test_stdin_with_date_option(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.db")
    result = runner.invoke(app, ["ingest", "-", "--date", "2025-05-01", "--db", db],
                           input="Castelmar drew 0-0 with Dunmore Athletic on Wednesday night.")
    assert result.exit_code == 0, result.output
    [art] = list(open_store(db).articles())
    assert art.published.isoformat() == "2025-05-01"  # type: ignore[union-attr]


def test_every_command_has_help() -> None:
    for command in ([], ["ingest"], ["export"], ["stats"]):
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0 and "Usage" in result.stdout


def test_python_dash_m_runs() -> None:
    done = subprocess.run([sys.executable, "-m", "touchline", "--help"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and "ingest" in done.stdout


def test_rule_only_mode_by_setting(tmp_path: Path, two_articles: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOUCHLINE_SPACY_MODEL", "none")
    db = str(tmp_path / "kb.db")
    result = runner.invoke(app, ["ingest", str(two_articles), "--db", db])
    assert result.exit_code == 0, result.output
    validate_export(json.loads(runner.invoke(app, ["export", "--db", db]).stdout))


def test_max_bytes_skips_large_files_and_keeps_what_is_stored(tmp_path: Path, two_articles: Path) -> None:
    db = str(tmp_path / "kb.db")
    assert runner.invoke(app, ["ingest", str(two_articles), "--db", db]).exit_code == 0
    big = tmp_path / "big.txt"
    big.write_text(" date 2025-03-20 " + "Rovers drew again. " * 200, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(big), "--max-bytes", "1000", "--db", db])
    assert result.exit_code == 1
    assert f"SKIP {big}: file too large" in result.stderr
    assert open_store(db).stats().articles == 2
