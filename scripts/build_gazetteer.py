"""Build touchline's gazetteer JSONL from vendored openfootball files and curated records.

Usage: python scripts/build_gazetteer.py [--vendor vendor/openfootball] [--out DIR]

Reads ``vendor/openfootball`` (CC0, see its NOTICE.md) and
``src/touchline/nlp/data/curated/*.jsonl`` and writes
``src/touchline/nlp/data/gazetteer/{clubs,venues,players,coaches,
national_teams,competitions,ambiguous}.jsonl``, sorted by id: rerunning
gives byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from touchline.nlp import openfootball  # noqa: E402
from touchline.nlp.gazetteer_data import LEAGUE_NATIONALITY, read_jsonl  # noqa: E402

logger = logging.getLogger("build_gazetteer")

DATA = ROOT / "src" / "touchline" / "nlp" / "data"
OUT_FILES = {"club": "clubs", "venue": "venues", "player": "players", "coach": "coaches",
             "national_team": "national_teams", "competition": "competitions"}
# Clubs of these countries keep the plain id when two countries share a club name.
PRIORITY = ("eng", "es", "de", "it", "fr", "sco", "pt", "nl")


def _curated(name: str, curated: Path) -> list[dict[str, Any]]:
    rows = []
    for row in read_jsonl(curated / name):
        if not row.get("source"):
            raise SystemExit(f"{curated / name}: record without a source: {row}")
        rows.append({k: v for k, v in row.items() if k != "source"})
    return rows


def build(vendor: Path, curated: Path, out: Path) -> dict[str, int]:
    """Write the gazetteer files; returns the number of entries per file."""
    nationality = dict(LEAGUE_NATIONALITY)
    teams = _curated("national_teams.jsonl", curated)
    for team in teams:
        for form in (team["name"], *team.get("aliases", [])):
            nationality[form.lower()] = team["attrs"]["fifa"]
    files = list(openfootball.iter_source_files(vendor))

    def priority(path: Path) -> tuple[int, str]:
        code = openfootball.country_of(path)
        return (PRIORITY.index(code) if code in PRIORITY else len(PRIORITY), str(path))

    files.sort(key=priority)
    entries, errors = openfootball.read_entries(files, nationality)
    for line in errors:
        logger.warning("SKIP %s", line)
    by_id = {e["id"]: e for e in entries}
    for team in teams:
        by_id[team["id"]] = team
    for row in [*_curated("competitions.jsonl", curated), *_curated("coaches.jsonl", curated)]:
        by_id[row["id"]] = row
    for row in by_id.values():
        for role in row["attrs"].get("roles", []) if row["kind"] == "coach" else []:
            if role["team"] not in by_id:
                raise SystemExit(f"coaches.jsonl: {row['id']} names unknown team {role['team']}")
    for row in _curated("nicknames.jsonl", curated):
        target = by_id.get(row["id"])
        if target is None:
            raise SystemExit(f"nicknames.jsonl: unknown entity {row['id']}")
        target["aliases"] = sorted(set(target["aliases"]) | set(row["aliases"]))
    counts: dict[str, int] = {}
    out.mkdir(parents=True, exist_ok=True)
    for kind, stem in OUT_FILES.items():
        rows = [e for e in by_id.values() if e["kind"] == kind]
        for e in rows:
            e["aliases"] = sorted(set(e.get("aliases") or []) - {e["name"]})
        counts[stem] = openfootball.write_jsonl(out / f"{stem}.jsonl", rows)
    policy = sorted(_curated("ambiguous.jsonl", curated), key=lambda r: r["alias"])
    with (out / "ambiguous.jsonl").open("w", encoding="utf-8", newline="\n") as fh:
        for row in policy:
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    counts["ambiguous"] = len(policy)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vendor", type=Path, default=ROOT / "vendor" / "openfootball")
    parser.add_argument("--curated", type=Path, default=DATA / "curated")
    parser.add_argument("--out", type=Path, default=DATA / "gazetteer")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    counts = build(args.vendor, args.curated, args.out)
    logger.info("wrote %s", ", ".join(f"{k}={v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
