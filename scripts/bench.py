"""`make bench`: touchline's ingest throughput against spaCy's own pretrained pipeline, in one run.

Corpus: the BBC Sport football texts under ``<shared>/data/bbcsport/football/``
(read at run time, never copied into the project).  Each is written to a
temporary folder as a plain-text input with a fixed ``date`` line, so ingest
reads them exactly as it reads a user's files.

Throughput, both in this one process (no worker processes for either):

* baseline:  ``spacy.load(PRETRAINED)`` -- the full pretrained pipeline, every
  component -- and ``nlp.pipe(texts)`` over the article texts;
* touchline: ``KnowledgeBase(<fresh sqlite db>).ingest([folder])`` -- read,
  dedup, the pretrained pipeline (minus its lemmatizer) plus touchline's
  components, resolve, and store.

Model loading is excluded from both: each pipeline is loaded and warmed up on
a few articles (touchline into a throw-away database) before the clock runs.
To keep other load on the machine from favouring either side, the corpus is
cut into chunks (``--chunk`` articles) and each chunk is timed on both sides
back to back, alternating which goes first; touchline ingests the chunk
folders one after another into the same database (as a user adding folders
would).  A pass sums the chunk times; passes are repeated (``--repeat``) and
the median pass is reported.  The ratio time(touchline) / time(baseline)
must stay at or below 1.3.

Memory: ingest runs in a fresh subprocess per corpus size (N and 4N articles,
N the corpus used above) and reports its RSS after loading the pipeline and
its peak RSS (VmHWM); the ratio of the two peaks should be about 1 (flat).
Sizes beyond the corpus are made of new articles whose paragraphs are drawn
from different BBC articles, so near-duplicate detection does not fold them
together.

Knowledge-base scale (``scripts/bench_kb.py``, run last unless ``--only
throughput``): p50/p95 of timeline, facts, matches, search (and quotes,
entities) on a synthetic knowledge base of 100,000 articles on SQLite and
PostgreSQL, and the time and peak memory of a small ingest into it.
``--only kb`` runs that part alone (it needs no ../shared).
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BUDGET = 1.3
DATE = "2005-03-01"


@dataclass
class Run:
    seconds: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def best(self) -> float:
        return min(self.seconds)


def load_texts(shared: Path, limit: int | None) -> list[str]:
    folder = shared / "data" / "bbcsport" / "football"
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no BBC football texts under {folder}")
    texts = []
    for path in paths[:limit] if limit else paths:
        texts.append(path.read_bytes().decode("utf-8", errors="replace").strip())
    return texts


def mixed_texts(texts: list[str], count: int, seed: int = 7) -> list[str]:
    """``count`` articles: the corpus first, then new articles built from paragraphs of different ones.

    Each new article is as long as the corpus article it stands in for (peak
    memory follows the length of a batch's articles, so longer stand-ins would
    read as growth), and no two share a run of text, so none is a near-copy.
    """
    out = list(texts[:count])
    paragraphs = [[p for p in t.split("\n\n") if p.strip()] for t in texts]
    rng = random.Random(seed)
    while len(out) < count:
        target = len(texts[len(out) % len(texts)])
        parts: list[str] = []
        size = 0
        for i in rng.sample(range(len(texts)), k=len(texts)):
            if not paragraphs[i]:
                continue
            para = rng.choice(paragraphs[i])
            if parts and abs(size + len(para) - target) > abs(size - target):
                break  # the nearest length to the article it stands in for
            parts.append(para)
            size += len(para) + 2
        out.append("\n\n".join(parts))
    return out


def stage(texts: list[str], folder: Path) -> Path:
    """Write texts as plain-text ingest inputs with a fixed date line."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"{i:05d}.txt").write_text(f"date {DATE}\n{text}\n", encoding="utf-8")
    return folder


def time_baseline(nlp: Any, texts: list[str]) -> float:
    gc.collect()
    start = time.perf_counter()
    for _doc in nlp.pipe(texts):
        pass
    return time.perf_counter() - start


def time_touchline(kb: Any, folder: Path, expected: int) -> float:
    gc.collect()
    start = time.perf_counter()
    report = kb.ingest([folder])
    elapsed = time.perf_counter() - start
    if report.read != expected:
        raise SystemExit(f"touchline read {report.read} articles from {folder}, expected {expected}")
    return elapsed


