"""Kill a real ingest process with SIGKILL mid-run; the rerun completes with nothing lost or doubled."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from touchline.store import open_store
from touchline.store.sql import sqlalchemy_url

CLUBS = ["Northbridge Rovers", "Castelmar", "Dunmore Athletic", "Port Ellery", "Westfold United",
         "Harcourt Town", "Kingsmere", "Ashby Vale", "Oldcastle", "Redwater City"]
PLAYERS = ["Elio Brandt", "Kai Meyer", "Tomas Varga", "Jonah Pell", "Ruben Castell", "Ivo Marek",
           "Sami Ortega", "Lewis Dane", "Arto Keller", "Nico Faure"]
SENTENCES = [
    "{a} beat {b} {x}-{y} at home on {day} night.",
    "{p} scored twice as {a} came from behind against {b}.",
    "The manager of {b} praised the supporters after a difficult week.",
    "{p} has been ruled out for {n} weeks with a hamstring injury.",
    "{a} sit {n}th in the table after {m} matches.",
    "{b} will travel to face {a} on {day} in the cup.",
    "A crowd of {n}{m}{x}00 watched the game in heavy rain.",
    "{p} completed a move to {a} from {b} for an undisclosed fee.",
    "Captain {p} made his {n}{m}th appearance for the club.",
    "The referee showed {x} yellow cards in a bad-tempered second half.",
    "{a} have now won {n} of their last {m} league games.",
    "{b} had a goal ruled out for offside shortly before half-time.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def make_corpus(folder: Path, count: int) -> None:
    rnd = random.Random(7)
    folder.mkdir()
    for i in range(count):
        lines = []
        for template in rnd.sample(SENTENCES, 6):
            a, b = rnd.sample(CLUBS, 2)
            lines.append(template.format(a=a, b=b, p=rnd.choice(PLAYERS), day=rnd.choice(DAYS),
                                         x=rnd.randint(0, 5), y=rnd.randint(0, 5), n=rnd.randint(2, 9),
                                         m=rnd.randint(1, 9)))
        day = 1 + i % 28
        (folder / f"{i:04d}.txt").write_text(f" date 2025-02-{day:02d} Report {i}. " + " ".join(lines),
                                             encoding="utf-8")


def count_articles(url: str) -> int:
    engine = create_engine(sqlalchemy_url(url))
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM articles")).scalar_one())
    except Exception:
        return 0  # not created yet
    finally:
        engine.dispose()


def consistency_problems(url: str) -> list[str]:
    engine = create_engine(sqlalchemy_url(url))
    checks = {
        "event source without article": "SELECT count(*) FROM event_sources s LEFT JOIN articles a "
                                        "ON a.id = s.article WHERE a.id IS NULL",
        "event without source": "SELECT count(*) FROM events e WHERE NOT EXISTS "
                                "(SELECT 1 FROM event_sources s WHERE s.event_id = e.id)",
        "mention without article": "SELECT count(*) FROM mentions m LEFT JOIN articles a "
                                   "ON a.id = m.article WHERE a.id IS NULL",
        "duplicate text": "SELECT count(*) FROM (SELECT text_hash FROM articles GROUP BY text_hash "
                          "HAVING count(*) > 1) d",
    }
    with engine.connect() as conn:
        problems = [name for name, sql in checks.items() if conn.execute(text(sql)).scalar_one()]
    engine.dispose()
    return problems


def ingest_cmd(folder: Path, url: str) -> list[str]:
    return [sys.executable, "-m", "touchline", "ingest", str(folder), "--db", url]


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun_completes(db_url: str, tmp_path: Path) -> None:
    total = 120
    corpus = tmp_path / "corpus"
    make_corpus(corpus, total)
    env = {**os.environ, "TOUCHLINE_BATCH_SIZE": "4"}
    proc = subprocess.Popen(ingest_cmd(corpus, db_url), env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while count_articles(db_url) < 8 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed; make the corpus larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    landed = count_articles(db_url)
    assert 0 < landed < total
    assert consistency_problems(db_url) == []

    done = subprocess.run(ingest_cmd(corpus, db_url), env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert f"{landed} already present" in done.stdout
    store = open_store(db_url)
    try:
        stats = store.stats()
        assert stats.articles == total
        assert len({a.text_hash for a in store.articles()}) == total
    finally:
        store.close()
    assert consistency_problems(db_url) == []
