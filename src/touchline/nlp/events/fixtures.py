"""Upcoming games: "away to Olympiacos on November 26", "against Rayo Vallecano on Sunday"."""

from __future__ import annotations

import logging
from typing import Any

from touchline.model import FixtureEvent
from touchline.nlp.events import dates
from touchline.nlp.events.context import Context, Hits
from touchline.nlp.events.people import event

logger = logging.getLogger(__name__)


def extract_fixtures(ctx: Context, hits: Hits) -> list[dict[str, Any]]:
    doc = ctx.doc
    out: dict[tuple[str, str, str | None], dict[str, Any]] = {}
    for sent in doc.sents:
        future_words = bool(hits.find("future_markers", sent.start, sent.end))
        when = dates.timex_in(doc, sent.start_char, sent.end_char, want="future")
        if when is None:
            # a named past day ("on Sunday" already played) rules the sentence out
            if dates.timex_in(doc, sent.start_char, sent.end_char, want="past") is not None:
                continue
            if not any(t.lower_ in ("will", "'ll", "next") for t in sent):
                continue
        elif not future_words and not any(t.tag_ in ("MD", "VBZ", "VBP") for t in sent):
            continue
        for side in ("away", "home", "neutral"):
            for s, e in hits.find(f"fixture_opponent_cues.{side}", sent.start, sent.end):
                opp = None
                for j in range(e, min(e + 3, sent.end)):
                    hit = ctx.team_at(j)
                    if hit:
                        opp = hit[0]
                        break
                    if doc[j].is_punct:
                        break
                if opp is None:
                    continue
                team = ctx.subject_team(s, sent)
                if team is None or team == opp:
                    continue
                home, away = (opp, team) if side == "away" else (team, opp)
                conf = 0.8 if side != "neutral" else 0.65
                if when is None:
                    conf *= 0.7
                comps = ctx.in_range(sent.start, sent.end, ("competition",))
                comp = min(comps, key=lambda m: abs(m.tok_start - s)).entity if comps else None
                key = (min(home, away), max(home, away), when.value if when else None)
                if key in out:
                    continue
                srcs = [(sent.start_char, sent.end_char)]
                out[key] = event("fixture", FixtureEvent(home, away, comp, None), conf, srcs,
                                 when.value if when else None)
    return list(out.values())