def timed_pass(baseline_nlp: Any, chunks: list[tuple[list[str], Path]], db: Path,
               first: int) -> tuple[float, float]:
    """One pass over the corpus: (baseline seconds, touchline seconds), chunk by chunk."""
    from touchline import KnowledgeBase

    start = time.perf_counter()
    kb = KnowledgeBase(db)  # opening (and creating) the database counts for touchline
    ours = time.perf_counter() - start
    base = 0.0
    try:
        for k, (texts, folder) in enumerate(chunks):
            if (k + first) % 2 == 0:
                base += time_baseline(baseline_nlp, texts)
                ours += time_touchline(kb, folder, len(texts))
            else:
                ours += time_touchline(kb, folder, len(texts))
                base += time_baseline(baseline_nlp, texts)
    finally:
        start = time.perf_counter()
        kb.close()
        ours += time.perf_counter() - start
    return base, ours


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def memory_child(folder: Path, db: Path) -> None:
    """Subprocess body: load, ingest, print peak RSS as JSON."""
    from touchline import KnowledgeBase

    with KnowledgeBase(db) as kb:
        # Load the pipeline and let its components build their lazy tables,
        # so "after load" is what a process holds before any article is read.
        kb.nlp("Arsenal beat Chelsea 2-1 on Saturday, manager Arsene Wenger said.")
        loaded = _status_kb("VmRSS")
        report = kb.ingest([folder])
    print(json.dumps({"read": report.read, "added": report.added, "duplicates": report.duplicates,
                      "loaded_kb": loaded, "peak_kb": _status_kb("VmHWM")}))


