"""List touchline's timex errors on the TBAQ training data (the only set rules are tuned on).

Usage: ``.venv/bin/python eval/time/tbaq_errors.py [--kind miss,spurious,value,type] [--limit N]``
``[--pipeline]``
(``--pipeline`` tags with the spaCy pipeline, whose parse decides tense, as ``run.py``'s first row does).

Prints the score, then one line per error with its category, the gold and system
text and values and a little context, grouped by kind.  Reads the corpus at run
time from ``/work/shared`` (see ``corpora.py``); writes nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "src"))

import corpora  # noqa: E402
import run  # noqa: E402
import te3_score  # noqa: E402


def _ctx(text: str, s: int, e: int, width: int = 50) -> str:
    left = text[max(0, s - width) : s].replace("\n", " ")
    right = text[e : e + width].replace("\n", " ")
    return f"{left}[{text[s:e]}]{right}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kind", default="miss,spurious,value,type")
    parser.add_argument("--limit", type=int, default=10_000)
    parser.add_argument("--context", action="store_true", help="show the sentence around each error")
    parser.add_argument("--pipeline", action="store_true", help="tag with spaCy + tl_time, not rules only")
    args = parser.parse_args(argv)
    tagger = run.ours_pipeline() if args.pipeline else run.ours_rules
    kinds = set(args.kind.split(","))
    pairs = []
    errors: list[tuple[str, str, str]] = []
    for doc in corpora.tbaq():
        found = tagger(doc)
        pairs.append((doc.gold, found))
        where = f"{doc.id} dct={doc.dct}"
        for g in doc.gold:
            over = [s for s in found if g.start < s.end and s.start < g.end]
            ctx = _ctx(doc.text, g.start, g.end) if args.context else ""
            if not over:
                errors.append(("miss", f"{g.text!r} {g.type} {g.value}", f"{where} {ctx}"))
                continue
            best = max(over, key=lambda s: min(s.end, g.end) - max(s.start, g.start))
            if best.value != g.value:
                what = f"{g.text!r} {g.value} <- {best.text!r} {best.value}"
                errors.append(("value", what, f"{where} {ctx}"))
            if best.type != g.type:
                errors.append(("type", f"{g.text!r} {g.type} <- {best.type}", where))
        for s in found:
            if not any(g.start < s.end and s.start < g.end for g in doc.gold):
                ctx = _ctx(doc.text, s.start, s.end) if args.context else ""
                errors.append(("spurious", f"{s.text!r} {s.type} {s.value}", f"{where} {ctx}"))
    r = te3_score.score(pairs)
    keys = ("relaxed_p", "relaxed_r", "relaxed_f1", "value_f1", "type_f1")
    print(" ".join(f"{k}={r[k]:.1f}" for k in keys))
    print(Counter(kind for kind, _, _ in errors))
    shown = 0
    for kind, what, where in sorted(errors):
        if kind in kinds and shown < args.limit:
            print(f"{kind:8s} {what}    {where}")
            shown += 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
