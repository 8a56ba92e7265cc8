"""Creating the schema: safe when several processes open one new database together;
another application's database is refused and left as it was."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from touchline.store import StoreError, open_store
from touchline.store.sql import sqlalchemy_url

PROCESSES = 5
ROUNDS = 3
SQLITE_ROUNDS = 8  # cheap, and one race (switching to WAL) showed only about once in 20 rounds


def _open(url: str, barrier: multiprocessing.synchronize.Barrier, errors: multiprocessing.Queue) -> None:
    try:
        barrier.wait(timeout=60)
        store = open_store(url)
        store.stats()
        store.close()
    except BaseException as exc:  # reported to the parent, which fails the test
        errors.put(f"{type(exc).__name__}: {exc}")


def _open_together(url: str) -> list[str]:
    """Open ``url`` from PROCESSES processes released at the same moment; their errors."""
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(PROCESSES)
    errors = ctx.Queue()
    procs = [ctx.Process(target=_open, args=(url, barrier, errors)) for _ in range(PROCESSES)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    found = []
    while not errors.empty():
        found.append(errors.get())
    found += [f"process exited with {p.exitcode}" for p in procs if p.exitcode != 0]
    return found


def _tables(url: str) -> set[str]:
    engine = create_engine(sqlalchemy_url(url))
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def test_processes_opening_one_new_sqlite_database_together_all_succeed(tmp_path: Path) -> None:
    for n in range(SQLITE_ROUNDS):
        url = str(tmp_path / f"new{n}.db")
        assert _open_together(url) == []
        assert {"articles", "events", "quotes", "alembic_version"} <= _tables(url)


def test_processes_opening_one_new_postgresql_database_together_all_succeed(pg_url: str) -> None:
    admin = create_engine(sqlalchemy_url(pg_url), isolation_level="AUTOCOMMIT")
    try:
        for n in range(ROUNDS):
            if n:  # a new, empty database each round: drop what the last round created
                with admin.connect() as conn:
                    conn.execute(text("DROP SCHEMA public CASCADE"))
                    conn.execute(text("CREATE SCHEMA public"))
            assert _open_together(pg_url) == []
            assert {"articles", "events", "quotes", "alembic_version"} <= _tables(pg_url)
    finally:
        admin.dispose()


def test_another_applications_sqlite_database_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO users (name) VALUES ('ada')")
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"not a touchline database .*users"):
        open_store(str(path))
    assert path.read_bytes() == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("users",)]
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_another_applications_alembic_revision_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('f00dcafe')")
    with pytest.raises(StoreError, match="revision 'f00dcafe'"):
        open_store(str(path))


def test_an_empty_sqlite_file_or_an_existing_touchline_database_is_used(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    open_store(str(empty)).close()
    assert "articles" in _tables(str(empty))
    store = open_store(str(empty))  # already touchline's: opened again as it is
    assert store.stats().articles == 0
    store.close()


def test_the_head_a_current_database_is_checked_against_is_alembics_own() -> None:
    from alembic.script import ScriptDirectory

    from touchline.store.migrate import HEAD, alembic_config

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD


def test_a_query_process_loads_neither_the_text_pipeline_nor_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    db = tmp_path / "kb.db"
    open_store(str(db)).close()  # created (and migrated) by this process
    probe = ("import sys; from touchline import KnowledgeBase; kb = KnowledgeBase(sys.argv[1]); "
             "kb.stats(); kb.entities('a'); kb.search('goal'); kb.close(); "
             "print(sorted(m for m in ('spacy', 'numpy', 'datasketch', 'alembic', 'jsonschema') "
             "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe, str(db)], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
