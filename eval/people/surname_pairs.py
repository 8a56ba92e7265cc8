"""The evidence behind the surname threshold: pairs of names that could be one person, by similarity.

``python eval/people/surname_pairs.py --db KB`` lists every pair of person names
(the knowledge base's people plus the gazetteer's players and coaches) whose given
names are compatible (``touchline.nlp.names.given_compatible``) and whose folded
surnames differ, with the Jaro-Winkler similarity of the surnames, highest first
(``--min`` sets the lowest shown, 0.85 by default).  Judging which pairs are one
person set ``touchline.nlp.names.SURNAME_SIMILARITY``; the README's table "How
names resolve" comes from this list on the BBC Sport knowledge base
(``eval/people/duplicate_names.py --keep`` style: build it with ``touchline
ingest``).
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import defaultdict

from touchline.nlp import gazetteer_data, names
from touchline.store import open_store


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="a knowledge base (SQLite path or postgresql:// URL)")
    ap.add_argument("--min", type=float, default=0.85)
    args = ap.parse_args()
    store = open_store(args.db)
    try:
        found = {e.name for e in store.entities() if e.kind in ("player", "coach", "person")}
    finally:
        store.close()
    found |= {e["name"] for e in gazetteer_data.load_default().entries.values()
              if e["kind"] in ("player", "coach")}
    by_initial: dict[str, list[tuple[str, names.PersonName]]] = defaultdict(list)
    for name in found:
        parsed = names.parse(name)
        if parsed.full:
            by_initial[parsed.given[0][:1]].append((name, parsed))
    rows = []
    for group in by_initial.values():
        for (n1, p1), (n2, p2) in itertools.combinations(sorted(group), 2):
            if p1.surname == p2.surname or not names.given_compatible(p1.given[0], p2.given[0]):
                continue
            similarity = names.surname_similarity(p1.surname, p2.surname)
            if similarity >= args.min:
                rows.append((similarity, n1, n2))
    print(f"{sum(len(g) for g in by_initial.values())} full names; {len(rows)} pairs at or above {args.min}")
    for similarity, a, b in sorted(rows, reverse=True):
        print(f"{similarity:.3f}  {a} / {b}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