def measure_memory(texts: list[str], sizes: list[int], tmp: Path) -> list[dict[str, Any]]:
    rows = []
    for size in sizes:
        folder = stage(mixed_texts(texts, size), tmp / f"mem{size}")
        db = tmp / f"mem{size}.db"
        done = subprocess.run([sys.executable, __file__, "--memory-child", str(folder), str(db)],
                              check=True, capture_output=True, text=True)
        row = json.loads(done.stdout.strip().splitlines()[-1])
        row["articles"] = size
        rows.append(row)
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared", type=Path)
    ap.add_argument("--limit", type=int, help="use only the first N articles")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of each, interleaved (default 3)")
    ap.add_argument("--chunk", type=int, default=32,
                    help="articles per interleaved chunk (0: the whole corpus at once; default 32)")
    ap.add_argument("--warmup", type=int, default=8, help="articles each pipeline sees before timing")
    ap.add_argument("--memory", default="auto",
                    help="corpus sizes for the peak-RSS runs, comma-separated; 'auto' (N and 4N) or 'off'")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--only", choices=("all", "throughput", "kb"), default="all",
                    help="throughput (BBC corpus), kb (100k synthetic knowledge base) or all (default)")
    ap.add_argument("--kb-articles", type=int, default=100_000, help="size of the synthetic knowledge base")
    ap.add_argument("--kb-backends", default="sqlite,postgresql")
    ap.add_argument("--memory-child", nargs=2, metavar=("FOLDER", "DB"), help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.memory_child:
        memory_child(Path(args.memory_child[0]), Path(args.memory_child[1]))
        return 0
    if args.only != "kb":
        throughput(args)
    if args.only != "throughput":
        sys.path.insert(0, str(Path(__file__).parent))
        import bench_kb

        kb_result = bench_kb.run(args.kb_articles, 7, [b for b in args.kb_backends.split(",") if b], 40, 20.0,
                                 ingest=True)
        if args.json:
            print(json.dumps(kb_result, indent=1))
        else:
            print()
            bench_kb.print_report(kb_result)
    return 0


def throughput(args: argparse.Namespace) -> None:
    """The first part: ingest throughput against spaCy, and peak memory by corpus size."""
    import spacy

    from touchline import KnowledgeBase
    from touchline.nlp.pipeline import PRETRAINED, PRETRAINED_EXCLUDE, shared_pipeline

    texts = load_texts(args.shared, args.limit)
    n = len(texts)
    with tempfile.TemporaryDirectory(prefix="touchline-bench-") as tmpname:
        tmp = Path(tmpname)
        size = args.chunk if args.chunk > 0 else n
        chunks = [(texts[i:i + size], stage(texts[i:i + size], tmp / "articles" / f"chunk{i // size:03d}"))
                  for i in range(0, n, size)]
        warm = stage(texts[:args.warmup], tmp / "warmup")

        baseline_nlp = spacy.load(PRETRAINED)
        for _doc in baseline_nlp.pipe(texts[:args.warmup]):
            pass
        with KnowledgeBase(tmp / "warmup.db") as kb:
            time_touchline(kb, warm, min(n, args.warmup))
        touchline_pipes = shared_pipeline(PRETRAINED).pipe_names

        base, ours = Run([]), Run([])
        for i in range(args.repeat):
            b, t = timed_pass(baseline_nlp, chunks, tmp / f"run{i}.db", first=i)
            base.seconds.append(b)
            ours.seconds.append(t)

        memory: list[dict[str, Any]] = []
        if args.memory != "off":
            auto = args.memory == "auto"
            sizes = [n, 4 * n] if auto else [int(s) for s in args.memory.split(",")]
            memory = measure_memory(texts, sizes, tmp)

    ratio = ours.median / base.median
    result: dict[str, Any] = {
        "articles": n,
        "repeat": args.repeat,
        "processes": 1,
        "baseline": {"pipeline": PRETRAINED, "components": list(baseline_nlp.pipe_names),
                     "seconds": base.seconds, "articles_per_s": n / base.median},
        "touchline": {"components": list(touchline_pipes), "excluded": list(PRETRAINED_EXCLUDE),
                      "seconds": ours.seconds, "articles_per_s": n / ours.median},
        "ratio": ratio,
        "ratio_best": ours.best / base.best,
        "ratio_per_pass": [t / b for b, t in zip(base.seconds, ours.seconds, strict=True)],
        "chunk": args.chunk,
        "budget": BUDGET,
        "ok": ratio <= BUDGET,
        "memory": memory,
    }
    if memory:
        result["memory_ratio"] = memory[-1]["peak_kb"] / memory[0]["peak_kb"]
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print_table(result)


def print_table(r: dict[str, Any]) -> None:
    b, t = r["baseline"], r["touchline"]
    chunking = f"chunks of {r['chunk']}" if r["chunk"] > 0 else "whole corpus"
    print(f"{r['articles']} BBC football articles, 1 process, {r['repeat']} passes interleaved in {chunking} "
          "(median pass; model loading and warm-up excluded)")
    print(f"{'':<34}{'articles/s':>11}{'median s':>10}{'best s':>9}")
    print(f"{'spaCy nlp.pipe (' + b['pipeline'] + ')':<34}{b['articles_per_s']:>11.1f}"
          f"{statistics.median(b['seconds']):>10.2f}{min(b['seconds']):>9.2f}")
    print(f"{'touchline ingest (sqlite)':<34}{t['articles_per_s']:>11.1f}"
          f"{statistics.median(t['seconds']):>10.2f}{min(t['seconds']):>9.2f}")
    verdict = "ok" if r["ok"] else "OVER BUDGET"
    per_pass = ", ".join(f"{x:.2f}" for x in r["ratio_per_pass"])
    print(f"ratio time(touchline)/time(spaCy): {r['ratio']:.2f} (medians; best {r['ratio_best']:.2f}; "
          f"per pass {per_pass}) -- budget <= {r['budget']}: {verdict}")
    if r["memory"]:
        print("peak RSS of ingest, one fresh process per corpus size:")
        print(f"{'articles':>10}{'after load MB':>15}{'peak MB':>10}{'growth MB':>11}")
        for row in r["memory"]:
            print(f"{row['articles']:>10}{row['loaded_kb'] / 1024:>15.0f}{row['peak_kb'] / 1024:>10.0f}"
                  f"{(row['peak_kb'] - row['loaded_kb']) / 1024:>11.0f}")
        print(f"peak RSS ratio {r['memory'][-1]['articles']}/{r['memory'][0]['articles']} articles: "
              f"{r['memory_ratio']:.2f}")


if __name__ == "__main__":
    sys.exit(main())
