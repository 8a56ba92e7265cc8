"""Count names held by more than one entity id in a knowledge base built from the BBC Sport texts.

``python eval/people/duplicate_names.py --shared ../shared`` ingests
``<shared>/data/bbcsport/football`` (255 articles, 2004-05) into a fresh SQLite
knowledge base and prints how many names -- an entity's name or one of its
aliases, case, accents and punctuation aside -- are held by more than one id
(``-v`` lists them).  Before entity identity (issue 11) the figure was 88 on
these texts ("Alex Ferguson" under ``coach:alex-ferguson`` and
``person:alex-ferguson``); the goal is 0.  Shared aliases that name several
things by design ("United", "City") are not people's names: only names of two
or more words count.

``--db PATH`` counts an existing knowledge base instead.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from touchline.nlp.names import fold
from touchline.store import open_store


def duplicate_names(db: str) -> tuple[dict[str, list[str]], int]:
    """Folded names of two or more words held by more than one id, and how many names there are."""
    store = open_store(db)
    try:
        holders: dict[str, set[str]] = defaultdict(set)
        for e in store.entities():
            for name in {e.name, *e.aliases}:
                folded = fold(name)
                if len(folded.split()) >= 2:
                    holders[folded].add(e.id)
    finally:
        store.close()
    return {n: sorted(ids) for n, ids in sorted(holders.items()) if len(ids) > 1}, len(holders)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared", type=Path)
    ap.add_argument("--db", help="count this knowledge base instead of building one")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            corpus = args.shared / "data" / "bbcsport" / "football"
            if not corpus.is_dir():
                print(f"no BBC Sport texts at {corpus}: nothing to count")
                return 0
            db = str(Path(tmp) / "bbc.db")
            subprocess.run([sys.executable, "-m", "touchline", "--db", db, "ingest", str(corpus)],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        dups, total = duplicate_names(db)
        where = "BBC Sport football" if args.db is None else args.db
        print(f"== names held by more than one id ({where}, {total} names): {len(dups)}")
        if args.verbose:
            for name, ids in dups.items():
                print(f"  {name}: {', '.join(ids)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
