"""Result phrasings beyond "X beat Y 2-0": "held (to a draw) by Y", "X's game against Y" in a played
past, "ten-man Arsenal", and the owner of "after a 2-1 win over Y" named elsewhere in the clause."""

from __future__ import annotations

import logging

from spacy.tokens import Span, Token

from touchline.nlp.events.context import Context, lexicon

logger = logging.getLogger(__name__)

# Words that may stand before a team as its description: "ten-man Arsenal", "world champions Spain".
DESCRIPTORS = {"ten", "nine", "-", "man", "ten-man", "nine-man", "world", "european", "defending",
               "reigning", "champions", "holders", "leaders", "league", "title", "rivals", "hosts", "bottom",
               "struggling", "in-form", "unbeaten", "local", "neighbours", "city", "fellow", "promoted",
               "relegated", "lowly", "giants", "favourites", "high-flying", "cup", "arch-rivals",
               "second-placed", "third-placed", "basement", "club", "derby"}
# A game told as a thing that happened: "injured during Arsenal's game against Brighton".
PLAYED_PREPS = {"during", "in", "after", "throughout"}
CALLED_OFF = {"postponed", "called", "cancelled", "canceled", "rescheduled", "abandoned", "suspended",
              "delayed", "moved", "brought", "off"}
PLAYED_NOUNS = {"match", "game", "clash", "tie", "encounter", "meeting", "contest", "derby"}
_DRAW_NOUNS = {"draw", "stalemate"}
_VERSUS = {"against", "with", "v", "vs", "versus"}


def team_after_descriptors(ctx: Context, i: int, end: int) -> tuple[str, int] | None:
    """The team at token ``i`` or after a few describing words ("ten-man Arsenal"), with its start."""
    doc = ctx.doc
    for j in range(i, min(i + 4, end)):
        hit = ctx.team_at(j)
        if hit is not None:
            return (hit[0], j) if hit[1].tok_start == j else None
        if doc[j].lower_ not in DESCRIPTORS:
            return None
    return None


def told_as_past(tok: Token) -> bool:
    """The clause a word sits in tells the past: its verb (through purpose clauses such as "to send X
    into the final after ...") is a past form with no modal."""
    cur = tok
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX"):
            aux = [c for c in cur.children if c.dep_ in ("aux", "auxpass")]
            if any(a.tag_ == "MD" for a in aux):
                return False
            purpose = cur.tag_ == "VB" and cur.dep_ in ("advcl", "xcomp", "relcl")
            if purpose and any(a.lower_ == "to" for a in aux):
                cur = cur.head  # "scored twice to send Madrid into the final after a win"
                continue
            if cur.tag_ == "VBD":
                return True
            if cur.tag_ == "VBN":
                return not aux or any(a.lower_ in ("has", "have", "had", "was", "were") for a in aux)
            return False
        if cur.head == cur:
            return False
        cur = cur.head
    return False


_WISH_VERBS = {"need", "needs", "needed", "want", "wants", "require", "requires", "demand", "demands"}


def hypothetical(tok: Token) -> bool:
    """ "will go top with a 2-1 win", "need a 2-0 win": the result noun is wished for or foreseen."""
    cur = tok
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX"):
            return cur.lower_ in _WISH_VERBS or any(c.dep_ == "aux" and c.tag_ == "MD" for c in cur.children)
        if cur.head == cur:
            return False
        cur = cur.head
    return False


def clause_team(ctx: Context, sent: Span, trigger: int, opp: str) -> str | None:
    """The owner of a result noun whose own phrase names none ("City became the first club to win
    four titles after a 3-1 win over West Ham"): the one other team of the sentence, when it is a
    subject or object there and the result is told as past."""
    doc = ctx.doc
    if not told_as_past(doc[trigger]):
        return None
    others = {m.entity: m for m in ctx.in_range(sent.start, sent.end, lexicon()["team_kinds"])
              if m.entity != opp}
    if len(others) != 1:
        return None
    team, m = next(iter(others.items()))
    head = doc[m.tok_end - 1]
    if m.tok_start > trigger or head.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return None
    return team


