"""Fuzzing the ingest front door: generated poison mixed among good articles, on both stores.

Each example writes a folder of files (good articles in several encodings and
with hostile names, and poison of every kind issue 13 lists), one JSON Lines
file mixing good and bad lines, and possibly one input on standard input, then
runs ``touchline ingest`` on them and checks that no exception escaped, that
every good article is stored, that every bad input got exactly one SKIP line
naming it, and that running the same command again changes nothing.

Limits are set low (``TOUCHLINE_MAX_ARTICLE_CHARS=3000``,
``TOUCHLINE_MAX_FILE_BYTES=20000``, batches of 3) so the over-limit inputs
stay small and batches mix good and bad articles.  The examples are
derandomised so CI is repeatable; ``TOUCHLINE_FUZZ_EXAMPLES=200`` runs more, at random.
"""

from __future__ import annotations

import json
import os
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from touchline.cli import app
from touchline.ingest.ids import text_hash
from touchline.store import open_store

EXAMPLES = int(os.environ.get("TOUCHLINE_FUZZ_EXAMPLES", "8"))
LIMITS = {"TOUCHLINE_MAX_ARTICLE_CHARS": "3000", "TOUCHLINE_MAX_FILE_BYTES": "20000",
          "TOUCHLINE_BATCH_SIZE": "3"}

CLUBS = ["Northbridge Rovers", "Castelmar", "Dunmore Athletic", "Port Ellery", "Westfold United",
         "Harcourt Town", "Kingsmere", "Ashby Vale", "Oldcastle", "Redwater City", "São Brás", "Estrela Nova"]
