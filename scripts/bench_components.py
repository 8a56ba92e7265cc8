"""Wall time of each pipeline component over BBC Sport football texts (read from ../shared at
run time), one article at a time through ``nlp.pipe`` in batches of 16, second pass timed.

    .venv/bin/python scripts/bench_components.py --shared ../shared --limit 100

``--ingest`` times instead an ingest as ``make bench`` runs it (every text, chunks of 32 into one
fresh SQLite knowledge base) and splits it into the pipeline (``nlp.pipe``), tokenising
(``make_doc``) and the rest (reading, near-duplicates, resolving, the store), and the rest into
some of its steps, each timed by wrapping the function that does it.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from touchline.nlp.pipeline import shared_pipeline


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared", type=Path)
    ap.add_argument("--limit", type=int, default=100)
    ap.add_argument("--ingest", action="store_true", help="split a bench-like ingest instead (all texts)")
    args = ap.parse_args()
    if args.ingest:
        return ingest_split(args.shared)
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


def ingest_split(shared: Path) -> int:
    sys.path.insert(0, str(Path(__file__).parent))
    import bench

    from touchline import KnowledgeBase

    texts = bench.load_texts(shared, None)
    steps: Counter[str] = Counter()
    unwrap = _wrap_steps(steps)
    with tempfile.TemporaryDirectory(prefix="touchline-split-") as tmpname:
        tmp = Path(tmpname)
        chunks = [bench.stage(texts[i:i + 32], tmp / f"chunk{i // 32:03d}") for i in range(0, len(texts), 32)]
        with KnowledgeBase(tmp / "warmup.db") as kb:
            bench.time_touchline(kb, bench.stage(texts[:8], tmp / "warmup"), min(8, len(texts)))
        spent: Counter[str] = Counter()
        steps.clear()
        kb = KnowledgeBase(tmp / "run.db")
        nlp = kb.nlp

        # on the instance: analyse_articles calls these on the shared pipeline; the components
        # run as the caller reads the docs, so pipe's are read inside the timing
        nlp.pipe = _timed(spent, "pipe", nlp.pipe, drain=True)  # type: ignore[method-assign]
        nlp.make_doc = _timed(spent, "make_doc", nlp.make_doc)  # type: ignore[method-assign]
        full_passes = FullCollections()
        gc.callbacks.append(full_passes)
        began = time.perf_counter()
        try:
            for folder in chunks:
                kb.ingest([folder])
        finally:
            kb.close()
            del nlp.pipe, nlp.make_doc
            unwrap()
        total = time.perf_counter() - began
        gc.callbacks.remove(full_passes)
    n = len(texts)
    rest = total - spent["pipe"] - spent["make_doc"]
    print(f"ingest of {n} BBC football articles in chunks of 32: {1000 * total / n:.1f} ms/article")
    for name, seconds in (("nlp.pipe", spent["pipe"]), ("make_doc", spent["make_doc"]), ("the rest", rest)):
        print(f"  {name:22s} {seconds:6.2f} s  {1000 * seconds / n:6.1f} ms/article")
    print("of the rest:")
    for _, _, name in STEPS:
        print(f"  {name:26s} {steps[name]:6.2f} s  {1000 * steps[name] / n:6.1f} ms/article")
    # A full pass walks every object the pipeline holds (a few hundred ms): it lands in whatever
    # step allocates at that moment, and moves the split between runs and versions.
    print(f"full garbage collections: {full_passes.count}, {full_passes.seconds:.2f} s "
          "(counted in whichever step they fell in)")
    return 0


class FullCollections:
    """A gc callback counting the collections of the oldest generation and their time."""

    def __init__(self) -> None:
        self.count, self.seconds, self._began = 0, 0.0, 0.0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.count += 1
            self.seconds += time.perf_counter() - self._began


def _timed(spent: Counter[str], label: str, call: Callable[..., Any],
           drain: bool = False) -> Callable[..., Any]:
    """``call``, its time added to ``spent[label]``; ``drain``: its result read to the end first."""
    def run(*a: Any, **k: Any) -> Any:
        start = time.perf_counter()
        try:
            out = call(*a, **k)
            return list(out) if drain else out
        finally:
            spent[label] += time.perf_counter() - start
    return run


# Steps of the rest of an ingest: (module, function, label); nested steps are indented.
STEPS = (("touchline.runner", "signature", "MinHash signature"),
         ("touchline.runner", "resolve_analysis", "resolving an article"),
         ("touchline.store.sql", "SqlStore.write", "store write"),
         ("touchline.store.identity", "upsert_entities", "  entities"),
         ("touchline.store.derived", "regroup", "  events across articles"),
         ("touchline.store.derived", "refresh_states", "  states"),
         ("touchline.store.derived", "restory", "  stories"),
         ("touchline.store.sql", "indexing.index_texts", "  full-text index"))


def _wrap_steps(spent: Counter[str]) -> Callable[[], None]:
    """Time the STEPS into ``spent``; returns what puts the functions back."""
    import importlib

    undo = []
    for module_name, path, label in STEPS:
        owner: Any = importlib.import_module(module_name)
        *parents, name = path.split(".")
        for parent in parents:
            owner = getattr(owner, parent)
        original = getattr(owner, name)
        setattr(owner, name, _timed(spent, label, original))
        undo.append((owner, name, original))

    def unwrap() -> None:
        for owner, name, original in reversed(undo):
            setattr(owner, name, original)
    return unwrap


if __name__ == "__main__":
    raise SystemExit(main())
