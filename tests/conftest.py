"""Shared fixtures: article files written by the tests, and databases on every backend."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_ADMIN_URL = os.environ.get("TOUCHLINE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def _pg_admin():  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(PG_ADMIN_URL.replace("postgresql://", "postgresql://", 1), autocommit=True,
                           connect_timeout=3)


def _pg_unavailable() -> str | None:
    try:
        with _pg_admin():
            return None
    except Exception as exc:
        return f"no PostgreSQL server answers at {PG_ADMIN_URL}: {str(exc).splitlines()[0]}"


PG_SKIP_REASON = _pg_unavailable()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database for one test, dropped afterwards."""
    if PG_SKIP_REASON:
        pytest.skip(PG_SKIP_REASON)
    name = f"tl_test_{uuid.uuid4().hex[:12]}"
    with _pg_admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with _pg_admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Every store test runs on the embedded default and on a real PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "kb.db")
    url: str = request.getfixturevalue("pg_url")
    return url


MATCH_REPORT = """ date 2025-03-09
Northbridge Rovers beat Castelmar 3-1 at Harrow Lane on Saturday afternoon to climb to third in the table.

Tomas Varga's side went behind early but Elio Brandt equalised before the break.
"""

SECOND_REPORT = """ date 2025-03-12
Castelmar have dismissed their manager after a run of four defeats, the club confirmed on Tuesday.

The board thanked him for three seasons in charge and named an interim replacement.
"""


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def two_articles(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write(folder / "rovers-castelmar.txt", MATCH_REPORT)
    write(folder / "castelmar-manager.txt", SECOND_REPORT)
    return folder
