"""One knowledge base for the serve tests: the demo corpus (examples/articles, as `make demo`)
and one crafted article of our own whose text, title, URL and source carry injection attempts."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from touchline import KnowledgeBase

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "articles"
CRAFTED = ROOT / "tests" / "fixtures" / "serve" / "crafted.jsonl"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("serve") / "demo.db")
    ready = os.environ.get("TOUCHLINE_TEST_SERVE_DB")  # a copy of one built before (speeds up reruns)
    if ready and Path(ready).is_file():
        shutil.copyfile(ready, db)
        return db
    with KnowledgeBase(db) as kb:
        report = kb.ingest([EXAMPLES, CRAFTED])
    assert report.added > 40
    return db


@pytest.fixture(scope="session")
def crafted_id(demo_db: str) -> str:
    """The id of the crafted article (tests/fixtures/serve/crafted.jsonl)."""
    with KnowledgeBase(demo_db) as kb:
        return next(a.id for a in kb.store.articles() if a.published and a.published.year == 2019
                    and "Northbridge" in a.text)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def server(demo_db: str) -> Iterator[str]:
    """`touchline serve` on the demo knowledge base, as a user starts it; its base URL."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "TOUCHLINE_API_TOKEN"}
    command = [sys.executable, "-m", "touchline", "serve", "--db", demo_db, "--port", str(port)]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                out = proc.stdout.read().decode() if proc.stdout else ""
                pytest.fail(f"touchline serve did not start: {out[-2000:]}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
