"""Per-article isolation in a whole ingest, on SQLite and PostgreSQL.

An article on which a component fails, or which the database refuses, is
skipped with one line; the rest of its batch is stored; a rerun changes
nothing.  The failures come from real spaCy components added to the rule-only
pipeline for these tests (spaCy itself is not mocked): one raises on a marker
word, one writes an entity without a name, which the database's NOT NULL
constraint refuses.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from touchline.ingest import IngestOptions
from touchline.ingest.ids import text_hash
from touchline.nlp.pipeline import build_pipeline
from touchline.runner import IngestReport, run_ingest
from touchline.settings import Settings
from touchline.store import open_store

CLUBS = ["Northbridge Rovers", "Castelmar", "Dunmore Athletic", "Port Ellery", "Westfold United",
         "Harcourt Town", "Kingsmere", "Ashby Vale", "Oldcastle", "Redwater City"]
PLAYERS = ["Elio Brandt", "Kai Meyer", "Tomas Varga", "Jonah Pell", "Ruben Castell", "Ivo Marek",
           "Sami Ortega", "Lewis Dane", "Arto Keller", "Nico Faure"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def match_report(n: int) -> str:
    """A short match report; different numbers give different clubs, players and days."""
    home, away = CLUBS[n % 10], CLUBS[(n + 3) % 10]
    scorer, keeper = PLAYERS[n % 10], PLAYERS[(n + 5) % 10]
    return (f"{home} beat {away} {n % 4 + 2}-1 on {DAYS[n % 7]}. {scorer} scored twice for {home}, "
            f"and {keeper} of {away} saved a penalty from {PLAYERS[(n + 2) % 10]} in the second half. "
            f"The {away} manager said the defeat against {home} was deserved.")


@Language.component("test_raise_on_marker")
def raise_on_marker(doc: Doc) -> Doc:
    if "EXPLODE" in doc.text:
        raise RuntimeError("component failure on purpose")
    return doc


@Language.component("test_nameless_entity")
def nameless_entity(doc: Doc) -> Doc:
    if "NAMELESS" in doc.text:
        doc._.tl_entities = [*(doc._.tl_entities or []), {"id": "person:nameless", "kind": "person",
                                                            "name": None}]
    return doc


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = build_pipeline(None)
    pipeline.add_pipe("test_raise_on_marker", first=True)
    pipeline.add_pipe("test_nameless_entity", last=True)
    return pipeline


def article_id(text: str) -> str:
    return text_hash(text)[:16]


def ingest(folder: Path, url: str, nlp: Language, debug: bool = False) -> tuple[IngestReport, list[str]]:
    lines: list[str] = []
    store = open_store(url)
    try:
        report = run_ingest([folder], store, lambda: nlp, Settings(db=url, batch_size=20, debug=debug),
                            IngestOptions(debug=debug), on_skip=lambda s: lines.append(str(s)))
    finally:
        store.close()
    return report, lines


def stored_ids(url: str) -> set[str]:
    store = open_store(url)
    try:
        return {a.id for a in store.articles()}
    finally:
        store.close()


def write_reports(folder: Path, bad: dict[int, str]) -> dict[str, str]:
    """Nine short reports in one batch; those numbered in ``bad`` carry that marker word."""
    folder.mkdir()
    texts = {}
    for i in range(9):
        text = match_report(i)
        if i in bad:
            text = f"{bad[i]} {text}"
        (folder / f"{i}.txt").write_text(f" date 2025-03-09\n{text}", encoding="utf-8")
        texts[f"{i}.txt"] = text
    return texts


def test_a_component_failure_skips_that_article_only(tmp_path: Path, db_url: str, nlp: Language) -> None:
    texts = write_reports(tmp_path / "news", {4: "EXPLODE"})
    report, lines = ingest(tmp_path / "news", db_url, nlp)
    assert report.added == 8 and report.exit_code == 0
    [line] = lines
    assert line.startswith(f"SKIP {tmp_path / 'news' / '4.txt'}: analysis failed "
                           "(RuntimeError: component failure on purpose); run with -v")
    assert stored_ids(db_url) == {article_id(t) for name, t in texts.items() if name != "4.txt"}
    again, lines_again = ingest(tmp_path / "news", db_url, nlp)
    assert (again.added, again.already_present, lines_again) == (0, 8, lines)


def test_a_refused_batch_is_written_again_article_by_article(tmp_path: Path, db_url: str,
                                                             nlp: Language) -> None:
    texts = write_reports(tmp_path / "news", {2: "NAMELESS", 7: "NAMELESS"})
    report, lines = ingest(tmp_path / "news", db_url, nlp)
    assert report.added == 7
    refused = [f"SKIP {tmp_path / 'news' / name}" for name in ("2.txt", "7.txt")]
    assert [line.split(": ", 1)[0] for line in lines] == refused
    assert all("the database refused it" in line for line in lines)
    assert stored_ids(db_url) == {article_id(t) for n, t in texts.items() if n not in ("2.txt", "7.txt")}
    again, _ = ingest(tmp_path / "news", db_url, nlp)
    assert (again.added, again.already_present, len(again.skipped)) == (0, 7, 2)


def test_a_near_copy_of_an_unstorable_article_is_stored_as_an_original(tmp_path: Path, db_url: str,
                                                                         nlp: Language) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    base = " ".join(match_report(n) for n in range(3))
    (folder / "a.txt").write_text(f" date 2025-03-09\nNAMELESS {base}", encoding="utf-8")
    (folder / "b.txt").write_text(f" date 2025-03-09\n{base}", encoding="utf-8")  # a near-copy of a.txt
    report, [line] = ingest(folder, db_url, nlp)
    assert line.startswith(f"SKIP {folder / 'a.txt'}: the database refused it")
    assert (report.added, report.duplicates) == (1, 0)
    store = open_store(db_url)
    try:
        [art] = list(store.articles())
    finally:
        store.close()
    assert art.id == article_id(base) and art.duplicate_of is None


def test_debug_logs_the_traceback(tmp_path: Path, nlp: Language, caplog: pytest.LogCaptureFixture) -> None:
    write_reports(tmp_path / "news", {0: "EXPLODE"})
    with caplog.at_level(logging.ERROR):
        ingest(tmp_path / "news", str(tmp_path / "kb.db"), nlp, debug=True)
    [record] = [r for r in caplog.records if r.exc_info]
    assert "0.txt" in record.getMessage() and record.exc_info[0] is RuntimeError  # type: ignore[index]


def test_no_article_stored_exits_one(tmp_path: Path, nlp: Language) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(f"EXPLODE {match_report(1)}", encoding="utf-8")
    report, _ = ingest(folder, str(tmp_path / "kb.db"), nlp)
    assert (report.read, report.added, report.exit_code) == (1, 0, 1)
