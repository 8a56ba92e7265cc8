"""Named derbies: "El Clasico", "the Merseyside derby" stand for the two clubs that play them.

A derby name becomes a mention of kind ``derby`` for the rules only (it is never
stored as an entity); a result told of a derby ("the humiliation they suffered
in El Clasico on Sunday") has the derby's other club for its opponent.  The
names and clubs are data (``data/events/derbies.json``).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from touchline.nlp.events.context import Context, Ment
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


def mark_derbies(ctx: Context) -> None:
    """Every derby name of the article as a ``derby`` mention, over any club it contains
    ("Madrid derby" is no mention of Real Madrid)."""
    pattern, by_name, _clubs = _derbies()
    doc = ctx.doc
    for m in pattern.finditer(doc_text(doc)):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        derby = by_name[" ".join(m.group(0).lower().split())]
        ment = Ment(m.start(), m.end(), "derby", derby, m.group(0), span.start, span.end, "derby", 0.9)
        ctx.add_mention(ment, adopted=False)
