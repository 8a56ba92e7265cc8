"""Named derbies: "El Clasico", "the Merseyside derby" stand for the two clubs that play them.

A derby name becomes a mention of kind ``derby`` for the rules only (the event
context adds it; it is never stored as an entity); a result told of a derby ("the humiliation they suffered
in El Clasico on Sunday") has the derby's other club for its opponent.  The
names and clubs are data (``data/events/derbies.json``).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span

from touchline.nlp.extensions import doc_text

DATA = Path(__file__).resolve().parent.parent / "data" / "events" / "derbies.json"


@lru_cache(maxsize=1)
def _derbies() -> tuple[re.Pattern[str], dict[str, str], dict[str, tuple[str, str]]]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    by_name: dict[str, str] = {}
    clubs: dict[str, tuple[str, str]] = {}
    for d in data["derbies"]:
        a, b = d["clubs"]
        clubs[d["id"]] = (a, b)
        for name in d["names"]:
            by_name[name.lower()] = d["id"]
    names = sorted(by_name, key=len, reverse=True)
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I)
    return pattern, by_name, clubs


def derby_clubs(derby: str | None) -> tuple[str, str] | None:
    """The two clubs of a derby id."""
    return _derbies()[2].get(derby or "")


def derby_spans(doc: Doc) -> list[tuple[int, int, Span, str]]:
    """Every derby name of the article: its characters [start, end), its tokens, the derby id."""
    pattern, by_name, _clubs = _derbies()
    found = []
    for m in pattern.finditer(doc_text(doc)):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None and len(span) > 0:
            found.append((m.start(), m.end(), span, by_name[" ".join(m.group(0).lower().split())]))
    return found
