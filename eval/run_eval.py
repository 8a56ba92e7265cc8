"""`make eval`: run touchline on the articles of every gold file and print the scorer's report.

For each ``*.json`` gold file in ``<shared>/eval/`` the articles it names are
looked up in ``<shared>/seeds/`` (and any folder given with --articles),
ingested into a fresh database, exported, and scored with the unchanged
``score.py``.  The judged BBC sample and the dev-set figures
(eval/extraction/) are recomputed after, then what the results reference
confirms, contradicts and recovers on every set (eval/reference/).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def find_articles(names: list[str], folders: list[Path]) -> list[Path]:
    found = []
    for name in names:
        for folder in folders:
            hits = list(folder.rglob(name))
            if hits:
                found.append(hits[0])
                break
        else:
            where = ", ".join(map(str, folders))
            print(f"warning: gold article {name} not found in {where}", file=sys.stderr)
    return found


def score_gold(gold: Path, folders: list[Path], scorer: Path) -> int:
    names = sorted(json.loads(gold.read_text(encoding="utf-8"))["articles"])
    articles = find_articles(names, folders)
    if not articles:
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        staging = Path(tmp) / "articles"
        staging.mkdir()
        for path in articles:
            shutil.copy(path, staging / path.name)
        db = str(Path(tmp) / "eval.db")
        export = Path(tmp) / "export.json"
        cli = f"{sys.executable} -m touchline --db {db}"
        subprocess.run([*cli.split(), "ingest", str(staging)], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([*cli.split(), "export", "-o", str(export)], check=True, stderr=subprocess.DEVNULL)
        print(f"== {gold.name}: {len(articles)} articles")
        done = subprocess.run([sys.executable, str(scorer), "--export", str(export), "--gold", str(gold),
                               "--cli", cli])
        return done.returncode


def people_lines(shared: Path) -> int:
    """Quotes and entity resolution on the real-dev articles, and names held by two ids on the BBC texts."""
    status = 0
    if (shared / "eval" / "real-dev" / "gold.json").exists():
        real_dev = HERE / "extraction" / "real_dev.py"
        done = subprocess.run([sys.executable, str(real_dev), "--shared", str(shared), "--json"],
                              capture_output=True, text=True)
        status |= done.returncode
        if done.returncode == 0:
            scores = json.loads(done.stdout)
            print("== real-dev: quotes and people")
            for key in ("quote_precision", "quote_recall", "quote_f1", "entity_resolution"):
                value = scores.get(key)
                print(f"{key:28} {'n/a' if value is None else f'{value:.3f}'}")
    names = HERE / "people" / "duplicate_names.py"
    status |= subprocess.run([sys.executable, str(names), "--shared", str(shared)]).returncode
    return status


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared", type=Path)
    ap.add_argument("--articles", action="append", type=Path, default=[],
                    help="more folders where gold articles live")
    args = ap.parse_args()
    eval_dir = args.shared / "eval"
    if not eval_dir.is_dir():
        print(f"no gold folder at {eval_dir}: nothing to score")
        return 0
    folders = [args.shared / "seeds", *args.articles]
    status = 0
    for gold in sorted(eval_dir.glob("*.json")):
        status |= score_gold(gold, folders, eval_dir / "score.py")
    status |= people_lines(args.shared)
    real = HERE / "extraction" / "real_dev.py"
    for gold_set in sorted(p.name for p in eval_dir.iterdir() if (p / "gold.json").exists()):
        status |= subprocess.run([sys.executable, str(real), "--shared", str(args.shared), "--set", gold_set]
                                 ).returncode
    judged = HERE / "extraction" / "bbc_judged.py"
    if judged.exists():
        status |= subprocess.run([sys.executable, str(judged), "--shared", str(args.shared)]).returncode
    dev = HERE / "extraction" / "examples_eval.py"
    if dev.exists():
        status |= subprocess.run([sys.executable, str(dev)]).returncode
    reference = HERE / "reference" / "reference_eval.py"
    if reference.exists():
        status |= subprocess.run([sys.executable, str(reference), "--shared", str(args.shared)]).returncode
    return status


if __name__ == "__main__":
    sys.exit(main())
