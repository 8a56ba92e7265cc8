"""The small world of tests/query/world.py, written into a fresh store on each backend."""

from __future__ import annotations

import pytest

from touchline.store import Store, open_store

from .world import fill


@pytest.fixture
def store(db_url: str) -> Store:
    s = open_store(db_url)
    fill(s)
    yield s  # type: ignore[misc]
    s.close()