def held_opponent(ctx: Context, verb: Token, sent: Span) -> str | None:
    """ "were held by Brighton", "were held to a draw by Brighton": the side that held the subject."""
    doc = ctx.doc
    by = next((j for j in range(verb.i + 1, min(verb.i + 8, sent.end)) if doc[j].lower_ == "by"), None)
    if by is None:
        return None
    between = [t.lower_ for t in doc[verb.i + 1: by]]
    if between and not (between[0] == "to" and _DRAW_NOUNS & set(between)):
        return None
    if any(t.is_punct and t.text not in ("-", "–") for t in doc[verb.i + 1: by]):
        return None
    found = team_after_descriptors(ctx, by + 1, sent.end)
    return found[0] if found else None


def held_to_draw(ctx: Context, verb: Token, sent: Span) -> str | None:
    """ "Brighton held Arsenal to a draw": the side held (the object), when a draw noun follows "to"."""
    doc = ctx.doc
    found = team_after_descriptors(ctx, verb.i + 1, sent.end)
    if found is None:
        return None
    hit = ctx.team_at(found[1])
    k = hit[1].tok_end if hit else found[1] + 1
    if k >= sent.end or doc[k].lower_ != "to":
        return None
    return found[0] if any(t.lower_ in _DRAW_NOUNS for t in doc[k + 1: min(k + 6, sent.end)]) else None


def played_game_opponent(ctx: Context, noun: int, owner_start: int, sent: Span) -> tuple[str, bool] | None:
    """ "during Arsenal's game against Brighton": the opponent after a game noun told as played in a
    past clause (not postponed nor called off), and whether it was "at" (their ground)."""
    doc = ctx.doc
    prep = owner_start - 1
    if prep < sent.start or doc[prep].lower_ not in PLAYED_PREPS:
        return None
    if any(t.lower_ in CALLED_OFF for t in sent) or not told_as_past(doc[noun]):
        return None
    k = noun + 1
    if k >= sent.end or doc[k].lower_ not in ("against", "with", "at", "v", "vs", "versus"):
        return None
    found = team_after_descriptors(ctx, k + 1, sent.end)
    return (found[0], doc[k].lower_ == "at") if found else None


def game_pair(ctx: Context, subj: Span) -> tuple[str, str] | None:
    """ "Arsenal's game against Brighton" as a clause subject: both sides, the possessor first."""
    doc = ctx.doc
    root = subj.root
    if root.lower_ not in PLAYED_NOUNS or root.i - 2 < subj.start:
        return None
    if doc[root.i - 1].lower_ not in ("'s", "’s"):
        return None
    owner = ctx.team_at(root.i - 2)
    if owner is None or root.i + 1 >= len(doc) or doc[root.i + 1].lower_ not in _VERSUS:
        return None
    opp = team_after_descriptors(ctx, root.i + 2, min(root.i + 6, len(doc)))
    return (owner[0], opp[0]) if opp is not None and opp[0] != owner[0] else None


def own_clause_team(ctx: Context, verb: Token, sent: Span) -> str | None:
    """ "Middlesbrough lost at home to Liverpool and Bolton beat Wigan": a conjoined verb the parser
    gave no subject (so it would inherit the first clause's), right after a team that follows "and"
    or a comma: that team is the verb's own subject."""
    doc = ctx.doc
    if verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    if verb.i - 1 < sent.start:
        return None
    hit = ctx.team_at(verb.i - 1)
    if hit is None or hit[1].tok_end != verb.i or hit[1].tok_start - 1 < sent.start:
        return None
    if doc[hit[1].tok_start - 1].lower_ not in ("and", ",", "while", "whereas", "but"):
        return None
    return hit[0]
