"""Where touchline's time tagger and HeidelTime disagree on unlabelled news (CoNLL-2003 text).

A way to find recall and value gaps without looking at any evaluation gold: both
taggers run over Reuters articles (CoNLL-2003 ``valid`` and ``test``, whose dateline
gives each document's date), and the expressions only one of them finds, or that
both find with different values, are grouped by shape (digits become ``9``) and
counted.  HeidelTime is not gold: each group is a lead to judge by hand, and any rule
it inspires is then checked on the TBAQ training data.

Usage: ``.venv/bin/python eval/time/disagree.py [--files valid,test] [--limit N] [--show K]``
Reads the corpus at run time from ``/work/shared`` (it may not be copied); writes nothing
except HeidelTime's cache (see ``heideltime.py``).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date
from itertools import pairwise
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "src"))

import corpora  # noqa: E402
import heideltime  # noqa: E402

from touchline.nlp.time import find_timex_dicts  # noqa: E402

CONLL = corpora.SHARED / "conll2003"
_DATELINE = re.compile(r"(\d{4})-(\d\d)-(\d\d)$")
def _detokenise(words: list[str]) -> str:
    out = words[0] if words else ""
    for prev, word in pairwise(words):
        out += corpora.token_gap(prev, word) + word
    return out


def conll_docs(name: str) -> Iterator[corpora.EvalDoc]:
    """CoNLL documents with their dateline as DCT; the headline and dateline are left out."""
    doc: list[list[str]] = []
    sent: list[str] = []

    def finish(n: int) -> corpora.EvalDoc | None:
        dct: date | None = None
        body: list[str] = []
        for s in doc:
            m = _DATELINE.match(s[-1]) if s else None
            if dct is None and m and len(s) <= 6:
                dct = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                body = []  # everything before the dateline is the headline
                continue
            body.append(_detokenise(s))
        if dct is None or not body:
            return None
        return corpora.EvalDoc(f"{name}-{n}", "\n".join(body), dct)

    n = 0
    for line in (CONLL / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            if sent:
                doc.append(sent)
            if doc and (d := finish(n)):
                yield d
            n += 1
            doc, sent = [], []
        elif not line.strip():
            if sent:
                doc.append(sent)
            sent = []
        else:
            sent.append(line.split(" ")[0])
    if sent:
        doc.append(sent)
    if doc and (d := finish(n)):
        yield d


def shape(text: str) -> str:
    return re.sub(r"\d", "9", text.lower())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", default="valid,test")
    ap.add_argument("--limit", type=int, default=0, help="documents per file (0: all)")
    ap.add_argument("--show", type=int, default=60, help="groups to print per kind")
    args = ap.parse_args(argv)
    if why := heideltime.problem():
        print(f"cannot run HeidelTime: {why}", file=sys.stderr)
        return 2
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[tuple[str, str], str] = {}
    for name in args.files.split(","):
        for i, doc in enumerate(conll_docs(name)):
            if args.limit and i >= args.limit:
                break
            theirs, _ = heideltime.tag(doc.text, doc.dct)
            ours = [t for t in find_timex_dicts(doc.text, doc.dct) if t["value"] is not None]
            for h in theirs:
                hit = [o for o in ours if int(o["start"]) < h.end and h.start < int(o["end"])]  # type: ignore[call-overload]
                if not hit:
                    kind, key = "heideltime-only", f"{shape(h.text)} = {h.value}"
                elif all(str(o["value"]) != h.value for o in hit):
                    kind, key = "value", f"{shape(h.text)}: HT {h.value} / ours {hit[0]['value']}"
                else:
                    continue
                groups[kind][key] += 1
                where = f"{doc.id} dct={doc.dct} | {_context(doc.text, h.start, h.end)}"
                examples.setdefault((kind, key), where)
            for o in ours:
                s, e = int(o["start"]), int(o["end"])  # type: ignore[call-overload]
                if not any(h.start < e and s < h.end for h in theirs):
                    key = f"{shape(str(o['text']))} = {o['value']}"
                    groups["touchline-only"][key] += 1
                    where = f"{doc.id} dct={doc.dct} | {_context(doc.text, s, e)}"
                    examples.setdefault(("touchline-only", key), where)
    for kind in ("heideltime-only", "touchline-only", "value"):
        total = sum(groups[kind].values())
        print(f"\n## {kind}: {total}")
        for key, count in groups[kind].most_common(args.show):
            print(f"{count:4d}  {key}\n      {examples[(kind, key)]}")
    return 0


def _context(text: str, start: int, end: int) -> str:
    left = text[max(0, start - 60):start].replace("\n", " ")
    right = text[end:end + 40].replace("\n", " ")
    return f"{left}[[{text[start:end]}]]{right}"


if __name__ == "__main__":
    raise SystemExit(main())
