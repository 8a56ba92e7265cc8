"""Upcoming games: "away to Olympiacos on November 26", "against Rayo Vallecano on Sunday",
"ahead of Sunday's Chelsea v Arsenal"."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span

from touchline.model import FixtureEvent
from touchline.nlp.events import dates
from touchline.nlp.events.context import Context, Hits
from touchline.nlp.events.people import event

logger = logging.getLogger(__name__)

VERSUS = ("v", "v.", "vs", "vs.", "versus")
_AUX_WORDS = {"will", "'ll", "are", "is", "also", "then", "now", "to", "play", "plays"}
# A draw is made before the games it pairs: "were drawn at home to Stoke" is a fixture.
_DRAW_VERBS = {"drawn", "paired", "handed"}


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int  # token span of the cue ("away to", "host") or of "X v Y"
    end: int
    home: str
    away: str
    conf: float


def versus_pairs(ctx: Context, sent: Span) -> list[tuple[str, str, int, int]]:
    """ "Chelsea v Arsenal" in a sentence: (home, away, first token, end token)."""
    out = []
    for t in sent:
        if t.lower_ not in VERSUS or t.i == sent.start or t.i + 1 >= sent.end:
            continue
        left = ctx.team_at(t.i - 1)
        right = ctx.team_at(t.i + 1)
        if left and right and left[0] != right[0]:
            out.append((left[0], right[0], left[1].tok_start, right[1].tok_end))
    return out


def _cues(ctx: Context, hits: Hits, sent: Span) -> list[_Cue]:
    """Every stated pairing of the sentence, in text order."""
    doc = ctx.doc
    out: list[_Cue] = []
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
            # "Chelsea host Spurs", "Chelsea will play host to": the team right before the cue
            # (over auxiliaries), else the clause subject
            k = s - 1
            while k > sent.start and (doc[k].tag_ == "MD" or doc[k].lower_ in _AUX_WORDS):
                k -= 1
            left = ctx.team_at(k) if k >= sent.start else None
            team = left[0] if left else ctx.subject_team(s, sent)
            if team is None or team == opp:
                continue
            home, away = (opp, team) if side == "away" else (team, opp)
            if side == "away" and e < sent.end and doc[e].lower_ == "of":
                home, away = team, opp  # "the visit of Switzerland": Switzerland are the visitors
            out.append(_Cue(s, e, home, away, 0.8 if side != "neutral" else 0.65))
    for home, away, s, e in versus_pairs(ctx, sent):
        # "Chelsea v Arsenal ended 2-2" is a result, told by the match rules
        nxt = doc[e].lower_ if e < sent.end else ""
        if nxt in ("ended", "finished", "ends", "finishes") or (e < sent.end and doc[e].like_num):
            continue
        out.append(_Cue(s, e, home, away, 0.7))
    out.sort(key=lambda c: c.start)
    # one pairing per place: "play against X" is one cue, not two
    kept: list[_Cue] = []
    for c in out:
        if kept and {kept[-1].home, kept[-1].away} == {c.home, c.away} and c.start - kept[-1].end <= 2:
            continue
        kept.append(c)
    return kept


def _told_in_past(doc: Any, cue_start: int) -> bool:
    """ "it came against Chelsea": the verb the pairing hangs on is in the past tense, so the
    game was played, whatever else the sentence says about the future."""
    verb = doc[cue_start]
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.tag_ not in ("VBD", "VBN") or verb.lower_ in _DRAW_VERBS:
        return False
    return not any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "'ll", "to", "be", "is", "are")
                   for c in verb.children)


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
        elif not future_words and not any(t.tag_ in ("MD", "VBZ", "VBP") for t in sent) \
                and not any(t.lower_ in ("ahead", "before", "preview") for t in sent):
            continue
        cues = [c for c in _cues(ctx, hits, sent) if not (ctx.parsed and _told_in_past(doc, c.start))]
        for n, cue in enumerate(cues):
            # "X host Y on Saturday and Z visit W on Sunday": each pairing its own date
            lo = cues[n - 1].end if n > 0 else sent.start
            hi = cues[n + 1].start if n + 1 < len(cues) else sent.end
            own = dates.timex_in(doc, doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]), want="future",
                                 near=doc[cue.start].idx)
            if own is None and len(cues) == 1:
                own = when
            conf = cue.conf if own is not None else cue.conf * 0.7
            key = (min(cue.home, cue.away), max(cue.home, cue.away), own.value if own else None)
            if key in out:
                continue
            comps = ctx.in_range(sent.start, sent.end, ("competition",))
            comp = min(comps, key=lambda m: abs(m.tok_start - cue.start)).entity if comps else None
            srcs = [(sent.start_char, sent.end_char)]
            out[key] = event("fixture", FixtureEvent(cue.home, cue.away, comp, None), conf, srcs,
                             own.value if own else None)
    return list(out.values())



def extract(ctx: Context, hits: list[Any], legacy: Hits, clusters: list[Any]) -> list[dict[str, Any]]:
    """Every fixture an article tells."""
    return extract_fixtures(ctx, legacy)
