"""`make bench` (second part): peak memory of ingest on the worst single inputs, at the default limits.

Each input is built here (nothing is read from ../shared) and ingested by a
fresh process into a fresh SQLite database with the full pretrained pipeline;
the process reports its RSS after loading the pipeline and its peak RSS
(VmHWM).  The inputs are the ones issue 13 measured (400 KB of scorelines at
4.9 GB, a 540 KB sentence without punctuation at 1.8 GB, a 1.2 MB single
line, a 25 MB JSON Lines file) and the largest inputs the limits let through
to the pipeline: prose, an unpunctuated run, quote-heavy text and scorelines
just under the character or token limit, and a batch of twenty such articles.
The script exits 1 if any peak is at or over ``--bound`` MB.

    .venv/bin/python scripts/bench_worst.py [--bound 1024] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DATE = "2025-03-09"
CHARS = 100_000  # the default TOUCHLINE_MAX_ARTICLE_CHARS
WORDS = ["the", "rovers", "beat", "castelmar", "at", "home", "and", "then", "Brandt", "scored", "twice",
         "on", "saturday", "after", "a", "long", "ball", "from", "Varga", "into", "the", "box"]


def scorelines(size: int) -> str:
    rnd = random.Random(1)
    out, n = [], 0
    while n < size:
        s = f"{rnd.randint(0, 9)}-{rnd.randint(0, 9)}"
        out.append(s)
        n += len(s) + 1
    return " ".join(out)[:size]


def run_on(size: int) -> str:
    rnd = random.Random(2)
    out, n = [], 0
    while n < size:
        w = rnd.choice(WORDS)
        out.append(w)
        n += len(w) + 1
    return " ".join(out)[:size]


def prose(size: int, seed: int = 3) -> str:
    """Match-report paragraphs; each seed gives different words throughout (no near-copies)."""
    rnd = random.Random(seed)
    clubs = ["Northbridge Rovers", "Castelmar", "Dunmore Athletic", "Port Ellery", "Westfold United",
             "Harcourt Town", "Kingsmere", "Ashby Vale", "Oldcastle", "Redwater City"]
    first = ["Elio", "Kai", "Tomas", "Jonah", "Ivo", "Sami", "Lewis", "Arto", "Nico", "Ruben"]
    last = ["Brandt", "Meyer", "Varga", "Pell", "Marek", "Ortega", "Dane", "Keller", "Faure", "Castell"]
    verbs = ["beat", "edged past", "thrashed", "overcame", "saw off", "outplayed"]
    paragraphs, n = [], 0
    while n < size:
        a, b = rnd.sample(clubs, 2)
        who = f"{rnd.choice(first)} {rnd.choice(last)}"
        p = (f"{a} {rnd.choice(verbs)} {b} {rnd.randint(1, 5)}-{rnd.randint(0, 1)} on "
             f"{rnd.choice(['Saturday', 'Sunday', 'Tuesday'])} before {rnd.randint(1000, 60000)} fans. "
             f"{who} scored {rnd.choice(['twice', 'once', 'a hat-trick'])}, and the manager said: \"We were "
             f"{rnd.choice(['patient', 'brave', 'sharp', 'lucky'])} and it paid off in the "
             f"{rnd.randint(50, 90)}th minute.\" {b} sit {rnd.randint(2, 20)}th with {rnd.randint(10, 80)} "
             f"points after {rnd.randint(10, 38)} games.")
        paragraphs.append(p)
        n += len(p) + 2
    return "\n\n".join(paragraphs)[:size]


def quotes(size: int) -> str:
    sentence = ('Northbridge Rovers beat Castelmar 3-1 at Harrow Lane on Saturday, and Elio Brandt said '
                '"we scored twice" on 12 March 2025, ')
    return (sentence * (size // len(sentence) + 1))[:size]


def text_file(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(f" date {DATE}\n{body}\n", encoding="utf-8")
    return path


def build_cases(folder: Path) -> list[tuple[str, Path, str]]:
    """(label, input, what touchline should do with it)."""
    cases = [
        ("400 KB of scorelines (issue: 4.9 GB)", text_file(folder, "scores400k.txt", scorelines(400_000)),
         "skipped: too long"),
        ("540 KB sentence, no punctuation (issue: 1.8 GB)", text_file(folder, "run540k.txt", run_on(540_000)),
         "skipped: too long"),
        ("1.2 MB single line", text_file(folder, "line1200k.txt", run_on(1_200_000)), "skipped: too long"),
        (f"scorelines, {CHARS:,} characters", text_file(folder, "scores100k.txt", scorelines(CHARS - 10)),
         "skipped: too many tokens"),
        ("scorelines just under the token limit", text_file(folder, "scores33k.txt", scorelines(33_000)),
         "analysed"),
        (f"prose, {CHARS:,} characters", text_file(folder, "prose100k.txt", prose(CHARS - 10)), "analysed"),
        (f"one unpunctuated run, {CHARS:,} characters", text_file(folder, "run100k.txt", run_on(CHARS - 10)),
         "analysed"),
        (f"quote-heavy text, {CHARS:,} characters", text_file(folder, "quotes100k.txt", quotes(CHARS - 10)),
         "analysed"),
    ]
    batch = folder / "batch"
    batch.mkdir()
    for i in range(20):
        text_file(batch, f"{i:02d}.txt", prose(CHARS - 10, seed=100 + i))
    cases.append((f"a batch of 20 prose articles of {CHARS:,} characters", batch, "analysed"))
    jsonl = folder / "big.jsonl"
    line = run_on(CHARS)
    with jsonl.open("w", encoding="utf-8") as out:
        for i in range(250):
            out.write(json.dumps({"text": f"Report {i}. {line}"}) + "\n")
    cases.append(("25 MB JSON Lines, 250 articles over the limit", jsonl, "streamed: each line skipped"))
    return cases


def child(path: Path, db: Path) -> None:
    from touchline import KnowledgeBase

    def status(field: str) -> int:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
        return 0

    with KnowledgeBase(db) as kb:
        kb.nlp("Arsenal beat Chelsea 2-1 on Saturday, manager Arsene Wenger said.")
        loaded = status("VmRSS")
        start = time.perf_counter()
        report = kb.ingest([path])
        seconds = time.perf_counter() - start
    print(json.dumps({"loaded_kb": loaded, "peak_kb": status("VmHWM"), "seconds": seconds,
                      "added": report.added, "duplicates": report.duplicates, "skipped": len(report.skipped),
                      "reasons": sorted({s.reason.split(" (")[0] for s in report.skipped})}))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bound", type=float, default=1024.0, help="peak RSS bound in MB (default 1024)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--only", help="run only the cases whose label contains this text")
    ap.add_argument("--child", nargs=2, metavar=("INPUT", "DB"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]))
        return 0
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="touchline-worst-") as tmpname:
        tmp = Path(tmpname)
        for n, (label, path, expected) in enumerate(build_cases(tmp)):
            if args.only and args.only not in label:
                continue
            done = subprocess.run([sys.executable, __file__, "--child", str(path), str(tmp / f"{n}.db")],
                                  check=True, capture_output=True, text=True)
            row = json.loads(done.stdout.strip().splitlines()[-1])
            row.update(case=label, expected=expected)
            rows.append(row)
            if not args.json:
                print(f"{label:<52} peak {row['peak_kb'] / 1024:6.0f} MB  (after load "
                      f"{row['loaded_kb'] / 1024:4.0f})  {row['seconds']:6.1f} s  added {row['added']}, "
                      f"linked {row['duplicates']}, "
                      f"skipped {row['skipped']} {'; '.join(row['reasons'])}", flush=True)
    worst = max(r["peak_kb"] for r in rows) / 1024
    if args.json:
        print(json.dumps({"bound_mb": args.bound, "worst_mb": worst, "cases": rows}, indent=1))
    else:
        verdict = "ok" if worst < args.bound else "OVER"
        print(f"worst peak {worst:.0f} MB -- bound {args.bound:.0f} MB: {verdict}")
    return 0 if worst < args.bound else 1


if __name__ == "__main__":
    sys.exit(main())
