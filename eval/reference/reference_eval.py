"""What the results reference adds on every evaluation set: coverage, dates/home sides/competitions
right, matches recovered without a score, and each contradiction with its article.

``python eval/reference/reference_eval.py --shared ../shared`` ingests each set
into a fresh knowledge base (real-dev and the seeds from ``<shared>/eval``, the
dev set of ``examples/articles`` and ``eval/extraction/invented``, the judged
BBC sample) and prints, per set:

* the extracted matches by check (confirmed / contradicted / unknown);
* **covered**: gold matches between two clubs of the gazetteer for which the
  package's reference holds a result between those clubs on a gold day (so the
  reference covers that competition and season); of those, how many were
  extracted at all, and how many have the date, the home side (where the gold
  states it: real-dev and the seeds) and the competition (where the gold states
  it) right, as the gold reads them.  A gold match the extractor missed counts
  against the share; ``of extracted`` gives the share among those found;
* **recovered without a score**: extracted matches that state no score and are
  linked to a reference result (stored with the reference's score);
* **contradictions**: every linked match where the text disagrees with the
  reference, with its article, for a person to read; and every covered gold
  match where the gold itself disagrees with the reference (home side or day).

``--sets`` picks sets (default all), ``-v`` lists every covered gold match.
The articles stay in ``<shared>``; nothing of their text is written here.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "src"))

from touchline.api import KnowledgeBase  # noqa: E402
from touchline.nlp.gazetteer_data import load_default  # noqa: E402
from touchline.resolve.reference import open_reference  # noqa: E402


@dataclass
class GoldMatch:
    article: str  # file name
    teams: tuple[list[str], list[str]]  # accepted names of (home, away) or of the two teams
    home_known: bool  # the gold says which side was at home
    days: list[str]  # accepted dates ("YYYY-MM-DD", "YYYY-MM", "YYYY"); empty: not stated
    competition: list[str] | None
    score: tuple[int, int] | None


@dataclass
class EvalSet:
    name: str
    inputs: list[Path]  # files or folders to ingest
    gold: list[GoldMatch]
    aliases: dict[str, list[str]] = field(default_factory=dict)


# --- the sets ---------------------------------------------------------------------------


def score_py_set(name: str, gold_path: Path, folder: Path) -> EvalSet | None:
    if not gold_path.exists():
        return None
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    files = [p for n in sorted(gold["articles"]) for p in folder.rglob(n)]
    matches = [GoldMatch(a, (g["home"], g["away"]), True, list(g["dates_ok"]), g.get("competition"),
                         None if g["home_score"] is None else (g["home_score"], g["away_score"]))
               for g in gold.get("matches", []) for a in g["articles"]]
    return EvalSet(name, files, matches)


def dev_set() -> EvalSet:
    gold = json.loads((ROOT / "eval" / "extraction" / "examples_gold.json").read_text(encoding="utf-8"))
    matches = [GoldMatch(a["file"], ([m["teams"][0]], [m["teams"][1]]), False,
                         [m["date"]] if m.get("date") else [], None,
                         tuple(m["score"]) if m.get("score") else None)  # type: ignore[arg-type]
               for a in gold["articles"] for m in a.get("matches", []) if not m.get("optional")]
    inputs = [ROOT / "examples" / "articles", ROOT / "eval" / "extraction" / "invented"]
    return EvalSet("dev (examples + invented)", inputs, matches, gold.get("aliases", {}))


def bbc_set(shared: Path, tmp: Path) -> EvalSet | None:
    judged_path = ROOT / "eval" / "extraction" / "bbc_judged.json"
    folder = shared / "data" / "bbcsport" / "football"
    if not folder.is_dir() or not judged_path.exists():
        return None
    judged = json.loads(judged_path.read_text(encoding="utf-8"))
    feed = tmp / "bbc_sample.jsonl"
    with feed.open("w", encoding="utf-8") as fh:
        for a in judged["articles"]:
            text = (folder / a["file"]).read_text(encoding="utf-8", errors="replace").strip()
            fh.write(json.dumps({"text": text, "title": text.partition("\n")[0].strip(), "id": a["file"],
                                 "source": a["file"], "published": a.get("published")}) + "\n")
    matches = [GoldMatch(a["file"], ([m["teams"][0]], [m["teams"][1]]), False,
                         [m["date"]] if m.get("date") else [], None,
                         tuple(m["score"]) if m.get("score") else None)  # type: ignore[arg-type]
               for a in judged["articles"] for m in a.get("matches", [])]
    return EvalSet("BBC sample 2004-05 (held out)", [feed], matches, judged.get("aliases", {}))


# --- scoring ----------------------------------------------------------------------------


class Ids:
    """Gold names to gazetteer ids (clubs, competitions)."""

    def __init__(self, aliases: dict[str, list[str]]) -> None:
        self.gaz = load_default()
        self.aliases = aliases

    def of(self, names: Iterable[str], kinds: tuple[str, ...] = ("club",)) -> str | None:
        forms = list(names)
        for name in list(forms):
            forms += self.aliases.get(name, [])
        for form in forms:
            ids = {i for i in self.gaz.by_alias.get(form, set()) if self.gaz.entries[i]["kind"] in kinds}
            owner = self.gaz.owner(form)
            if owner in ids:
                return owner
            if len(ids) == 1:
                return next(iter(ids))
        return None


def _window(days: list[str]) -> tuple[date, date] | None:
    spans = []
    for d in days:
        if len(d) == 10:
            spans.append((date.fromisoformat(d), date.fromisoformat(d)))
        elif len(d) == 7:
            y, m = map(int, d.split("-"))
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            spans.append((date(y, m, 1), nxt - timedelta(days=1)))
        elif len(d) == 4:
            spans.append((date(int(d), 1, 1), date(int(d), 12, 31)))
    if not spans:
        return None
    return min(s[0] for s in spans), max(s[1] for s in spans)


def evaluate(es: EvalSet, export: dict[str, Any], verbose: bool) -> bool:
    ref = open_reference(None)
    ids = Ids(es.aliases)
    names = {e["id"]: e["name"] for e in export["entities"]}
    art_of = {a["id"]: Path(a["url"] or a["source"] or a["id"]).name for a in export["articles"]}
    matches = [e for e in export["events"] if e["kind"] == "match"]
    states = Counter(str(e.get("check")) for e in matches)
    print(f"== reference on {es.name}: {len(export['articles'])} articles, {len(matches)} matches extracted: "
          + ", ".join(f"{s} {states.get(s, 0)}" for s in ("confirmed", "contradicted", "unknown")))

    def nm(x: str | None) -> str:
        return names.get(x or "", x or "-")

    def of_article(article: str) -> list[dict[str, Any]]:
        return [e for e in matches if any(art_of.get(s["article"]) == article for s in e["sources"])]

    covered = found = right = 0
    gold_notes: list[str] = []
    for g in es.gold:
        a, b = ids.of(g.teams[0]), ids.of(g.teams[1])
        span = _window(g.days)
        if a is None or b is None or span is None:
            continue
        rows = ref.results(a, b, span[0], span[1])
        on_day = [r for r in rows if r.day.isoformat() in g.days or len(g.days[0]) < 10]
        if len(on_day) != 1:
            continue
        row = on_day[0]
        covered += 1
        label = f"{g.article}: {nm(a)} v {nm(b)} {g.days}"
        if g.home_known and row.home != a:
            gold_notes.append(f"  GOLD {label}: the gold has {nm(a)} at home, the reference {nm(row.home)} "
                              f"({row.file}:{row.line})")
        got = [e for e in of_article(g.article) if {e["home"], e["away"]} == {a, b}]
        if not got:
            if verbose:
                print(f"  MISSED   {label}")
            continue
        found += 1
        e = got[0]
        comp = ids.of(g.competition, ("competition",)) if g.competition else None
        problems = []
        if e["date"] not in g.days:
            problems.append(f"date {e['date']}")
        if g.home_known and e["home"] != a:
            problems.append(f"home {nm(e['home'])}")
        if g.competition and e["competition"] != comp:
            problems.append(f"competition {nm(e['competition'])}")
        right += not problems
        if verbose:
            print(f"  {'RIGHT' if not problems else 'WRONG'}    {label} [{e.get('check')}]"
                  + (f": {'; '.join(problems)}" if problems else ""))
    share = f"{right / covered:.3f}" if covered else "n/a"
    of_found = f"{right / found:.3f}" if found else "n/a"
    print(f"covered gold matches {covered} (of {len(es.gold)}): extracted {found}, date + home side + "
          f"competition right {right} = {share} (of extracted {of_found})")
    recovered = [e for e in matches if e.get("reference") and e.get("home_score") is None
                 and e["reference"]["home_score"] is not None]
    print(f"recovered without a score: {len(recovered)}")
    for e in recovered:
        r = e["reference"]
        print(f"  {art_of.get(e['sources'][0]['article'])}: {nm(r['home'])} {r['home_score']}-"
              f"{r['away_score']} {nm(r['away'])} {r['date']} ({r['source']['file']}:{r['source']['line']})")
    contradicted = [e for e in matches if e.get("check") == "contradicted"]
    print(f"contradictions: {len(contradicted)}")
    for e in contradicted:
        r = e["reference"]
        arts = sorted({art_of.get(s["article"], "?") for s in e["sources"]})
        print(f"  {', '.join(arts)}: text {nm(e['home'])} {e['home_score']}-{e['away_score']} "
              f"{nm(e['away'])}, reference {nm(r['home'])} {r['home_score']}-{r['away_score']} "
              f"{nm(r['away'])} {r['date']} ({r['source']['file']}:{r['source']['line']}); "
              f"differs on {', '.join(e['disagree'])}")
    if gold_notes:
        print(f"gold matches the reference tells otherwise: {len(gold_notes)}")
        print("\n".join(gold_notes))
    return True


def ingest(inputs: list[Path], tmp: Path) -> dict[str, Any]:
    with KnowledgeBase(str(tmp / "kb.db")) as kb:
        kb.ingest([str(p) for p in inputs])
        export: dict[str, Any] = kb.export()
    return export


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared", type=Path)
    ap.add_argument("--sets", default="real-dev,seeds,dev,bbc")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    wanted = args.sets.split(",")
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        sets: list[EvalSet | None] = []
        if "real-dev" in wanted:
            base = args.shared / "eval" / "real-dev"
            sets.append(score_py_set("real-dev", base / "gold.json", base / "articles"))
        if "seeds" in wanted:
            seeds = args.shared / "eval" / "seeds-dev.json"
            sets.append(score_py_set("seeds-dev", seeds, args.shared / "seeds"))
        if "dev" in wanted:
            sets.append(dev_set())
        if "bbc" in wanted:
            sets.append(bbc_set(args.shared, tmp))
        for n, es in enumerate(s for s in sets if s is not None):
            folder = tmp / f"set{n}"
            folder.mkdir()
            evaluate(es, ingest(es.inputs, folder), args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
