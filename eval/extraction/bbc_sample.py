"""The judged BBC sample: 30 football articles picked with a fixed seed, run through touchline.

``python eval/extraction/bbc_sample.py --shared ../shared`` prints, per article,
the matches and scorers touchline extracts, for judging by eye.  The articles
carry no date line, so each is ingested (as JSON Lines)
with the publication date chosen for it in ``bbc_judged.json`` (headline kept
as the first line of the text).  The articles'
text stays in the shared folder; nothing of it is written into this repository.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
JUDGED = HERE / "bbc_judged.json"
SEED = 2026
SIZE = 30


def sample_names(folder: Path, seed: int = SEED, size: int = SIZE) -> list[str]:
    """The sampled file names: ``random.Random(seed).sample`` over the sorted listing."""
    names = sorted(p.name for p in folder.glob("*.txt"))
    return sorted(random.Random(seed).sample(names, size))


def load_judged(path: Path = JUDGED) -> dict[str, dict[str, Any]]:
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {a["file"]: a for a in data["articles"]}


def run_touchline(folder: Path, names: list[str],
                  dates: dict[str, str | None]) -> dict[str, list[dict[str, Any]]]:
    """Ingest the sample into a fresh SQLite store, export, and return each file's matches.

    A match is ``{"home", "away", "home_score", "away_score", "date", "confidence",
    "scorers": [name, ...]}`` with entity names instead of ids.
    """
    texts = {n: (folder / n).read_text(encoding="utf-8", errors="replace").strip() for n in names}
    # the same text twice is one article (its id is a hash of the text): both files state its events
    twins = {n: [m for m in names if m != n and texts[m] == texts[n]] for n in names}
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "bbc_sample.jsonl"
        with feed.open("w", encoding="utf-8") as fh:
            for name in names:
                raw = texts[name]
                # The headline stays in the text: it is part of what the article states.
                rec = {"text": raw.strip(), "title": raw.strip().partition("\n")[0].strip(), "id": name,
                       "source": name, "published": dates.get(name)}
                fh.write(json.dumps(rec) + "\n")
        db = str(Path(tmp) / "sample.db")
        out = Path(tmp) / "export.json"
        cli = [sys.executable, "-m", "touchline", "--db", db]
        subprocess.run([*cli, "ingest", str(feed)], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([*cli, "export", "-o", str(out)], check=True, stderr=subprocess.DEVNULL)
        export = json.loads(out.read_text(encoding="utf-8"))
    names_by_id = {e["id"]: e["name"] for e in export["entities"]}
    file_of = {a["id"]: a["source"] for a in export["articles"]}
    # a syndicated copy is not analysed again: it states what its original states
    copies = {file_of[a["duplicate_of"]]: a["source"] for a in export["articles"] if a.get("duplicate_of")}
    result: dict[str, list[dict[str, Any]]] = {n: [] for n in names}
    for ev in export["events"]:
        if ev["kind"] != "match":
            continue

        def nm(eid: str | None) -> str | None:
            return names_by_id.get(eid, eid) if eid else None

        match: dict[str, Any] = {
               "home": nm(ev.get("home")), "away": nm(ev.get("away")), "home_score": ev.get("home_score"),
               "away_score": ev.get("away_score"), "date": ev.get("date"),
               "confidence": ev.get("confidence"),
               "scorers": [nm(s.get("player")) for s in ev.get("scorers") or []]}
        for art in sorted({str(file_of[s["article"]]) for s in ev["sources"] if s["article"] in file_of}):
            result.setdefault(art, []).append(match)
            if art in copies:
                result.setdefault(copies[art], []).append(match)
            for twin in twins.get(art, []):
                result.setdefault(twin, []).append(match)
    return result


def fmt(m: dict[str, Any]) -> str:
    score = f"{m['home_score']}-{m['away_score']}" if m.get("home_score") is not None else "?-?"
    scorers = ", ".join(m["scorers"]) or "-"
    return f"{m['home']} {score} {m['away']}  [{m['date']}] conf={m['confidence']}  scorers: {scorers}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared", type=Path)
    args = ap.parse_args()
    folder = args.shared / "data" / "bbcsport" / "football"
    if not folder.is_dir():
        print(f"no BBC football folder at {folder}")
        return 0
    names = sample_names(folder)
    judged = load_judged()
    found = run_touchline(folder, names, {n: judged.get(n, {}).get("published") for n in names})
    for name in names:
        print(f"== {name}  published {judged.get(name, {}).get('published')}")
        for m in found.get(name, []):
            print("   " + fmt(m))
    return 0


if __name__ == "__main__":
    sys.exit(main())
