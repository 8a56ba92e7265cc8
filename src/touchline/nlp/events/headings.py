"""Round-up headings in capitals: "HARBOUR 2, CASTLEMOOR 0" over each game's paragraphs.

Wire round-ups (the AP's league nights) put each game under a heading of the
two clubs' last names in capitals and the score, winner first; the paragraphs
below name the clubs in full.  A heading's names become mentions of the clubs
the article names with that word ("the Harbour City Gulls" for "GULLS"), or of
the one gazetteer club whose name ends in it; a name that fits no club or
several stays a plain word, and the rule ``result.caps_heading`` then finds
nothing to read.
"""

from __future__ import annotations

import re
from functools import lru_cache

from touchline.nlp.events.context import Context, Ment
from touchline.nlp.events.engine import Hit
from touchline.nlp.events.guards import guard
from touchline.nlp.extensions import doc_text
from touchline.nlp.gazetteer_data import fold_name, load_default

_NAME = r"([A-Z][A-Z.'’ -]{1,30}[A-Z.])"
_HEADING = re.compile(rf"^[ \t]*{_NAME} (\d{{1,2}}), {_NAME} (\d{{1,2}})[ \t]*$", re.MULTILINE)
_TEAM_KINDS = ("club", "national_team")


@lru_cache(maxsize=1)
def _clubs_by_last_word() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for e in load_default().entries.values():
        if e["kind"] not in _TEAM_KINDS:
            continue
        for form in (e["name"], *e["aliases"]):
            words = fold_name(form).split()
            if len(words) >= 2:
                out.setdefault(words[-1], set()).add(e["id"])
    return {k: frozenset(v) for k, v in out.items()}


def heading_club(ctx: Context, name: str) -> str | None:
    """The club a heading's capitalised name stands for, when exactly one fits."""
    folded = fold_name(name)
    words = folded.split()
    named = {m.entity for m in ctx.mentions if m.kind in _TEAM_KINDS
             and fold_name(m.text).split()[-len(words):] == words}
    if len(named) == 1:
        return named.pop()
    if named:
        return None
    known = _clubs_by_last_word().get(folded, frozenset())
    return next(iter(known)) if len(known) == 1 else None


def mark_heading_clubs(ctx: Context) -> None:
    """Mentions for the club names of every capitals heading with a score."""
    doc = ctx.doc
    for m in _HEADING.finditer(doc_text(doc)):
        for group in (1, 3):
            start, end = m.start(group), m.end(group)
            if any(x.start < end and start < x.end for x in ctx.mentions):
                continue
            eid = heading_club(ctx, m.group(group))
            span = doc.char_span(start, end, alignment_mode="contract")
            if eid is None or span is None or not len(span):
                continue
            if eid not in ctx.kinds:
                ctx.bring_entity(eid)
            ctx.add_mention(Ment(start, end, ctx.kinds.get(eid, "club"), eid, span.text, span.start, span.end,
                                 "heading", 0.8))


@guard("heading_line")
def heading_line(ctx: Context, hit: Hit) -> bool:
    """The hit is a whole line of its own: a heading, not a running sentence."""
    text = doc_text(ctx.doc)
    start = ctx.doc[hit.start].idx
    last = ctx.doc[hit.end - 1]
    end = last.idx + len(last)
    return text[text.rfind("\n", 0, start) + 1:start].strip() == "" and \
        text[end:(text.find("\n", end) + 1 or len(text) + 1) - 1].strip() == ""
