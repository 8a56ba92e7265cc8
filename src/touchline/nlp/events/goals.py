"""Goal scorers from the ``goal`` rule hits: who scored, in which minute, for which side.

A hit names one scorer or a list ("A, B and C were all on target"); its
minute is read from the words after it ("in the 20th minute", "a 53rd-minute
winner", "in the 71st"), its side from "for <team>" or the team the goal
put ahead ("gave Bayern the lead").  Which match the goal belongs to is
decided in ``matches``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from touchline.nlp.events import readers
from touchline.nlp.events.context import Context
from touchline.nlp.events.engine import Hit
from touchline.nlp.extensions import doc_text

_ORDINAL_MINUTE = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\b(?:[- ]minute)?", re.IGNORECASE)
_MINUTE_WINDOW = 80  # characters after the scorer's phrase


@dataclass(frozen=True, slots=True)
class ScorerHit:
    player: str
    tok: int
    sent_index: int
    minute: int | None
    conf: float
    team_hint: str | None = None
    team_ref: str | None = None  # "the visitors", "the hosts": read against the match in focus
    own_goal: bool = False  # the player put the ball into his own net: the goal counts for the others
    player_team: str | None = None  # the side the text says the player is of ("Basel forward X")


def minute_after(ctx: Context, start_char: int, end_char: int) -> int | None:
    """The match minute told right after a goal: "in the 20th minute", "a 53rd-minute winner",
    "in the 71st" (an ordinal alone after "in the"), never a clock time or a count of goals."""
    text = doc_text(ctx.doc)[start_char:end_char]
    for m in _ORDINAL_MINUTE.finditer(text):
        tail = text[m.end():m.end() + 10].lower()
        head = text[max(m.start() - 8, 0):m.start()].lower()
        minute = int(m.group(1))
        if not 1 <= minute <= 130:
            continue
        told_as_minute = "minute" in m.group(0).lower() or tail.startswith((" minute", "-minute"))
        after_the = head.endswith("the ") and not tail.lstrip().startswith(("goal", "of", "time"))
        if told_as_minute or after_the:
            return minute
    return None


def team_hint(ctx: Context, hit: Hit) -> tuple[str | None, str | None]:
    """The side a goal was for: "for <team>", or the team a lead verb names ("gave <team> the lead")."""
    doc = ctx.doc
    scorer = hit.slots.get("scorer")
    inside = [m for m in ctx.in_range(hit.start, hit.end, readers.TEAM_KINDS)]
    if inside and scorer is not None:
        return inside[0].entity, None
    words = ctx.lower[hit.start:hit.end]
    for ref in ("visitors", "hosts"):
        if ref in words:
            return None, ref
    end = min(hit.end + 8, hit.sent.end)
    for i in range(hit.end, end - 1):
        if ctx.lower[i] == "for":
            j = i + 2 if i + 1 < end and ctx.lower[i + 1] == "the" else i + 1
            tm = ctx.at(j, readers.TEAM_KINDS)
            if tm is not None and tm.tok_start == j:
                return tm.entity, None
        if doc[i].is_punct and doc[i].text not in ("-", "–"):
            break
    return None, None


def player_side(ctx: Context, start: int, sent_start: int) -> str | None:
    """The team the text puts right before a player: "Basel forward X", "Philadelphia's X"."""
    j = start - 1
    if j >= sent_start and ctx.lower[j] in ("'s", "’s", "'"):
        tm = ctx.at(j - 1, ("club",)) if j - 1 >= sent_start else None
        return tm.entity if tm is not None and tm.tok_end == j else None
    k = j
    while k >= sent_start and k >= start - 3 and ctx.lower[k].isalpha() and ctx.at(k) is None:
        k -= 1  # "Basel forward", "the Arsenal full-back"
    tm = ctx.at(k, ("club",)) if k >= sent_start else None
    # a club only: "Portugal forward X" tells his nationality, not his side in a club game
    if tm is None or tm.tok_end != k + 1 or k + 1 >= start:
        return None
    words = set(ctx.lower[k + 1:start])
    return tm.entity if words & readers.PERSON_ROLE_WORDS else None


def scorer_hits(ctx: Context, hits: list[Hit]) -> list[ScorerHit]:
    """Every scorer statement of a Doc, in text order, one per player named."""
    out: list[ScorerHit] = []
    doc = ctx.doc
    for hit in sorted((h for h in hits if h.family == "goal"), key=lambda h: h.start):
        slot = hit.slots.get("scorer")
        if slot is None:
            continue
        players = slot.mentions or ((slot.mention,) if slot.mention is not None else ())
        end_char = min(doc[hit.end - 1].idx + len(doc[hit.end - 1].text) + _MINUTE_WINDOW, hit.sent.end_char)
        # the minute told of this goal, not of the next one: stop at another person or "before"
        for i in range(hit.end, hit.sent.end):
            if ctx.at(i, ("player", "person", "coach")) is not None or ctx.lower[i] in ("before", "after",
                                                                                         "while", "but"):
                end_char = min(end_char, doc[i].idx)
                break
        minute = minute_after(ctx, doc[hit.start].idx, end_char) if len(players) == 1 else None
        team, ref = team_hint(ctx, hit)
        own = bool(hit.get("own_goal"))
        for p in players:
            if p.kind not in ("player", "person"):
                continue
            side = player_side(ctx, p.tok_start, hit.sent.start)
            if own:
                team = None  # "for" after an own goal names whom it helped: read from the match
            out.append(ScorerHit(p.entity, p.tok_start, hit.sent_index, minute, hit.confidence, team, ref,
                                 own, side))
    return out
