"""Every query command end to end, and the same questions through the Python API: a knowledge
base of invented articles (tests/query/world.py) and a real ingest of invented texts."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from touchline import KnowledgeBase
from touchline.cli import app
from touchline.query.export import build_export, validate_export
from touchline.store import open_store

from .query.world import QUILL, UNITED, fill

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("queries") / "kb.db")
    store = open_store(path)
    fill(store)
    store.close()
    return path


def run(db: str, *args: str, code: int = 0) -> str:
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == code, (args, result.output, result.stderr)
    return result.stdout


def one_line_error(db: str, *args: str, code: int) -> str:
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == code, (args, result.output)
    assert result.stdout == "" and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    return result.stderr.strip()


def test_timeline_json_has_names_and_sources_and_filters(db: str) -> None:
    doc = json.loads(run(db, "timeline", "Marta Quill", "--json"))
    assert doc["entity"]["name"] == "Marta Quill"
    assert [e["kind"] for e in doc["events"]] == ["match", "match", "transfer"]
    source = doc["events"][2]["sources"][0]
    assert source["source"] == "/news/quill-eastvale.txt" and source["published"] == "2025-05-10"
    assert {"article", "url", "title", "start", "end"} <= source.keys()
    assert doc["events"][2]["player"] == {"id": QUILL.id, "name": "Marta Quill", "kind": "player"}
    ranged = json.loads(run(db, "timeline", "Northbridge United", "--from", "2025-03-01",
                            "--to", "2025-04-30", "--kind", "match", "--json"))
    assert [e["date"] for e in ranged["events"]] == ["2025-03-01", "2025-04"]
    table = run(db, "timeline", "Marta Quill")
    assert all(w in table for w in ("Northbridge", "2-1", "Castlemoor FC", "Eastvale", "transfer"))


def test_bad_kinds_dates_and_names_are_one_line_errors(db: str) -> None:
    line = one_line_error(db, "timeline", "Marta Quill", "--kind", "goal", code=2)
    assert line.startswith("error: Invalid value for '--kind': 'goal' is not an event kind (one of: match,")
    line = one_line_error(db, "entities", "--kind", "team", code=2)
    assert "'team' is not an entity kind (one of: player," in line
    line = one_line_error(db, "matches", "--from", "2025-13-01", code=2)
    assert "'--from'" in line and "YYYY-MM-DD" in line
    assert one_line_error(db, "matches", "--team", "Nowhere Wanderers", code=1) == (
        "error: no entity named 'Nowhere Wanderers'")
    assert one_line_error(db, "search", "--", "%%", code=2).endswith("has no letters or digits to search for")
    assert "'--in'" in one_line_error(db, "search", "pitch", "--in", "tweets", code=2)


def test_matches_with_a_team_an_opponent_and_the_check(db: str) -> None:
    doc = json.loads(run(db, "matches", "--team", "Northbridge", "--vs", "Castlemoor", "--json"))
    assert doc["team"]["id"] == UNITED.id
    assert [(m["date"], m["home"]["name"], m["home_score"], m["away_score"]) for m in doc["matches"]] == [
        ("2025-02-14", "Northbridge United", 2, 1), ("2025-04", "Castlemoor FC", 1, 3)]
    assert all("check" in m and "reference" in m for m in doc["matches"])
    assert len(json.loads(run(db, "matches", "--to", "2025-02-28", "--json"))["matches"]) == 1
    table = run(db, "matches", "--team", "Harbour City")
    assert all(w in table for w in ("Harbour City", "0-0", "1 matches"))


def test_quotes_with_words_a_subject_a_speaker_and_dates(db: str) -> None:
    rows = json.loads(run(db, "quotes", "--contains", "proud of", "--json"))["quotes"]
    assert [(r["speaker"]["name"], r["source"], r["published"]) for r in rows] == [
        ("Marta Quill", "/news/nu-cas-reaction.txt", "2025-02-16")]
    assert rows[0]["text"].startswith("I am proud") and rows[0]["end"] > rows[0]["start"]
    rows = json.loads(run(db, "quotes", "--speaker", "Brenner", "--from", "2025-03-01", "--json"))["quotes"]
    assert [r["published"] for r in rows] == ["2025-04-28"]
    assert "The pitch at Harbour" in run(db, "quotes", "--about", "Harbour City")


def test_search_ranks_articles_and_quotes_with_snippets(db: str) -> None:
    doc = json.loads(run(db, "search", "heavy pitch", "--json"))
    assert {h["kind"] for h in doc["hits"]} == {"article", "quote"}
    for hit in doc["hits"]:
        assert hit["source"] == "/news/har-nu.txt" and hit["published"] == "2025-03-02"
        assert {hit["snippet"][s:e].lower() for s, e in hit["highlights"]} == {"heavy", "pitch"}
    quotes = json.loads(run(db, "search", "proud", "--in", "quotes", "--json"))["hits"]
    assert {h["quote"]["speaker"]["name"] for h in quotes} == {"Marta Quill", "Olaf Brenner"}
    assert json.loads(run(db, "search", "proud", "--to", "2025-03-01", "--json"))["hits"][0]["published"] == (
        "2025-02-16")
    assert "har-nu.txt" in run(db, "search", "heavy pitch")


def test_entities_articles_and_stories(db: str) -> None:
    found = json.loads(run(db, "entities", "marta", "--json"))["entities"]
    assert [(e["name"], e["kind"], e["articles"]) for e in found] == [("Marta Quill", "player", 4)]
    clubs = json.loads(run(db, "entities", "--kind", "club", "--json"))["entities"]
    assert len(clubs) == 4
    assert "Northbridge United" in run(db, "entities", "north")
    arts = json.loads(run(db, "articles", "--from", "2025-05-01", "--json"))["articles"]
    assert [a["source"] for a in arts] == ["/news/quill-eastvale.txt", "/news/korver.txt"]
    assert json.loads(run(db, "articles", "--from", "2030-01-01", "--json")) == {"articles": []}
    assert "6 articles" in run(db, "articles")
    stories = json.loads(run(db, "stories", "--json"))["stories"]
    assert max(len(s["articles"]) for s in stories) == 2
    assert "5 stories" in run(db, "stories")


def test_stats_json_and_export_into_a_missing_folder(db: str, tmp_path: Path) -> None:
    stats = json.loads(run(db, "stats", "--json"))
    assert (stats["articles"], stats["events"], stats["quotes"]) == (6, 6, 4)
    assert stats["events_by_kind"]["match"] == 3
    missing = tmp_path / "nowhere"
    line = one_line_error(db, "export", "-o", str(missing / "x.json"), code=1)
    assert line == f"error: cannot write {missing / 'x.json'}: folder {missing} does not exist"
    out = tmp_path / "export.json"
    run(db, "export", "-o", str(out))
    document = json.loads(out.read_text(encoding="utf-8"))
    validate_export(document)
    assert document == build_export(open_store(db))
    assert not list(tmp_path.glob("*.partial"))


def test_the_python_api_answers_the_same(db: str) -> None:
    with KnowledgeBase(db) as kb:
        assert [e.kind for e in kb.timeline("Marta Quill", since=date(2025, 5, 1)).events] == ["transfer"]
        assert len(kb.matches("Northbridge United", "Harbour City")) == 1
        assert [h.quote.speaker for h in kb.quotes(contains="heavy")] == [QUILL.id]
        assert kb.search("second best", kind="article").hits[0].article.source == "/news/nu-cas.txt"
        assert [r.entity.name for r in kb.entities("eastv")] == ["Eastvale"]
        assert len(list(kb.articles(until=date(2025, 2, 28)))) == 2
        assert len(list(kb.stories())) == 5


def test_ingest_json_then_every_query_on_ingested_text(tmp_path: Path, two_articles: Path) -> None:
    db = str(tmp_path / "kb.db")
    report = json.loads(run(db, "ingest", str(two_articles), "--json"))
    assert (report["read"], report["added"], report["skipped"], report["exit_code"]) == (2, 2, [], 0)
    again = json.loads(run(db, "ingest", str(two_articles), "--json"))
    assert (again["added"], again["already_present"]) == (0, 2)
    hits = json.loads(run(db, "search", "interim replacement", "--json"))["hits"]
    assert [Path(h["source"]).name for h in hits] == ["castelmar-manager.txt"]
    matches = json.loads(run(db, "matches", "--team", "Northbridge Rovers", "--json"))["matches"]
    assert [(m["home"]["name"], m["home_score"], m["away_score"]) for m in matches] == [
        ("Northbridge Rovers", 3, 1)]
    timeline = json.loads(run(db, "timeline", "Northbridge Rovers", "--json"))["events"]
    assert timeline and timeline[0]["sources"][0]["published"] == "2025-03-09"
    assert json.loads(run(db, "entities", "castelmar", "--json"))["entities"]