PLAYERS = ["Elio Brandt", "Kai Meyer", "Tomas Varga", "Jonah Pell", "Ruben Castell", "Ivo Marek",
           "Sami Ortega", "Lewis Dane", "Arsène Keller", "Nico Faure", "Joël Brière", "Íñigo Peña"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# Parts of file names: hostile ones included (a newline, a terminal escape, bytes that are not UTF-8).
NAMES = ["report", "match day", "new\nline", "esc\x1b[31mred", "caf\udce9", "ünïcode", "tab\there"]


def good_text(seed: int) -> str:
    home, away = CLUBS[seed % 12], CLUBS[(seed // 12 + 1 + seed % 11) % 12]
    if home == away:
        away = CLUBS[(CLUBS.index(home) + 1) % 12]
    scorer, other = PLAYERS[seed % 12], PLAYERS[(seed // 7) % 12]
    return (f"{home} beat {away} {seed % 5 + 1}-0 on {DAYS[seed % 7]} in front of {1000 + seed} fans. "
            f"{scorer} scored twice for {home} and {other} was booked after {seed % 90 + 1} minutes. "
            f"Report number {seed}: the {away} manager paid £{seed % 9 + 1}m for {other} in the summer.")


@dataclass(frozen=True)
class Good:
    seed: int
    form: str  # file, jsonl or stdin
    encoding: str
    name: str


@dataclass(frozen=True)
class Bad:
    kind: str
    name: str


FILE_POISON = ["empty", "whitespace", "binary", "nul_late", "date_0001", "date_impossible", "too_long",
               "scorelines", "fifo", "broken_link", "bad_utf16", "html_without_text", "feed_without_entries"]
JSONL_POISON = ["j_surrogate", "j_source_list", "j_source_object", "j_title_number", "j_nul", "j_malformed",
                "j_not_object", "j_no_text", "j_date_0001", "j_too_long", "j_line_too_long", "j_scorelines"]
STDIN_POISON = ["s_empty", "s_binary", "s_date_0001"]

ITEMS = st.one_of(
    st.builds(Good, seed=st.integers(0, 10**6), form=st.sampled_from(["file", "file", "jsonl", "stdin"]),
              encoding=st.sampled_from(["utf-8", "utf-8", "utf-16", "utf-8-sig", "cp1252"]),
              name=st.sampled_from(NAMES)),
    st.builds(Bad, kind=st.sampled_from(FILE_POISON + JSONL_POISON + STDIN_POISON),
              name=st.sampled_from(NAMES)),
)


def scorelines(size: int) -> str:
    return " ".join(f"{i % 7}-{i % 4}" for i in range(size // 4))


def file_poison(kind: str, path: Path) -> Path:
    """Write one poisoned file (or special file) at ``path``; return where it is."""
    body = {
        "empty": b"", "whitespace": b" \n\t \n", "binary": bytes(range(256)) * 8,
        "nul_late": (" date 2025-03-09 " + "Rovers won. " * 800 + "\x00 and lost.").encode(),
        "date_0001": f" date 0001-01-01\n{good_text(1)}".encode(),
        "date_impossible": f" date 2025-02-30\n{good_text(2)}".encode(),
        "too_long": (" date 2025-03-09\n" + "Rovers won again at home. " * 160).encode(),
        "scorelines": (" date 2025-03-09\n" + scorelines(2900)).encode(),
        "bad_utf16": b"\xff\xfe" + "Rovers won".encode("utf-16-le") + b"\x00\xd8",
    }
    if kind in body:
        path.write_bytes(body[kind])
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "broken_link":
        path.symlink_to(path.parent / "nowhere-at-all")
    elif kind == "html_without_text":
        path = path.with_suffix(".html")
        path.write_text("<!DOCTYPE html><html><head><title>x</title></head><body><script>var a;</script>"
                        "</body></html>", encoding="utf-8")
    elif kind == "feed_without_entries":
        path = path.with_suffix(".xml")
        path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>',
                        encoding="utf-8")
    return path


def jsonl_poison(kind: str) -> str:
    good = good_text(3)
    return {
        "j_surrogate": '{"text": "Rovers drew \\ud800 with Castelmar."}',
        "j_source_list": json.dumps({"text": good, "source": ["a", "b"]}),
        "j_source_object": json.dumps({"text": good, "source": {"x": 1}}),
        "j_title_number": json.dumps({"text": good, "title": 5}),
        "j_nul": json.dumps({"text": "Rovers \u0000 drew."}),
        "j_malformed": '{"text": "Rovers won", ',
        "j_not_object": json.dumps(["text", good]),
        "j_no_text": json.dumps({"title": "nothing"}),
        "j_date_0001": json.dumps({"text": good, "published": "0001-01-01"}),
        "j_too_long": json.dumps({"text": "Castelmar lost again. " * 200}),
        "j_line_too_long": json.dumps({"text": "Castelmar lost. " * 1500}),
        "j_scorelines": json.dumps({"text": scorelines(2900)}),
    }[kind]


STDIN_BODIES = {"s_empty": b"", "s_binary": bytes(range(256)) * 4,
                "s_date_0001": f" date 0001-01-01\n{good_text(4)}".encode()}


@dataclass
class Plan:
    folder: Path
    stdin: bytes | None
    good_ids: set[str]
    bad_markers: list[str]  # one substring per bad input that its SKIP line must contain


def build(items: list[Good | Bad], root: Path) -> Plan:
    folder = root / "in"
    folder.mkdir()
    stdin: bytes | None = None
    good_ids: set[str] = set()
    markers: list[str] = []
    lines: list[str] = []
    for i, item in enumerate(items):
        base = folder / f"{item.name}-item{i:03d}-.txt"
        if isinstance(item, Good):
            text = good_text(item.seed)
            good_ids.add(text_hash(text)[:16])
            form = "file" if item.form == "stdin" and stdin is not None else item.form
            if form == "jsonl":
                source = item.name.replace("\udce9", "e")  # a lone surrogate is poison, not a good source
                lines.append(json.dumps({"text": text, "published": "2025-03-09", "source": source}))
            elif form == "stdin":
                stdin = f" date 2025-03-09\n{text}\n".encode()
            else:
                base.write_bytes(f" date 2025-03-09\n{text}\n".encode(item.encoding))
        elif item.kind in JSONL_POISON:
            lines.append(jsonl_poison(item.kind))
            markers.append(f"feed.jsonl:{len(lines)}: ")
        elif item.kind in STDIN_POISON and stdin is None:
            stdin = STDIN_BODIES[item.kind]
            markers.append("SKIP <stdin>")
        else:
            kind = item.kind if item.kind in FILE_POISON else "empty"
            file_poison(kind, base)
            markers.append(f"-item{i:03d}-")
    if lines:
        (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Plan(folder, stdin, good_ids, markers)


def run(plan: Plan, url: str) -> tuple[int, str, str]:
    paths = [str(plan.folder)] + (["-"] if plan.stdin is not None else [])
    result = CliRunner().invoke(app, ["--db", url, "ingest", *paths], input=plan.stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def check(items: list[Good | Bad], url_for: Callable[[], Iterator[str]]) -> None:
    with tempfile.TemporaryDirectory(prefix="touchline-fuzz-") as tmp, contextmanager(url_for)() as url:
        plan = build(items, Path(tmp))
        code, out, err = run(plan, url)
        lines = err.splitlines()
        assert all(line.startswith(("SKIP ", "NOTE ")) for line in lines), err
        skips = [line for line in lines if line.startswith("SKIP ")]
        for marker in plan.bad_markers:
            assert sum(marker in line for line in skips) == 1, (marker, err)
        assert len(skips) == len(plan.bad_markers), err
        assert code == (0 if plan.good_ids else 1), (code, out, err)
        store = open_store(url)
        try:
            stored = {a.id for a in store.articles()}
            before = store.stats()
        finally:
            store.close()
        assert plan.good_ids <= stored
        code2, out2, err2 = run(plan, url)
        assert code2 == code and out2.startswith("0 added, 0 near-duplicates linked") and err2 == err
        store = open_store(url)
        try:
            assert {a.id for a in store.articles()} == stored and store.stats() == before
        finally:
            store.close()


FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                derandomize="TOUCHLINE_FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(autouse=True)
def low_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in LIMITS.items():
        monkeypatch.setenv(name, value)


@FUZZ
@given(items=st.lists(ITEMS, min_size=1, max_size=8))
def test_poison_among_good_articles_on_sqlite(items: list[Good | Bad]) -> None:
    def url() -> Iterator[str]:
        with tempfile.TemporaryDirectory(prefix="touchline-fuzz-db-") as folder:
            yield str(Path(folder) / "kb.db")

    check(items, url)


@FUZZ
@given(items=st.lists(ITEMS, min_size=1, max_size=8))
def test_poison_among_good_articles_on_postgresql(pg_url: str, items: list[Good | Bad]) -> None:
    import psycopg

    def url() -> Iterator[str]:
        schema = f"fuzz_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        try:
            yield f"{pg_url}?options=-csearch_path%3D{schema}"
        finally:
            with psycopg.connect(pg_url, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA "{schema}" CASCADE')

    check(items, url)
