"""Score touchline on real, dated articles with hand-made gold, and show every miss.

``python eval/extraction/real_dev.py --shared ../shared`` ingests the articles of
``<shared>/eval/real-dev/`` (and the seeds) into a fresh SQLite knowledge base,
exports it, runs the unchanged ``score.py`` on it (with ``--cli`` for the as-of
and timeline checks) and prints its report.  ``-v`` adds, per article, every gold
fact that was missed and every extracted fact the gold does not hold (matches,
scorers, injuries, transfers, roles, standings, fixtures, quotes), so a
developer sees what to work on; ``--article SUBSTR`` limits that to some files.
``--json`` prints the scores as one JSON object (the accuracy gate reads it).

The articles belong to their publishers: they are read from ``../shared`` at
evaluation time and never copied into the project.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("tl_eval_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(articles: list[Path], tmp: Path) -> tuple[Path, str]:
    """Ingest the articles into a fresh SQLite KB in ``tmp`` and export it."""
    staging = tmp / "articles"
    staging.mkdir()
    for path in articles:
        shutil.copy(path, staging / path.name)
    db = tmp / "eval.db"
    cli = f"{sys.executable} -m touchline --db {db}"
    subprocess.run([*cli.split(), "ingest", str(staging)], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    export = tmp / "export.json"
    subprocess.run([*cli.split(), "export", "-o", str(export)], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return export, cli


def gold_articles(gold: dict[str, Any], root: Path) -> list[Path]:
    out = []
    for name in sorted(gold["articles"]):
        hits = list(root.rglob(name))
        if hits:
            out.append(hits[0])
        else:
            print(f"warning: gold article {name} not found under {root}", file=sys.stderr)
    return out


class Report:
    """Per-article differences between the gold and an export."""

    def __init__(self, sc: ModuleType, export: dict[str, Any], gold: dict[str, Any]) -> None:
        self.sc = sc
        self.ex = sc.Export(export)
        self.gold = gold
        self.names = {e["id"]: e["name"] for e in export.get("entities", [])}

    def name(self, eid: str | None) -> str:
        return self.names.get(eid or "", eid or "-")

    def preds(self, kind: str, article: str) -> list[dict[str, Any]]:
        aid = self.ex.article_by_name.get(article)
        return self.ex.of_kind(kind, {aid}) if aid else []

    def lines(self, article: str) -> list[str]:
        out: list[str] = []
        out += self.match_lines(article)
        out += self.simple_lines(article)
        out += self.quote_lines(article)
        return out

    def match_lines(self, article: str) -> list[str]:
        ex = self.ex
        gold = [g for g in self.gold.get("matches", []) if article in g["articles"]]
        preds = self.preds("match", article)
        used: set[int] = set()
        out = []
        for g in gold:
            hit = None
            for i, p in enumerate(preds):
                if i in used:
                    continue
                straight = ex.is_(p.get("home"), g["home"]) and ex.is_(p.get("away"), g["away"])
                swapped = ex.is_(p.get("home"), g["away"]) and ex.is_(p.get("away"), g["home"])
                if straight or swapped:
                    hit = (i, p, straight)
                    break
            label = f"{g['home'][0]} {g['home_score']}-{g['away_score']} {g['away'][0]} {g['dates_ok']}"
            if hit is None:
                out.append(f"  MISS match {label}")
                continue
            i, p, straight = hit
            used.add(i)
            notes = []
            if p.get("date") not in g["dates_ok"]:
                notes.append(f"date {p.get('date')}")
            hs, as_ = (p.get("home_score"), p.get("away_score")) if straight else \
                (p.get("away_score"), p.get("home_score"))
            if (hs, as_) != (g["home_score"], g["away_score"]):
                notes.append(f"score {hs}-{as_}")
            if not straight:
                notes.append("home/away swapped")
            if g.get("competition") and not ex.is_(p.get("competition"), g["competition"]):
                notes.append(f"competition {self.name(p.get('competition'))}")
            pred_scorers = [s.get("player") for s in p.get("scorers") or []]
            for gs in g["scorers"]:
                if not any(ex.is_(ps, gs) for ps in pred_scorers):
                    notes.append(f"scorer missed {gs[0]}")
            for ps in pred_scorers:
                if not any(ex.is_(ps, gs) for gs in g["scorers"]):
                    notes.append(f"scorer WRONG {self.name(ps)}")
            status = "PART" if notes else "ok  "
            out.append(f"  {status} match {label}" + (f": {'; '.join(notes)}" if notes else ""))
        for i, p in enumerate(preds):
            if i not in used:
                scorers = ", ".join(self.name(s.get("player")) for s in p.get("scorers") or [])
                out.append(f"  WRONG match {self.name(p.get('home'))} {p.get('home_score')}-"
                           f"{p.get('away_score')} {self.name(p.get('away'))} {p.get('date')} "
                           f"conf {p.get('confidence')}"
                           + (f" scorers {scorers}" if scorers else ""))
        return out

    def simple_lines(self, article: str) -> list[str]:
        ex = self.ex
        tests = {
            "injury": ("injuries", lambda p, g: ex.is_(p.get("player"), g["player"])
                       and g["injury"] in self.sc.norm(p.get("injury")),
                       lambda g: f"{g['player'][0]} ({g['injury']})",
                       lambda p: f"{self.name(p.get('player'))} ({p.get('injury')}, {p.get('status')})"),
            "transfer": ("transfers", lambda p, g: ex.is_(p.get("player"), g["player"])
                         and ex.is_(p.get("to_club"), g["to"]) and p.get("status") == g["status"],
                         lambda g: f"{g['player'][0]} -> {g['to'][0]} {g['status']}",
                         lambda p: f"{self.name(p.get('player'))} {self.name(p.get('from_club'))} -> "
                                   f"{self.name(p.get('to_club'))} {p.get('status')}"),
            "role": ("roles", lambda p, g: ex.is_(p.get("person"), g["person"])
                     and ex.is_(p.get("team"), g["team"]) and p.get("role") == g["role"],
                     lambda g: f"{g['person'][0]} {g['role']} {g['team'][0]}",
                     lambda p: f"{self.name(p.get('person'))} {p.get('role')} {self.name(p.get('team'))}"),
            "standing": ("standings", lambda p, g: ex.is_(p.get("team"), g["team"])
                         and p.get("position") == g["position"],
                         lambda g: f"{g['team'][0]} #{g['position']}",
                         lambda p: f"{self.name(p.get('team'))} #{p.get('position')} {p.get('points')}pts"),
            "fixture": ("fixtures", lambda p, g: p.get("date") in g["dates_ok"]
                        and all(ex.is_(p.get("home"), t) or ex.is_(p.get("away"), t) for t in g["teams"]),
                        lambda g: f"{g['teams'][0][0]} v {g['teams'][1][0]} {g['dates_ok']}",
                        lambda p: f"{self.name(p.get('home'))} v {self.name(p.get('away'))} {p.get('date')}"),
        }
        out = []
        for kind, (key, test, show_gold, show_pred) in tests.items():
            gold = [g for g in self.gold.get(key, []) if article in g.get("articles", [])]
            preds = self.preds(kind, article)
            for g in gold:
                if not any(test(p, g) for p in preds):
                    out.append(f"  MISS {kind} {show_gold(g)}")
            for p in preds:
                if not any(test(p, g) for g in gold):
                    out.append(f"  EXTRA {kind} {show_pred(p)}")
        return out

    def quote_lines(self, article: str) -> list[str]:
        ex, sc = self.ex, self.sc
        aid = ex.article_by_name.get(article)
        quotes = [q for q in ex.quotes if q.get("article") == aid and q.get("kind", "direct") != "reported"]
        gold = [g for g in self.gold.get("quotes", []) if g["article"] == article]
        ignore = [g for g in self.gold.get("quotes_ignore", []) if g.get("article", article) == article]
        out = []

        def covers(q: dict[str, Any], g: dict[str, Any]) -> bool:
            return sc.norm(g["key"]) in sc.norm(q.get("text"))

        for g in gold:
            cands = [q for q in quotes if covers(q, g)]
            if not cands:
                out.append(f"  MISS quote {g['speaker'][0]}: {g['key'][:50]!r}")
            elif not any(ex.is_(q.get("speaker"), g["speaker"]) for q in cands):
                got = ", ".join(self.name(q.get("speaker")) for q in cands)
                out.append(f"  SPEAKER quote {g['key'][:40]!r}: want {g['speaker'][0]}, got {got}")
        for q in quotes:
            good = any(covers(q, g) and ex.is_(q.get("speaker"), g["speaker"]) for g in gold)
            if not good and not any(covers(q, g) for g in ignore) and not any(covers(q, g) for g in gold):
                out.append(f"  EXTRA quote {self.name(q.get('speaker'))}: {str(q.get('text'))[:60]!r}")
        return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared", type=Path)
    ap.add_argument("--set", default="real-dev",
                    help="a folder of <shared>/eval holding gold.json and articles/")
    ap.add_argument("--no-seeds", action="store_true", help="do not ingest the seeds with the set")
    ap.add_argument("--gold-file", type=Path, help="score this gold file instead (its articles are looked up "
                    "in the set's articles/ and in the seeds)")
    ap.add_argument("--article", action="append", default=[],
                    help="with -v: only articles whose name holds this")
    ap.add_argument("--keep", type=Path, help="keep the knowledge base and export in this folder")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    base = args.shared / "eval" / args.set
    gold_path = args.gold_file or base / "gold.json"
    if not gold_path.exists():
        print(f"no gold at {gold_path}: nothing to score")
        return 0
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    sc = load_scorer(args.shared / "eval" / "score.py")
    articles = gold_articles(gold, base / "articles") if args.gold_file is None else []
    if not args.no_seeds:
        articles += sorted((args.shared / "seeds").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir) if args.keep is None else args.keep
        tmp.mkdir(parents=True, exist_ok=True)
        export_path, cli = build(articles, tmp)
        cmd = [sys.executable, str(args.shared / "eval" / "score.py"), "--export", str(export_path),
               "--gold", str(gold_path), "--cli", cli]
        if args.json:
            done = subprocess.run([*cmd, "--json"], capture_output=True, text=True, check=True)
            print(done.stdout.strip())
        else:
            print(f"== {gold_path.parent.name if args.gold_file is None else gold_path.name}: "
                  f"{len(gold['articles'])} articles")
            subprocess.run(cmd, check=True)
        if args.verbose:
            report = Report(sc, json.loads(export_path.read_text(encoding="utf-8")), gold)
            for name in sorted(gold["articles"]):
                if args.article and not any(s in name for s in args.article):
                    continue
                lines = report.lines(name)
                if lines:
                    print(f"-- {name}")
                    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
