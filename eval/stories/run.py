"""Stories measured: pairwise precision and recall on a labelled set of invented articles.

``python eval/stories/run.py`` ingests ``eval/stories/articles`` (17 articles we
wrote: reports, a syndicated copy and a reaction of one match, the same clubs a
year later, a sacking and the reaction to it, the successor's appointment, a
transfer from rumour to signing, an injury and a return months later, a
preview and its match, a round-up) into a fresh knowledge base, one at a time
in a shuffled order and all together, and compares the stories it gives with
``labels.json``: a pair of articles is a true positive when both put them in
one story, a false positive when only touchline does, a false negative when
only the labels do.  ``--db URL`` uses another database (PostgreSQL), ``--json``
prints the figures as JSON.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import tempfile
from pathlib import Path

from touchline import KnowledgeBase

HERE = Path(__file__).resolve().parent


def pairs(groups: dict[str, str]) -> set[frozenset[str]]:
    return {frozenset((a, b)) for a, b in itertools.combinations(sorted(groups), 2) if groups[a] == groups[b]}


def score(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, float | int]:
    said, truth = pairs(predicted), pairs(gold)
    tp = len(said & truth)
    precision = tp / len(said) if said else 1.0
    recall = tp / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pairs_gold": len(truth), "pairs_said": len(said), "true_positives": tp,
            "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def stories(kb: KnowledgeBase) -> dict[str, str]:
    return {Path(a.source or a.id).name: a.story or a.id for a in kb.store.articles()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    ap.add_argument("--seed", type=int, default=7, help="order of the one-at-a-time run")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    gold = json.loads((HERE / "labels.json").read_text(encoding="utf-8"))["stories"]
    files = sorted((HERE / "articles").glob("*.txt"))
    out: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        with KnowledgeBase(args.db or Path(tmp) / "batch.db") as kb:
            kb.ingest(files)
            together = stories(kb)
        order = list(files)
        random.Random(args.seed).shuffle(order)
        with KnowledgeBase(Path(tmp) / "one-by-one.db") as kb:
            for path in order:
                kb.ingest([path])
            one_by_one = stories(kb)
    out["batch"] = score(together, gold)
    out["one_at_a_time"] = score(one_by_one, gold)
    out["same_partition"] = pairs(together) == pairs(one_by_one)
    missed = sorted(tuple(sorted(p)) for p in pairs(gold) - pairs(together))
    wrong = sorted(tuple(sorted(p)) for p in pairs(together) - pairs(gold))
    out["missed_pairs"], out["wrong_pairs"] = missed, wrong
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    for run in ("batch", "one_at_a_time"):
        s = out[run]
        assert isinstance(s, dict)
        print(f"{run:14} pairs {s['pairs_gold']} labelled, {s['pairs_said']} said, "
              f"{s['true_positives']} right: precision {s['precision']:.3f}  recall {s['recall']:.3f}  "
              f"F1 {s['f1']:.3f}")
    print(f"one at a time gives the same stories as all together: {out['same_partition']}")
    for a, b in missed:
        print(f"  missed  {a} ~ {b}")
    for a, b in wrong:
        print(f"  wrong   {a} ~ {b}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
