"""Timelines of a sample of entities as one JSON document, to compare two versions of the
query code: run it before and after a change on the same knowledge base and diff the files.

For a few entities of each kind (clubs, players, coaches, competitions, venues; drawn with a
seed), each as the API returns it: the whole timeline (``as_dict()``), its first 100 events, a
season of matches only, and the model events (``.events``, as the web views read them).  Each
entity is asked for by its name and by its id.

    .venv/bin/python scripts/dump_timelines.py --db .bench/kb-20000-s7.sqlite.db --out before.json
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date
from typing import Any

from touchline import KnowledgeBase
from touchline.query.lookup import NameLookupError


def _sample(kb: KnowledgeBase, seed: int, per_kind: int) -> list[Any]:
    rng = random.Random(seed)
    picked: list[Any] = []
    for kind in ("club", "player", "coach", "national_team", "person", "competition", "venue"):
        rows = [r.entity for r in kb.entities(kind=kind, limit=5000)]
        picked += rng.sample(rows, min(per_kind, len(rows)))
    return picked


def _calls(kb: KnowledgeBase, key: str) -> dict[str, Any]:
    whole = kb.timeline(key)
    out: dict[str, Any] = {"whole": whole.as_dict(), "events": [repr(e) for e in whole.events],
                           "count": len(whole), "limit100": kb.timeline(key, limit=100).as_dict()}
    dated = [e["date"] for e in out["whole"]["events"] if e["date"]]
    if dated:
        year = int(dated[len(dated) // 2][:4])
        out["season_matches"] = kb.timeline(key, ["match"], since=date(year, 8, 1),
                                            until=date(year + 1, 5, 31)).as_dict()
    return out


def dump(db: str, seed: int, per_kind: int) -> dict[str, Any]:
    result: dict[str, Any] = {}
    with KnowledgeBase(db) as kb:
        for entity in _sample(kb, seed, per_kind):
            try:
                result[f"{entity.id} by name"] = _calls(kb, entity.name)
            except NameLookupError as exc:
                result[f"{entity.id} by name"] = {"error": str(exc)}
            result[entity.id] = _calls(kb, entity.id)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="a knowledge base (SQLite path or database URL)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--per-kind", type=int, default=10, help="entities of each kind (default 10)")
    args = ap.parse_args(argv)
    result = dump(args.db, args.seed, args.per_kind)
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump(result, out, indent=1, ensure_ascii=False, sort_keys=False)
    print(f"{len(result)} entries written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
