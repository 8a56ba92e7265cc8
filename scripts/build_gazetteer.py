"""Build touchline's gazetteer JSONL from vendored openfootball files and curated records.

Usage: python scripts/build_gazetteer.py [--vendor vendor/openfootball] [--out DIR]

Reads ``vendor/openfootball`` (CC0, see its NOTICE.md) and
``src/touchline/nlp/data/curated/*.jsonl`` and writes
``src/touchline/nlp/data/gazetteer/{clubs,venues,players,coaches,
national_teams,competitions,ambiguous}.jsonl``, sorted by id: rerunning
gives byte-identical files.

European files are read first and keep every name they give; club lists from
outside Europe (``clubs/<region>/``) follow the rules of ``gazetteer_overseas.py``.
Curated clubs (women's teams) and aliases (nicknames, press names) must not take a
name another entity bears: the build stops and names the record.
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
sys.path.insert(0, str(Path(__file__).resolve().parent))

import gazetteer_overseas as overseas  # noqa: E402

from touchline.nlp import openfootball  # noqa: E402
from touchline.nlp.gazetteer_data import LEAGUE_NATIONALITY, read_jsonl  # noqa: E402

logger = logging.getLogger("build_gazetteer")

DATA = ROOT / "src" / "touchline" / "nlp" / "data"
OUT_FILES = {"club": "clubs", "venue": "venues", "player": "players", "coach": "coaches",
             "national_team": "national_teams", "competition": "competitions"}
# Clubs of these countries keep the plain id when two countries share a club name.
PRIORITY = ("eng", "es", "de", "it", "fr", "sco", "pt", "nl")
# Curated alias files: {"id", "aliases", "source"} adding names to existing entities.
ALIAS_FILES = ("nicknames.jsonl", "press_names.jsonl", "ground_names.jsonl")
# Letters accent-stripping leaves alone, as English-language press writes them ASCII:
# "Brøndby" -> "Brondby", "Wisła Kraków" -> "Wisla Krakow", "Martin Ødegaard" -> "Martin Odegaard".
ASCII_SPELLING = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "ı": "i", "ð": "d",
                                "Ð": "D", "æ": "ae", "Æ": "Ae", "đ": "dj", "Đ": "Dj", "þ": "th", "Þ": "Th",
                                "œ": "oe", "Œ": "Oe"})
# {"id", "aliases", "source"}: openfootball aliases taken off an entity because English-language
# press uses them for another club ("Boca Juniors" is the Argentine club, not Gibraltar's).
RELEASED = "released_aliases.jsonl"


def _curated(name: str, curated: Path) -> list[dict[str, Any]]:
    if not (curated / name).exists():
        return []
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

    european = sorted((f for f in files if not overseas.is_overseas(f, vendor)), key=priority)
    abroad = sorted(f for f in files if overseas.is_overseas(f, vendor) and f.name.endswith(".clubs.txt"))
    curated_rows = [*teams, *_curated("competitions.jsonl", curated), *_curated("coaches.jsonl", curated)]
    policy = sorted(_curated("ambiguous.jsonl", curated), key=lambda r: r["alias"])
    released = _curated(RELEASED, curated)
    found = overseas.Overseas()
    if abroad:
        first, _ = openfootball.read_entries(european, nationality)
        _release(first, released)
        found = overseas.read_clubs(abroad, [*first, *curated_rows], (r["alias"] for r in policy),
                                    overseas.english_lexicon())
        for club_id, forms in sorted(found.dropped.items()):
            logger.info("abroad: %s gives up %s (a name already taken)", club_id, ", ".join(forms))
    # Squad lines are not linked to clubs abroad ("Al-Nassr (KSA)"): an undated club link would
    # be read as a player's team years before he joined.  Only the clubs that took a released
    # alias join the lookup, so a squad line naming that alias links to neither club.
    released_forms = {a for r in released for a in r["aliases"]}
    claimants = [c for c in found.clubs if released_forms & {c["name"], *c["aliases"]}]
    entries, errors = openfootball.read_entries(european, nationality, claimants)
    for line in errors:
        logger.warning("SKIP %s", line)
    _release(entries, released)
    by_id = {e["id"]: e for e in entries}
    for row in [*curated_rows, *found.clubs, *found.venues]:
        by_id[row["id"]] = row
    for row in by_id.values():
        for role in row["attrs"].get("roles", []) if row["kind"] == "coach" else []:
            if role["team"] not in by_id:
                raise SystemExit(f"coaches.jsonl: {row['id']} names unknown team {role['team']}")
    context_only = found.context_only | {r["alias"] for r in policy}
    _add_curated_clubs(_curated("clubs.jsonl", curated), by_id, context_only)
    _add_curated_venues(_curated("venues.jsonl", curated), by_id, context_only)
    for name in ALIAS_FILES:
        _add_aliases(name, _curated(name, curated), by_id, context_only)
    _add_ascii_spellings(by_id, context_only)
    counts: dict[str, int] = {}
    out.mkdir(parents=True, exist_ok=True)
    for kind, stem in OUT_FILES.items():
        rows = [e for e in by_id.values() if e["kind"] == kind]
        for e in rows:
            e["aliases"] = sorted(set(e.get("aliases") or []) - {e["name"]})
        counts[stem] = openfootball.write_jsonl(out / f"{stem}.jsonl", rows)
    generated = sorted(context_only - {r["alias"] for r in policy})
    with (out / "ambiguous.jsonl").open("w", encoding="utf-8", newline="\n") as fh:
        for row in sorted([*policy, *({"alias": a} for a in generated)], key=lambda r: r["alias"]):
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    counts["ambiguous"] = len(policy) + len(generated)
    return counts


def _release(entries: list[dict[str, Any]], rows: list[dict[str, Any]]) -> None:
    by_id = {e["id"]: e for e in entries}
    for row in rows:
        target = by_id.get(row["id"])
        if target is None or not set(row["aliases"]) <= set(target["aliases"]):
            raise SystemExit(f"{RELEASED}: {row['id']} has no alias {row['aliases']}")
        target["aliases"] = [a for a in target["aliases"] if a not in row["aliases"]]


def _bearers(by_id: dict[str, dict[str, Any]]) -> dict[str, set[str]]:
    """Every form (and its accentless spelling) -> the ids bearing it."""
    forms: dict[str, set[str]] = {}
    for e in by_id.values():
        for form in (e["name"], *e.get("aliases", [])):
            for f in {form, overseas.strip_accents(form)}:
                forms.setdefault(f, set()).add(e["id"])
    return forms


def _add_curated_clubs(rows: list[dict[str, Any]], by_id: dict[str, dict[str, Any]],
                       context_only: set[str]) -> None:
    bearers = _bearers(by_id)
    for row in rows:
        if row["id"] in by_id:
            raise SystemExit(f"clubs.jsonl: id {row['id']} is taken")
        parent = row["attrs"].get("parent_club")
        if parent and parent not in by_id:
            raise SystemExit(f"clubs.jsonl: {row['id']} names unknown parent_club {parent}")
        for form in (row["name"], *row["aliases"]):
            _check_free("clubs.jsonl", row["id"], form, bearers, context_only)
        _add_context_aliases("clubs.jsonl", row, bearers, context_only)
        by_id[row["id"]] = row
        for form in (row["name"], *row["aliases"]):
            bearers.setdefault(form, set()).add(row["id"])


def _add_curated_venues(rows: list[dict[str, Any]], by_id: dict[str, dict[str, Any]],
                        context_only: set[str]) -> None:
    """Grounds openfootball lacks or names as they were in 2013; each becomes the ground of
    its clubs that have none."""
    bearers = _bearers(by_id)
    for row in rows:
        if row["id"] in by_id:
            raise SystemExit(f"venues.jsonl: id {row['id']} is taken")
        for form in (row["name"], *row["aliases"]):
            _check_free("venues.jsonl", row["id"], form, bearers, context_only)
        for club_id in row["attrs"].get("clubs", []):
            if club_id not in by_id:
                raise SystemExit(f"venues.jsonl: {row['id']} names unknown club {club_id}")
            by_id[club_id]["attrs"].setdefault("venue", row["id"])
        by_id[row["id"]] = row
        for form in (row["name"], *row["aliases"]):
            bearers.setdefault(form, set()).add(row["id"])


def _add_aliases(name: str, rows: list[dict[str, Any]], by_id: dict[str, dict[str, Any]],
                 context_only: set[str]) -> None:
    bearers = _bearers(by_id)
    for row in rows:
        target = by_id.get(row["id"])
        if target is None:
            raise SystemExit(f"{name}: unknown entity {row['id']}")
        for alias in row["aliases"]:
            _check_free(name, row["id"], alias, bearers, context_only)
        _add_context_aliases(name, row, bearers, context_only)
        target["aliases"] = sorted(set(target["aliases"]) | set(row["aliases"]))
        for alias in row["aliases"]:
            bearers.setdefault(alias, set()).add(row["id"])


def _add_context_aliases(file: str, row: dict[str, Any], bearers: dict[str, set[str]],
                         context_only: set[str]) -> None:
    """``context_aliases``: short forms several clubs share ("Portland": Timbers and Thorns).
    They join the record's aliases and the context-only list, so an article resolves them to
    the one such club it names; a form another entity matches on its own is refused."""
    for form in row.pop("context_aliases", []):
        if bearers.get(form, set()) - {row["id"]} and form not in context_only:
            raise SystemExit(f"{file}: {row['id']}: context alias {form!r} is matched on its own "
                             f"for {', '.join(sorted(bearers[form]))}")
        context_only.add(form)
        row["aliases"] = [*row["aliases"], form]


def _add_ascii_spellings(by_id: dict[str, dict[str, Any]], context_only: set[str]) -> None:
    """Each name with a letter of ``ASCII_SPELLING`` also gets its ASCII spelling, unless
    another entity bears that spelling (then neither gets it) or the name is context-only."""
    bearers = _bearers(by_id)
    wanted: dict[str, set[str]] = {}
    for e in by_id.values():
        for form in (e["name"], *e.get("aliases", [])):
            plain = overseas.strip_accents(form)
            ascii_form = plain.translate(ASCII_SPELLING)
            if ascii_form != plain and form not in context_only and ascii_form not in context_only:
                wanted.setdefault(ascii_form, set()).add(e["id"])
    for form, ids in sorted(wanted.items()):
        if len(ids | bearers.get(form, set())) == 1:
            entity = by_id[next(iter(ids))]
            entity["aliases"] = sorted({*entity["aliases"], form})


def _check_free(file: str, owner: str, form: str, bearers: dict[str, set[str]],
                context_only: set[str]) -> None:
    others = sorted((bearers.get(form, set()) | bearers.get(overseas.strip_accents(form), set())) - {owner})
    if others:
        raise SystemExit(f"{file}: {owner}: {form!r} already names {', '.join(others)}")
    if form in context_only:
        raise SystemExit(f"{file}: {owner}: {form!r} is a context-only form (ambiguous.jsonl)")


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
