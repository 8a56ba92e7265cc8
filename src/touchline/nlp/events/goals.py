"""Goal scorers from the ``goal`` rule hits: who scored, how many, in which minute, for which side."""

from __future__ import annotations

from dataclasses import dataclass

from touchline.nlp.events.context import Context, Hits
from touchline.nlp.events.engine import Hit


@dataclass(frozen=True, slots=True)
class ScorerHit:
    player: str
    tok: int
    sent_index: int
    minute: int | None
    conf: float
    team_hint: str | None = None


def scorer_hits(ctx: Context, hits: list[Hit], legacy: Hits) -> list[ScorerHit]:
    """Every scorer statement of a Doc, in text order."""
    from touchline.nlp.events.scorers import find_scorers

    out: list[ScorerHit] = []
    for si, sent in enumerate(ctx.doc.sents):
        for h in find_scorers(ctx, legacy, sent):
            out.append(ScorerHit(h.player, h.tok, si, h.minute, h.conf, h.team_hint))
    return out
