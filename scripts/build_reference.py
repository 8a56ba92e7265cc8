"""Build touchline's results reference from vendored openfootball Football.TXT files.

Usage: python scripts/build_reference.py [--vendor vendor/openfootball] [--out FILE] [--report FILE]

Reads the league and cup result files of the openfootball repositories
vendored under ``vendor/openfootball`` (CC0, see its NOTICE.md: england,
espana, deutschland, italy, europe, champions-league; squads and club lists
are the gazetteer's), maps every team name to a gazetteer club
(``src/touchline/nlp/data/gazetteer/clubs.jsonl``) and writes
``src/touchline/resolve/reference/data/results.sqlite``.  Files are read in
sorted order and nothing time-dependent is stored, so a rebuild holds the same
rows (``tests/scripts/test_build_reference.py`` compares them).  ``--report``
writes every team name that maps to no club, and every one mapped by spelling
only, as TSV.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from touchline.nlp.gazetteer_data import load_package_entries  # noqa: E402
from touchline.resolve.reference.build import BuildReport, add_files  # noqa: E402
from touchline.resolve.reference.db import ReferenceWriter  # noqa: E402
from touchline.resolve.reference.names import ClubNames  # noqa: E402

logger = logging.getLogger("build_reference")

RESULT_REPOS = ("champions-league", "deutschland", "england", "espana", "europe", "italy")
OUT = ROOT / "src" / "touchline" / "resolve" / "reference" / "data" / "results.sqlite"


def result_files(vendor: Path) -> list[tuple[Path, str]]:
    """(path, path relative to the vendor folder) of every result file, sorted."""
    files = []
    for repo in RESULT_REPOS:
        for path in sorted((vendor / repo).rglob("*.txt")):
            rel = path.relative_to(vendor)
            if "squads" in rel.parts or path.name.startswith("."):
                continue
            files.append((path, rel.as_posix()))
    return sorted(files, key=lambda f: f[1])


def build(vendor: Path, out: Path) -> BuildReport:
    if out.exists():
        out.unlink()
    names = ClubNames.from_entries(load_package_entries())
    writer = ReferenceWriter(out)
    report = add_files(writer, result_files(vendor), names)
    writer.set_meta("source", "openfootball Football.TXT files vendored under vendor/openfootball "
                              "(CC0 1.0; repositories and commits in vendor/openfootball/NOTICE.md)")
    writer.set_meta("summary", report.summary())
    writer.finish(vacuum=True)
    return report


def write_report(report: BuildReport, path: Path) -> None:
    lines = ["# team names of the reference that map to no gazetteer club (results, name, country, why)"]
    lines += [f"{k}\t{n}\t{c}\t{m}" for n, c, m, k in report.unmapped()]
    lines += ["# team names mapped by spelling only (results, name, country, club, rapidfuzz ratio)"]
    lines += [f"{k}\t{n}\t{c}\t{club}\t{s}" for n, c, club, s, k in report.fuzzy()]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vendor", type=Path, default=ROOT / "vendor" / "openfootball")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--report", type=Path, help="write unmapped and fuzzy-mapped names here (TSV)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    report = build(args.vendor, args.out)
    for line in report.skipped:
        logger.warning("SKIP %s", line)
    logger.info("wrote %s (%d KB): %s", args.out, args.out.stat().st_size // 1024, report.summary())
    for name, country, method, count in report.unmapped()[:15]:
        logger.info("  unmapped %-32s %-4s %-9s %5d results", name, country, method, count)
    if args.report:
        write_report(report, args.report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
