"""Wall time of each pipeline component over BBC Sport football texts (read from ../shared at
run time), one article at a time through ``nlp.pipe`` in batches of 16, second pass timed.

    .venv/bin/python scripts/bench_components.py --shared ../shared --limit 100
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path
from typing import Any

from touchline.nlp.pipeline import shared_pipeline


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared", type=Path)
    ap.add_argument("--limit", type=int, default=100)
    args = ap.parse_args()
    files = sorted((args.shared / "data" / "bbcsport" / "football").glob("*.txt"))[:args.limit]
    texts = [f.read_text(encoding="latin-1") for f in files]
    nlp = shared_pipeline()
    spent: Counter[str] = Counter()
    total = 0.0
    for _ in range(2):  # the first pass warms up; the second is reported
        spent.clear()
        began = time.perf_counter()
        for i in range(0, len(texts), 16):
            docs: list[Any] = []
            for text in texts[i:i + 16]:
                doc = nlp.make_doc(text)
                doc._.dct = "2005-03-01"
                docs.append(doc)
            for name, proc in nlp.pipeline:
                start = time.perf_counter()
                piped = proc.pipe(docs, batch_size=16) if hasattr(proc, "pipe") else map(proc, docs)
                docs = list(piped)
                spent[name] += time.perf_counter() - start
        total = time.perf_counter() - began
    print(f"{len(texts)} BBC football articles: {total:.2f} s in all")
    for name, seconds in spent.most_common():
        print(f"  {name:22s} {seconds:6.2f} s  {1000 * seconds / len(texts):6.1f} ms/article")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
