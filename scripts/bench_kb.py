"""`make bench` (knowledge-base scale): query latencies and the cost of a small ingest on a
synthetic knowledge base of 100,000 articles, on SQLite and on PostgreSQL.

The knowledge base comes from ``scripts/synth_kb.py`` (seeded; written straight through the
store) and is cached between runs: SQLite in ``.bench/`` (gitignored), PostgreSQL in a
database named after the size and seed; a marker file in ``.bench/`` records what was built
and the cache is rebuilt when the generator or the size changes.

Queries, through the Python API (``KnowledgeBase``), each call ending in the JSON-ready
records the CLI prints (``.as_dict()``): ``timeline`` of a club (its whole history: about 950
events over 25 seasons) or a player, and the same with ``limit=100``; ``facts`` of a club on
a day; ``matches`` of a team against another or in a season; ``search`` of a player's name,
of two words read in an article, or of one of them in a year; plus ``quotes`` (of a coach, or
holding a word, first 50) and ``entities`` (by the start of a surname).  Arguments are
drawn with a seeded generator from the knowledge base; each query runs ``--runs`` times
(fewer when a query takes longer than its ``--budget`` seconds in all) after two warm-up
calls.  p50 and p95 in milliseconds, wall clock and this process's CPU time (for
PostgreSQL the server's own work is in the wall time only); target p95 < 50 ms.  Each call
of the first pass is the first for its arguments: the pages it reads may have to come from
disk (on the development machines the host pages out file pages untouched for a minute, so
a knowledge base built or last read earlier is read from disk again); the same calls are then
timed again ("again": their pages in memory, as a server answering about the same clubs
keeps them).

Ingest: a fresh process ingests five short articles (``touchline ingest`` through the API,
pretrained pipeline loaded and warmed first) into a copy of the 100k knowledge base and into
an empty one; the time of the ingest call and the process's peak RSS are reported for both.

    .venv/bin/python scripts/bench_kb.py [--articles 100000] [--backends sqlite,postgresql] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import synth_kb

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".bench"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
TARGET_MS = 50.0

ARTICLES = {
    "northbridge-castlemoor.txt": (
        " date 2031-03-09\nNorthbridge Wanderers beat Castlemoor Athletic 3-1 at Northbridge Park "
        "on Saturday.\n\n"
        "Marta Quill scored twice before the break and Olaf Brenner added a third late on.\n\n"
        "\u201cWe pressed them high and it worked,\u201d said Northbridge coach Ines Korver."),
    "harbour-injury.txt": (
        " date 2031-03-10\nHarbour City will be without striker Teo Garside for six weeks with a hamstring "
        "injury, the club confirmed on Monday.\n\n\u201cIt is a blow for all of us,\u201d said manager "
        "Anton Maddox."),
    "eastvale-signing.txt": (
        " date 2031-03-11\nEastvale United have completed the signing of midfielder Caio Pryce from "
        "Greywater Rovers for an undisclosed fee.\n\nThe 24-year-old has signed a three-year contract."),
    "kestrel-draw.txt": (
        " date 2031-03-12\nKestrel Town and Millbrook County drew 1-1 at the Eyrie on Tuesday night. "
        "Milo Thorne equalised for Millbrook ten minutes from time.\n\n\u201cA fair result,\u201d said "
        "Kestrel manager Soren Abbot."),
    "ashby-appointment.txt": (
        " date 2031-03-13\nAshby Albion have appointed Rosa Lindqvist as head coach on an 18-month deal "
        "after the departure of Gordon Pell.\n\nShe takes charge for the first time on Saturday."),
}


# --- the cached knowledge bases -------------------------------------------------------------


def _marker(name: str) -> Path:
    return CACHE / f"{name}.json"


def _wanted(articles: int, seed: int) -> dict[str, Any]:
    return {"generator": synth_kb.GENERATOR, "articles": articles, "seed": seed}


def _fresh(name: str, articles: int, seed: int) -> bool:
    marker = _marker(name)
    if not marker.exists():
        return False
    built = json.loads(marker.read_text(encoding="utf-8"))
    return all(built.get(k) == v for k, v in _wanted(articles, seed).items())


def _build(url: str, name: str, articles: int, seed: int) -> float:
    from touchline.store import open_store

    print(f"building the {articles}-article knowledge base {name} (cached for later runs)...",
          file=sys.stderr, flush=True)
    store = open_store(url)
    try:
        took = synth_kb.build(store, seed, articles)["seconds"]
    finally:
        store.close()
    built = {**_wanted(articles, seed), "seconds": round(took)}
    _marker(name).write_text(json.dumps(built), encoding="utf-8")
    return took


def sqlite_kb(articles: int, seed: int) -> str:
    CACHE.mkdir(exist_ok=True)
    name = f"kb-{articles}-s{seed}.sqlite"
    path = CACHE / f"{name}.db"
    if not (_fresh(name, articles, seed) and path.exists()):
        for leftover in CACHE.glob(f"{name}.db*"):
            leftover.unlink()
        _build(str(path), name, articles, seed)
    return str(path)


def _pg_admin():  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)


def pg_kb(articles: int, seed: int) -> str:
    CACHE.mkdir(exist_ok=True)
    dbname = f"tl_bench_{articles}_s{seed}"
    name = f"kb-{articles}-s{seed}.postgresql"
    base = PG_ADMIN.rsplit("/", 1)[0]
    with _pg_admin() as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,)).fetchone()
        if exists and _fresh(name, articles, seed):
            return f"{base}/{dbname}"
        conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{dbname}"')
    _build(f"{base}/{dbname}", name, articles, seed)
    # A server without autovacuum (the development machines') keeps the dead rows the build's
    # re-resolution leaves (one per article in articles and event_readings) and no visibility
    # map, so index-only scans fall back to the tables: vacuum once, as an administrator would
    # after a bulk load (entities 58 -> 32 ms wall at the median on the 100k knowledge base).
    import psycopg

    with psycopg.connect(f"{base}/{dbname}", autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return f"{base}/{dbname}"


# --- queries -------------------------------------------------------------------------------


def _phrases(kb: Any, rng: random.Random, count: int) -> list[str]:
    """Two neighbouring words from random articles, as someone searches for what they read."""
    from sqlalchemy import select

    from touchline.store import schema

    a = schema.articles
    out: list[str] = []
    with kb.store.engine.connect() as conn:
        ids = [r[0] for r in conn.execute(select(a.c.id).order_by(a.c.id).limit(2000))]
        while len(out) < count:
            body = conn.execute(select(a.c.text).where(a.c.id == rng.choice(ids))).scalar_one()
            words = [w for w in body.replace("\n", " ").split() if w.isalpha() and w.islower()
                     and w not in synth_kb.FUNCTION_WORDS]
            if len(words) > 2:
                at = rng.randrange(len(words) - 1)
                out.append(f"{words[at]} {words[at + 1]}")
    return out


def workload(kb: Any, seed: int) -> dict[str, list[Callable[[], Any]]]:
    """Query calls with arguments drawn from the knowledge base (the same for a seed)."""
    rng = random.Random(seed)
    clubs = [r.entity for r in kb.entities(kind="club")]
    players = [r.entity for r in kb.entities(kind="player", limit=3000)]
    coaches = [r.entity for r in kb.entities(kind="coach", limit=2000)]
    first, last = _span(kb)
    years = list(range(first.year, last.year + 1))
    phrases = _phrases(kb, rng, 20)

    def day() -> date:
        return first + timedelta(days=rng.randrange((last - first).days + 1))

    calls: dict[str, list[Callable[[], Any]]] = {k: [] for k in (
        "timeline", "timeline 100", "facts", "matches", "search", "quotes", "entities")}
    for n in range(20):
        club, other = rng.choice(clubs), rng.choice(clubs)
        player, coach, word = rng.choice(players), rng.choice(coaches), rng.choice(synth_kb.WORDS)
        year, on, phrase = rng.choice(years), day(), phrases[n]
        calls["timeline"] += [lambda c=club: kb.timeline(c.name).as_dict(),
                              lambda p=player: kb.timeline(p.name).as_dict()]
        calls["timeline 100"] += [lambda c=club: kb.timeline(c.name, limit=100).as_dict(),
                                  lambda p=player: kb.timeline(p.name, limit=100).as_dict()]
        calls["facts"].append(lambda c=club, d=on: kb.facts(c.name, d))
        calls["matches"] += [lambda c=club, o=other: kb.matches(c.name, o.name).as_dict(),
                             lambda c=club, y=year: kb.matches(c.name, since=date(y, 8, 1),
                                                               until=date(y + 1, 5, 31)).as_dict()]
        calls["search"] += [lambda p=player: kb.search(p.name).as_dict(),
                            lambda w=phrase: kb.search(w).as_dict(),
                            lambda w=phrase, y=year: kb.search(w.split()[0], since=date(y, 1, 1),
                                                               until=date(y, 12, 31)).as_dict()]
        calls["quotes"] += [lambda c=coach: [h.as_dict() for h in kb.quotes(speaker=c.name)],
                            lambda w=word: [h.as_dict() for h in kb.quotes(contains=w, limit=50)]]
        calls["entities"].append(lambda p=player: [r.as_dict() for r in kb.entities(p.name.split()[-1][:4])])
    return calls


def _span(kb: Any) -> tuple[date, date]:
    from sqlalchemy import func, select

    from touchline.store import schema

    with kb.store.engine.connect() as conn:
        low, high = conn.execute(select(func.min(schema.articles.c.published),
                                        func.max(schema.articles.c.published))).one()
    return low, high


def time_calls(calls: list[Callable[[], Any]], runs: int, budget: float) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of each call (CPU: this process's own time, which
    other load on the machine does not inflate)."""
    for call in calls[:2]:
        call()
    wall: list[float] = []
    cpu: list[float] = []
    spent = 0.0
    while len(wall) < runs and (spent < budget or len(wall) < 5):
        call = calls[len(wall) % len(calls)]
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        took = time.perf_counter() - start
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append(took * 1000)
        spent += took
    return wall, cpu


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def measure_queries(url: str, seed: int, runs: int, budget: float) -> dict[str, dict[str, float]]:
    from touchline import KnowledgeBase

    out: dict[str, dict[str, float]] = {}
    with KnowledgeBase(url) as kb:
        for name, calls in workload(kb, seed).items():
            load = os.getloadavg()[0]
            wall, cpu = time_calls(calls, runs, budget)
            again, again_cpu = time_calls(calls, runs, budget)
            out[name] = {"p50": statistics.median(wall), "p95": percentile(wall, 0.95),
                         "cpu_p50": statistics.median(cpu), "cpu_p95": percentile(cpu, 0.95),
                         "again_p50": statistics.median(again), "again_p95": percentile(again, 0.95),
                         "again_cpu_p95": percentile(again_cpu, 0.95),
                         "n": len(wall), "load": round((load + os.getloadavg()[0]) / 2, 1)}
    return out


