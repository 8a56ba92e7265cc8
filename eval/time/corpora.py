"""Evaluation sets for the time stage, read at run time from ``/work/shared`` (never copied).

Each loader yields :class:`EvalDoc` records: text, document creation date and gold timexes
with character offsets into that text.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from touchline.nlp.time.timeml import GoldTimex, read_timeml

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
TE3 = SHARED / "tempeval3"
MEANTIME = SHARED / "meantime-en" / "intra-doc_annotation"
BBC = SHARED / "bbcsport" / "football"
BBC_GOLD = Path(__file__).resolve().parent / "bbc_football_timex.jsonl"


@dataclass
class EvalDoc:
    id: str
    text: str
    dct: date | None
    gold: list[GoldTimex] = field(default_factory=list)


def platinum() -> Iterator[EvalDoc]:
    """TE3 platinum: system input from ``te3-platinum-input``, gold from ``te3-platinum``."""
    for inp in sorted((TE3 / "te3-platinum-input").glob("*.TE3input")):
        doc = read_timeml(inp)
        name = inp.name.replace(".TE3input", "")
        gold_path = TE3 / "te3-platinum" / name
        if not gold_path.exists():
            # One gold file is spelt differently from its input ("sarcozy"/"sarkozy").
            gold_path = TE3 / "te3-platinum" / name.replace("sarkozy", "sarcozy")
        gold = read_timeml(gold_path)
        if gold.text != doc.text:
            raise ValueError(f"{inp.name}: input and gold texts differ")
        yield EvalDoc(inp.name.split(".")[0], doc.text, doc.dct, gold.timexes)


def tbaq() -> Iterator[EvalDoc]:
    """TBAQ-cleaned training data (TimeBank + AQUAINT): the only set we tune on."""
    for sub in ("TimeBank", "AQUAINT"):
        for path in sorted((TE3 / "TBAQ-cleaned" / sub).glob("*.tml")):
            doc = read_timeml(path)
            yield EvalDoc(path.stem, doc.text, doc.dct, doc.timexes)


_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?%)\]}]|'s|'|n't|'re|'ve|'ll|'d|'m)$")


def token_gap(prev: str, word: str) -> str:
    """The space detokenised text puts between two tokens: none before punctuation and
    clitics ("'s", "n't") or after an opening bracket or "$"."""
    return "" if _NO_SPACE_BEFORE.match(word) or prev in "([{$" else " "


def meantime() -> Iterator[EvalDoc]:
    """MEANTIME English (CAT XML): tokens detokenised with simple spacing rules.

    Only the annotated region is scored.  MEANTIME's annotators marked the title and the
    first few sentences of each article (sentences 0-5 in nearly every document) and left
    the rest of the text unannotated, so a tagger run over the whole article would be
    charged with false positives for every correct timex further down.  Each text is
    therefore cut after the last sentence holding any markable (entity, event or timex).
    The date line (the sentence holding the creation-time timex) is the DCT: it is given
    to the taggers as the document date and left out of the text, as TE3 gives the DCT
    outside the text and does not score it.  Both systems see the same cut text.
    """
    for path in sorted(MEANTIME.glob("*/*.xml")):
        root = ET.parse(path).getroot()
        sentence_of = {tok.get("t_id", ""): tok.get("sentence", "") for tok in root.iter("token")}
        last = -1
        dct_sentences: set[str] = set()
        markables = root.find("Markables")
        for mark in markables if markables is not None else []:
            ids = [a.get("t_id", "") for a in mark.iter("token_anchor")]
            sents = [int(sentence_of[i]) for i in ids if sentence_of.get(i, "").isdigit()]
            if sents:
                last = max(last, *sents)
            if mark.tag == "TIMEX3" and mark.get("functionInDocument") == "CREATION_TIME":
                dct_sentences.update(sentence_of.get(i, "") for i in ids)
        parts: list[str] = []
        offsets: dict[str, tuple[int, int]] = {}
        pos = 0
        prev_sent = None
        prev = ""
        for tok in root.iter("token"):
            word = tok.text or ""
            sent = tok.get("sentence", "")
            if sent in dct_sentences or (last >= 0 and sent.isdigit() and int(sent) > last):
                continue
            if parts:
                sep = "\n" if sent != prev_sent else token_gap(prev, word)
                parts.append(sep)
                pos += len(sep)
            offsets[tok.get("t_id", "")] = (pos, pos + len(word))
            parts.append(word)
            pos += len(word)
            prev_sent, prev = sent, word
        text = "".join(parts)
        dct: date | None = None
        gold: list[GoldTimex] = []
        for tx in root.iter("TIMEX3"):
            ids = [a.get("t_id", "") for a in tx.iter("token_anchor")]
            value = tx.get("value", "")
            if tx.get("functionInDocument") == "CREATION_TIME":
                m = re.match(r"(\d{4})-(\d\d)-(\d\d)", value)
                if m:
                    dct = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                continue
            if not ids or any(i not in offsets for i in ids):
                continue
            start = min(offsets[i][0] for i in ids)
            end = max(offsets[i][1] for i in ids)
            gold.append(GoldTimex(start, end, text[start:end], tx.get("type", ""), value))
        yield EvalDoc(path.stem, text, dct, gold)


def bbc_football() -> Iterator[EvalDoc]:
    """Our football gold (``bbc_football_timex.jsonl``) over the BBC Sport articles it names."""
    if not BBC_GOLD.exists():
        return
    items: dict[str, list[dict[str, object]]] = {}
    dates: dict[str, str] = {}
    for line in BBC_GOLD.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        items.setdefault(str(item["file"]), []).append(item)
        dates[str(item["file"])] = str(item["dct"])
    for name in sorted(items):
        text = (BBC / f"{name}.txt").read_text(encoding="utf-8", errors="replace")
        gold = [
            GoldTimex(int(i["start"]), int(i["end"]), text[int(i["start"]) : int(i["end"])],  # type: ignore[call-overload]
                      str(i["type"]), str(i["value"]))
            for i in items[name]
        ]
        yield EvalDoc(name, text, date.fromisoformat(dates[name]), gold)


SETS = {"platinum": platinum, "tbaq": tbaq, "meantime": meantime, "bbc": bbc_football}
