"""Precision and recall of matches, scores, scorers, dates and coach roles on examples/articles (the dev set).

``python eval/extraction/examples_eval.py`` ingests ``examples/articles/*.txt``,
``examples/articles/more/`` and the invented reports in ``eval/extraction/invented/``
into a fresh SQLite knowledge base, exports it and scores the extracted events
against ``examples_gold.json`` (see its ``about``):

* an extracted match is right when its two teams are a gold match's teams of that
  article and, if it gives a score, the score is the gold one (a score where the
  article states none is wrong); a match judged ``optional`` in the gold is ignored;
* a score is right when a right match gives the gold score (recall over gold
  matches with a score);
* a scorer is right when it belongs to a right match and names one of its gold
  scorers (an own-goal scorer reported as a scorer is wrong; one flagged ``own_goal``
  claims no goal of his own and is not counted either way);
* a date is right when a right match's date is the gold date (only gold matches
  with a date count);
* a role is a head-coach (or interim) role event naming the gold person and team.

Teams are compared by entity name and aliases (plus the gold file's aliases),
players also by surname.  ``-v`` prints every miss and every wrong prediction,
``-vv`` also every right one.  The BBC sample (``bbc_judged.py``) is the held-out
test set; this one is for development.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
GOLD = HERE / "examples_gold.json"
ARTICLES = ROOT / "examples" / "articles"
# Invented match reports (fictional players and results between real clubs) that test
# report phrasings; kept out of examples/ so the demo knowledge base holds no fiction.
INVENTED = HERE / "invented"
ROLE_KINDS = ("head_coach", "interim_head_coach")


def norm(text: str | None) -> str:
    """Lower case, no accents, punctuation as spaces, no leading "the"."""
    s = unicodedata.normalize("NFKD", text or "")
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower().replace("’", "'")
    words = "".join(ch if ch.isalnum() else " " for ch in s).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


class Names:
    """Every normalised name an exported entity goes by."""

    def __init__(self, entities: Iterable[dict[str, Any]], aliases: dict[str, list[str]]) -> None:
        self.forms: dict[str, set[str]] = {}
        self.name: dict[str, str] = {}
        for e in entities:
            self.name[e["id"]] = e["name"]
            self.forms[e["id"]] = {norm(e["name"]), *(norm(a) for a in e.get("aliases") or [])}
        self.gold_aliases = {g: {norm(g), *(norm(a) for a in al)} for g, al in aliases.items()}

    def gold_forms(self, gold: str) -> set[str]:
        return self.gold_aliases.get(gold, {norm(gold)})

    def team(self, gold: str, eid: str | None) -> bool:
        if not eid:
            return False
        return bool(self.gold_forms(gold) & self.forms.get(eid, {norm(eid)}))

    def player(self, gold: str, eid: str | None) -> bool:
        if not eid:
            return False
        got = self.forms.get(eid, {norm(eid)})
        want = self.gold_forms(gold)
        if got & want:
            return True
        last = {f.split()[-1] for f in want if f}
        return any(f and f.split()[-1] in last and len(f.split()) > 1 for f in got) or bool(got & last)


def run(paths: list[Path]) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "src"))
    from touchline.api import KnowledgeBase

    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(str(Path(tmp) / "examples.db"))
        kb.ingest([str(p) for p in paths])
        export: dict[str, Any] = kb.export()
        return export


def article_key(a: dict[str, Any]) -> str:
    return str(a.get("url") or Path(str(a["source"])).name)


def by_article(export: dict[str, Any], kind: str) -> dict[str, list[dict[str, Any]]]:
    """Events of one kind per article key (a syndicated copy states what its original states)."""
    key_of = {a["id"]: article_key(a) for a in export["articles"]}
    copies: dict[str, list[str]] = {}
    for a in export["articles"]:
        if a.get("duplicate_of"):
            copies.setdefault(a["duplicate_of"], []).append(a["id"])
    out: dict[str, list[dict[str, Any]]] = {}
    for ev in export["events"]:
        if ev["kind"] != kind:
            continue
        arts = {s["article"] for s in ev.get("sources") or []}
        arts |= {c for a in list(arts) for c in copies.get(a, [])}
        for aid in sorted(arts):
            if aid in key_of:
                out.setdefault(key_of[aid], []).append(ev)
    return out


def judge(m: dict[str, Any], gold: list[dict[str, Any]], names: Names) -> tuple[dict[str, Any] | None, bool]:
    """The gold match an extracted match is about (or None), and whether its score is right."""
    for g in gold:
        a, b = g["teams"]
        if names.team(a, m.get("home")) and names.team(b, m.get("away")):
            got = (m.get("home_score"), m.get("away_score"))
        elif names.team(a, m.get("away")) and names.team(b, m.get("home")):
            got = (m.get("away_score"), m.get("home_score"))
        else:
            continue
        if got[0] is None:
            return g, True
        if g["score"] is not None and list(got) == list(g["score"]):
            return g, True
        return g, False
    return None, False


def score(export: dict[str, Any], gold: dict[str, Any], verbose: int = 0) -> dict[str, int]:
    names = Names(export["entities"], gold.get("aliases", {}))
    matches = by_article(export, "match")
    roles = by_article(export, "role")
    n = dict.fromkeys((f"{k}_{v}" for k in ("match", "score", "scorer", "role")
                       for v in ("got", "right", "gold", "found")), 0)
    n.update(dict.fromkeys(("date_got", "date_right", "date_gold", "date_unstated"), 0))

    def nm(eid: Any, default: Any = None) -> Any:
        return names.name.get(eid, default)

    def say(level: int, text: str) -> None:
        if verbose >= level:
            print(text)

    # An event merged over several articles carries every article's scorers: a scorer is right
    # when any article's gold names him for the same match (same teams and score).
    pool: dict[tuple[frozenset[str], str], set[str]] = {}
    for art in gold["articles"]:
        for g in art["matches"]:
            pk = (frozenset(g["teams"]), str(sorted(g["score"])) if g["score"] else "")
            pool.setdefault(pk, set()).update(g.get("scorers", []))
    for art in gold["articles"]:
        key = art["file"]
        golds = [g for g in art["matches"] if not g.get("optional")]
        n["match_gold"] += len(golds)
        n["score_gold"] += sum(g["score"] is not None for g in golds)
        n["scorer_gold"] += sum(len(g.get("scorers", [])) for g in golds)
        n["date_gold"] += sum(bool(g.get("date")) for g in golds)
        hit: set[int] = set()
        hit_score: set[int] = set()
        hit_scorer: set[tuple[int, str]] = set()
        for m in matches.get(key, []):
            g, ok = judge(m, art["matches"], names)
            desc = f"{nm(m.get('home'), m.get('home'))} {m.get('home_score')}-{m.get('away_score')} " \
                   f"{nm(m.get('away'), m.get('away'))} [{m.get('date')}] conf={m.get('confidence')}"
            if g is not None and g.get("optional"):
                say(2, f"{key}: OPTIONAL match {desc}")
                continue
            right = g is not None and ok
            n["match_got"] += 1
            n["match_right"] += right
            say(2 if right else 1, f"{key}: {'RIGHT' if right else 'WRONG'} match {desc}")
            if m.get("home_score") is not None:
                n["score_got"] += 1
                n["score_right"] += right
            if not right or g is None:
                for s in m.get("scorers") or []:
                    n["scorer_got"] += 1
                    say(1, f"{key}:   WRONG scorer {nm(s.get('player'), s.get('player'))} (wrong match)")
                continue
            hit.add(id(g))
            if m.get("home_score") is not None:
                hit_score.add(id(g))
            if g.get("date"):
                n["date_got"] += bool(m.get("date"))
                n["date_right"] += m.get("date") == g["date"]
                if m.get("date") != g["date"]:
                    say(1, f"{key}:   DATE {m.get('date')} for gold {g['date']}")
            elif m.get("date"):
                # the gold finds no day in the text: a date here is a guess (the D-1 fallback) or wrong
                n["date_unstated"] += 1
                say(1, f"{key}:   DATE {m.get('date')} where the gold states none "
                       f"(conf={m.get('confidence')})")
            for s in m.get("scorers") or []:
                if s.get("own_goal"):
                    continue
                found = next((x for x in g.get("scorers", []) if names.player(x, s.get("player"))), None)
                pk = (frozenset(g["teams"]), str(sorted(g["score"])) if g["score"] else "")
                elsewhere = found is None and len(m.get("sources") or []) > 1 and any(
                    names.player(x, s.get("player")) for x in pool.get(pk, ()))
                if elsewhere:
                    say(2, f"{key}:   (scorer {nm(s.get('player'), '')} stated by another article)")
                    continue
                n["scorer_got"] += 1
                if found is not None and any(names.player(o, s.get("player"))
                                             for o in g.get("own_goals", [])):
                    found = None
                n["scorer_right"] += found is not None
                if found is not None:
                    hit_scorer.add((id(g), found))
                say(2 if found else 1, f"{key}:   {'RIGHT' if found else 'WRONG'} scorer "
                                       f"{nm(s.get('player'), s.get('player'))}")
        n["match_found"] += len(hit)
        n["score_found"] += len(hit_score)
        n["scorer_found"] += len(hit_scorer)
        for g in golds:
            if id(g) not in hit:
                say(1, f"{key}: MISSED match {g['teams'][0]} v {g['teams'][1]} {g['score']}")
            elif g["score"] is not None and id(g) not in hit_score:
                say(1, f"{key}: MISSED score of {g['teams'][0]} v {g['teams'][1]} {g['score']}")
            for s in g.get("scorers", []):
                if id(g) in hit and (id(g), s) not in hit_scorer:
                    say(1, f"{key}: MISSED scorer {s} ({g['teams'][0]} v {g['teams'][1]})")
                elif id(g) not in hit:
                    say(1, f"{key}: MISSED scorer {s} (match missed)")
        # roles
        n["role_gold"] += len(art.get("roles", []))
        role_hit: set[int] = set()
        for r in roles.get(key, []):
            if r.get("role") not in ROLE_KINDS:
                continue
            n["role_got"] += 1
            g = next((x for x in art.get("roles", []) if names.player(x["person"], r.get("person"))
                      and names.team(x["team"], r.get("team"))), None)
            n["role_right"] += g is not None
            if g is not None:
                role_hit.add(id(g))
            say(2 if g else 1, f"{key}: {'RIGHT' if g else 'WRONG'} role {nm(r.get('person'))} "
                               f"{r.get('role')} {nm(r.get('team'))}")
        n["role_found"] += len(role_hit)
        for x in art.get("roles", []):
            if id(x) not in role_hit:
                say(1, f"{key}: MISSED role {x['person']} {x['role']} {x['team']}")
    return n


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a (0/0)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="count", default=0)
    ap.add_argument("--export", type=Path, help="score this export JSON instead of ingesting afresh")
    args = ap.parse_args()
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    if args.export:
        export = json.loads(args.export.read_text(encoding="utf-8"))
    else:
        export = run([*sorted(ARTICLES.glob("*.txt")), ARTICLES / "more", INVENTED])
    n = score(export, gold, args.verbose)
    print(f"== examples_eval: {len(gold['articles'])} articles of examples/articles and "
          "eval/extraction/invented (dev set)")
    for label, k in (("matches", "match"), ("scores", "score"), ("scorers", "scorer"), ("roles", "role")):
        print(f"{label:8} precision {ratio(n[k + '_right'], n[k + '_got'])}  "
              f"recall {ratio(n[k + '_found'], n[k + '_gold'])}")
    print(f"dates    precision {ratio(n['date_right'], n['date_got'])}  "
          f"recall {ratio(n['date_right'], n['date_gold'])}  "
          f"(dated where the gold states no day: {n['date_unstated']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