# --- ingest --------------------------------------------------------------------------------


def ingest_child(folder: str, db: str) -> None:
    """Subprocess body: load the pipeline, ingest the folder, print time and peak RSS."""
    from touchline import KnowledgeBase

    with KnowledgeBase(db) as kb:
        kb.nlp("Northbridge beat Castlemoor 2-1 on Saturday, coach Marta Quill said.")
        loaded = _status_kb("VmRSS")
        start = time.perf_counter()
        report = kb.ingest([folder])
        took = time.perf_counter() - start
    print(json.dumps({"seconds": took, "added": report.added, "loaded_mb": loaded / 1024,
                      "peak_mb": _status_kb("VmHWM") / 1024}))


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _ingest(folder: Path, db: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, "--ingest-child", str(folder), db],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def measure_ingest(backend: str, url: str, tmp: Path) -> dict[str, Any]:
    folder = tmp / "small"
    folder.mkdir(exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    if backend == "sqlite":
        copy = tmp / "copy.db"
        shutil.copyfile(url, copy)
        big = _ingest(folder, str(copy))
        empty = _ingest(folder, str(tmp / "empty.db"))
        return {"kb": big, "empty": empty}
    base, dbname = url.rsplit("/", 1)
    with _pg_admin() as conn:
        for name in ("tl_bench_copy", "tl_bench_empty"):
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "tl_bench_copy" TEMPLATE "{dbname}"')
        conn.execute('CREATE DATABASE "tl_bench_empty"')
    try:
        big = _ingest(folder, f"{base}/tl_bench_copy")
        return {"kb": big, "empty": _ingest(folder, f"{base}/tl_bench_empty")}
    finally:
        with _pg_admin() as conn:
            for name in ("tl_bench_copy", "tl_bench_empty"):
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- report --------------------------------------------------------------------------------


def run(articles: int, seed: int, backends: list[str], runs: int, budget: float,
        ingest: bool) -> dict[str, Any]:
    result: dict[str, Any] = {"articles": articles, "seed": seed, "target_p95_ms": TARGET_MS, "backends": {}}
    for backend in backends:
        if backend == "postgresql":
            try:
                with _pg_admin():
                    pass
            except Exception as exc:
                result["backends"][backend] = {"skipped": f"no PostgreSQL at {PG_ADMIN}: {exc}"}
                continue
        url = sqlite_kb(articles, seed) if backend == "sqlite" else pg_kb(articles, seed)
        entry: dict[str, Any] = {"queries": measure_queries(url, seed, runs, budget)}
        if ingest:
            with tempfile.TemporaryDirectory(prefix="touchline-bench-kb-") as tmp:
                entry["ingest"] = measure_ingest(backend, url, Path(tmp))
        result["backends"][backend] = entry
    return result


def print_report(r: dict[str, Any]) -> None:
    print(f"knowledge base of {r['articles']:,} synthetic articles (scripts/synth_kb.py, seed {r['seed']}); "
          f"ms per API call to JSON-ready records; target p95 < {r['target_p95_ms']:.0f} ms")
    print(f"{os.cpu_count()} cores; wall = elapsed time, cpu = this process's CPU time (what other load "
          "on the machine does not inflate); load = 1-minute load average while measured")
    for backend, entry in r["backends"].items():
        if "skipped" in entry:
            print(f"{backend}: skipped ({entry['skipped']})")
            continue
        print(f"{backend}:")
        head = (f"{'wall p50':>10}{'wall p95':>10}{'cpu p50':>10}{'cpu p95':>10}{'again p50':>11}"
                f"{'again p95':>11}{'runs':>6}{'load':>6}")
        print(f"  {'query':<13}{head}")
        for name, q in entry["queries"].items():
            over = [label for label, key in (("first", "p95"), ("again", "again_p95"))
                    if q.get(key, 0.0) >= r["target_p95_ms"]]
            flag = f"  over target ({', '.join(over)})" if over else ""
            print(f"  {name:<13}{q['p50']:>10.1f}{q['p95']:>10.1f}{q['cpu_p50']:>10.1f}{q['cpu_p95']:>10.1f}"
                  f"{q.get('again_p50', 0.0):>11.1f}{q.get('again_p95', 0.0):>11.1f}"
                  f"{q['n']:>6}{q['load']:>6.1f}{flag}")
        if "ingest" in entry:
            sized = f"into the {r['articles']:,}-article KB"
            for label, key in ((sized, "kb"), ("into an empty KB", "empty")):
                i = entry["ingest"][key]
                print(f"  ingest of {len(ARTICLES)} articles {label}: {i['seconds']:.2f} s, peak RSS "
                      f"{i['peak_mb']:.0f} MB (after loading the pipeline {i['loaded_mb']:.0f} MB)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--runs", type=int, default=40, help="calls per query (default 40)")
    ap.add_argument("--budget", type=float, default=20.0, help="seconds per query before stopping early")
    ap.add_argument("--no-ingest", action="store_true", help="skip the ingest measurement")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--ingest-child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.ingest_child:
        ingest_child(*args.ingest_child)
        return 0
    result = run(args.articles, args.seed, [b for b in args.backends.split(",") if b], args.runs,
                 args.budget, not args.no_ingest)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print_report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
