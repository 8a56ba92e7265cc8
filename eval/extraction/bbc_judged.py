"""Precision and recall of matches and scorers on the judged BBC sample (a report: always exits 0).

``python eval/extraction/bbc_judged.py --shared ../shared`` runs touchline afresh
over the 30 sampled articles (see ``bbc_sample.py``) with the publication dates
recorded in ``bbc_judged.json`` and scores the matches and scorers against the
gold written there by hand:

* an extracted match is right when its two teams are a gold match's teams of
  that article and, if it gives a score, the score is the gold one for the same
  teams (a score where the article states none is wrong);
* a scorer is right when it belongs to a right match and names a gold scorer of
  that match, in this article's gold or another's of the same game (the knowledge
  base merges every account of one game, with the scorers any of them names);
* recall counts the gold matches (scorers) found right.

Team and player names are compared by name, by the aliases in the gold file,
and by surname for players.  ``-v`` lists every verdict.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bbc_sample import JUDGED, SEED, load_judged, run_touchline, sample_names


def _norm(name: str | None) -> str:
    return " ".join((name or "").lower().replace(".", "").split())


def same_team(gold: str, got: str | None, aliases: dict[str, list[str]]) -> bool:
    forms = {_norm(gold), *(_norm(a) for a in aliases.get(gold, []))}
    g = _norm(got)
    return g in forms or any(set(f.split()) <= set(g.split()) for f in forms if len(f.split()) > 1)


def same_player(gold: str, got: str | None, aliases: dict[str, list[str]]) -> bool:
    g = _norm(got)
    forms = {_norm(gold), *(_norm(a) for a in aliases.get(gold, []))}
    return bool(g) and (g in forms or any(f.split()[-1] == g.split()[-1] for f in forms))


def judge_match(m: dict[str, Any], gold: list[dict[str, Any]],
                aliases: dict[str, list[str]]) -> dict[str, Any] | None:
    """The gold match an extracted match is right about, or None."""
    for g in gold:
        a, b = g["teams"]
        if same_team(a, m["home"], aliases) and same_team(b, m["away"], aliases):
            order = (m["home_score"], m["away_score"])
        elif same_team(a, m["away"], aliases) and same_team(b, m["home"], aliases):
            order = (m["away_score"], m["home_score"])
        else:
            continue
        if m["home_score"] is None or (g["score"] is not None and list(order) == list(g["score"])):
            return g
    return None


def score(found: dict[str, list[dict[str, Any]]], judged: dict[str, dict[str, Any]],
          aliases: dict[str, list[str]], verbose: bool = False) -> dict[str, int]:
    n = {"match_got": 0, "match_right": 0, "match_gold": 0, "match_found": 0,
         "scorer_got": 0, "scorer_right": 0, "scorer_gold": 0, "scorer_found": 0}
    # The knowledge base merges every account of one game (same teams, same day) into one event,
    # with the scorers any of them names: a scorer judged right by another article's gold of
    # that game is right (counted as found only for the article whose gold names it).
    told: dict[tuple[frozenset[str], str | None], list[str]] = {}
    for art in judged.values():
        for g in art.get("matches", []):
            told.setdefault((frozenset(_norm(t) for t in g["teams"]), g.get("date")), []).extend(
                g.get("scorers", []))
    for name, art in sorted(judged.items()):
        gold = art.get("matches", [])
        n["match_gold"] += len(gold)
        n["scorer_gold"] += sum(len(g.get("scorers", [])) for g in gold)
        hit_matches: set[int] = set()
        hit_scorers: set[tuple[int, str]] = set()
        for m in found.get(name, []):
            g = judge_match(m, gold, aliases)
            n["match_got"] += 1
            n["match_right"] += g is not None
            if verbose:
                verdict = "RIGHT" if g else "WRONG"
                print(f"{name}: {verdict} match {m['home']} {m['home_score']}-{m['away_score']} {m['away']}")
            if g is not None:
                hit_matches.add(id(g))
            for s in m["scorers"]:
                n["scorer_got"] += 1
                gs = g.get("scorers", []) if g else []
                ok = next((x for x in gs if same_player(x, s, aliases)), None)
                game = (frozenset(_norm(t) for t in g["teams"]), g.get("date")) if g else None
                elsewhere = told.get(game, []) if game else []
                by_other = not ok and any(same_player(x, s, aliases) for x in elsewhere)
                n["scorer_right"] += bool(ok) or by_other
                if ok:
                    hit_scorers.add((id(g), str(ok)))
                if verbose:
                    verdict = "RIGHT" if ok else "RIGHT (another article's account)" if by_other else "WRONG"
                    print(f"{name}:   {verdict} scorer {s}")
        n["match_found"] += len(hit_matches)
        n["scorer_found"] += len(hit_scorers)
        if verbose:
            for g in gold:
                if id(g) not in hit_matches:
                    print(f"{name}: MISSED match {g['teams'][0]} v {g['teams'][1]} {g['score']}")
                for s in g.get("scorers", []):
                    if (id(g), s) not in hit_scorers:
                        print(f"{name}: MISSED scorer {s}")
    return n


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a (0/0)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    folder = args.shared / "data" / "bbcsport" / "football"
    judged = load_judged()
    if not folder.is_dir() or not judged:
        print(f"== bbc_judged: no BBC articles at {folder} or no judged file: nothing to score")
        return 0
    names = sample_names(folder)
    missing = sorted(set(names) ^ set(judged))
    if missing:
        print(f"warning: sample and judged file differ on {', '.join(missing)}", file=sys.stderr)
    aliases = json.loads(JUDGED.read_text(encoding="utf-8")).get("aliases", {})
    try:
        found = run_touchline(folder, names, {n: judged.get(n, {}).get("published") for n in names})
    except Exception as exc:  # a report, not a gate
        print(f"== bbc_judged: touchline run failed: {exc}")
        return 0
    n = score(found, judged, aliases, verbose=args.verbose)
    print(f"== bbc_judged: {len(names)} BBC football articles (seed {SEED}), judged by hand")
    print(f"matches  precision {_ratio(n['match_right'], n['match_got'])}  "
          f"recall {_ratio(n['match_found'], n['match_gold'])}")
    print(f"scorers  precision {_ratio(n['scorer_right'], n['scorer_got'])}  "
          f"recall {_ratio(n['scorer_found'], n['scorer_gold'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
