"""League positions: "sitting 24th in the league table", "second-placed Barcelona", "top of La Liga"."""

from __future__ import annotations

import logging
import re
from typing import Any

from spacy.tokens import Span

from touchline.model import StandingEvent
from touchline.nlp.events import dates
from touchline.nlp.events.context import Context, Hits, lexicon
from touchline.nlp.events.people import event

logger = logging.getLogger(__name__)

_ORD = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")


def _ordinal(low: str) -> int | None:
    m = _ORD.match(low)
    if m:
        return int(m.group(1))
    val = lexicon()["ordinals"].get(low)
    return int(val) if val is not None else None


def _competition(ctx: Context, sent: Span, near: int) -> tuple[str | None, float]:
    comps = ctx.in_range(sent.start, sent.end, ("competition",))
    if comps:
        return min(comps, key=lambda m: abs(m.tok_start - near)).entity, 1.0
    # an earlier sentence's competition says which table only when it is a league: after a
    # Champions League paragraph, "14th in the league table" is the domestic league
    prev = [m for m in ctx.mentions if m.kind == "competition" and m.tok_end <= sent.start]
    if prev and ctx.attrs.get(prev[-1].entity, {}).get("type") == "league":
        return prev[-1].entity, 0.8
    return None, 1.0


def _subject_team(ctx: Context, i: int, sent: Span) -> str | None:
    return ctx.subject_team(i, sent)


def extract_standings(ctx: Context, hits: Hits) -> list[dict[str, Any]]:
    doc = ctx.doc
    lex = lexicon()
    table = set(lex["table_words"])
    verbs = set(lex["standing_verbs"])
    report = dates.report_date(doc)
    out: dict[tuple[str, int], dict[str, Any]] = {}

    def add(team: str | None, pos: int, sent: Span, near: int, conf: float) -> None:
        if team is None or (team, pos) in out:
            return
        comp, cconf = _competition(ctx, sent, near)
        out[(team, pos)] = event("standing", StandingEvent(team, comp, pos, None), conf * cconf,
                                 [(sent.start_char, sent.end_char)], report)

    for sent in doc.sents:
        for i in range(sent.start, sent.end):
            pos = _ordinal(ctx.lower[i])
            if pos is None:
                continue
            t = doc[i]
            nxt = doc[t.i + 1: min(t.i + 3, sent.end)]
            # "second-placed Barcelona", "20th-placed Wolves"
            if len(nxt) >= 2 and nxt[0].text == "-" and nxt[1].lower_ == "placed" and t.i + 3 < sent.end:
                hit = ctx.team_at(t.i + 3)
                if hit:
                    add(hit[0], pos, sent, t.i, 0.8)
                continue
            # "sitting 24th in the league table"
            prev = doc[t.i - 1].lower_ if t.i > sent.start else ""
            window = {x.lower_ for x in doc[t.i + 1: min(t.i + 6, sent.end)]}
            if (prev in verbs or prev in ("currently", "now", "still")) and window & table:
                add(_subject_team(ctx, t.i, sent), pos, sent, t.i, 0.75)
        # "at the top of the La Liga table", "top of the Premier League"
        for t in sent:
            if t.lower_ != "top" or t.i + 1 >= sent.end or doc[t.i + 1].lower_ != "of":
                continue
            tail = doc[t.i + 2: min(t.i + 7, sent.end)]
            if any(x.lower_ in table for x in tail) or ctx.in_range(tail.start, tail.end, ("competition",)):
                add(_subject_team(ctx, t.i, sent), 1, sent, t.i, 0.75)
    return list(out.values())


def extract(ctx: Context, hits: list[Any], legacy: Hits, clusters: list[Any]) -> list[dict[str, Any]]:
    """Every standing an article tells."""
    return extract_standings(ctx, legacy)
