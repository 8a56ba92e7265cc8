"""Person-centred events: shirt exchanges, and the person readers milestones use."""

from __future__ import annotations

import logging
from typing import Any

from spacy.tokens import Span

from touchline.model import ShirtExchangeEvent, detail_to_fields
from touchline.nlp.events import dates
from touchline.nlp.events.context import Context, Hits, Ment, lexicon, subject_of

logger = logging.getLogger(__name__)

PERSONS = ("player", "coach", "person")
_PRONOUNS = {"he", "she", "him", "his", "her"}


def event(kind: str, detail: Any, conf: float, sources: list[tuple[int, int]],
          date: str | None) -> dict[str, Any]:
    return {"kind": kind, "date": date, "confidence": round(conf, 3),
            "sources": [list(s) for s in sorted(set(sources))], "fields": detail_to_fields(detail)}


def antecedent(ctx: Context, tok_i: int, sent: Span, kinds: tuple[str, ...] = ("player",)) -> Ment | None:
    """The nearest earlier person mention: in the sentence first, then before it."""
    best = None
    for m in ctx.mentions:
        if m.tok_start >= tok_i:
            break
        if m.kind in kinds:
            best = m
    return best


def person_for(ctx: Context, tok_i: int, sent: Span,
               kinds: tuple[str, ...] = ("player",)) -> tuple[Ment, float] | None:
    """The person a clause is about: its subject, a pronoun's antecedent, or (rule-only) the nearest name."""
    doc = ctx.doc
    if ctx.parsed:
        subj = subject_of(doc[tok_i])
        if subj is None:
            return None
        found = ctx.in_range(subj.start, subj.end, kinds)
        if found:
            return found[0], 0.8
        head = subj.root if len(subj) else None
        if head is not None and head.lower_ in _PRONOUNS | {"who"}:
            m = antecedent(ctx, subj.start, sent, kinds)
            return (m, 0.6) if m else None
        return None
    for i in range(tok_i - 1, sent.start - 1, -1):
        m = ctx.at(i, kinds)
        if m is not None:
            return m, 0.55
    return None


# --- roles -------------------------------------------------------------------


# --- shirt exchanges -----------------------------------------------------------


def extract_shirts(ctx: Context, hits: Hits, clusters: list[Any]) -> list[dict[str, Any]]:
    doc = ctx.doc
    lex = lexicon()
    shirt_words = set(lex["shirt_words"]) - {"top", "tops"}
    receive = set(lex["shirt_receive_verbs"]) | set(lex["shirt_swap_words"])
    gives_or_swaps = set(lex["shirt_give_verbs"]) | set(lex["shirt_swap_words"])
    sents = list(doc.sents)
    groups: dict[str, dict[str, Any]] = {}
    for si, sent in enumerate(sents):
        for t in sent:
            if t.lower_ not in shirt_words:
                continue
            owner: Ment | None = None
            if t.i - 2 >= sent.start and doc[t.i - 1].lower_ in ("'s", "’s", "'"):
                owner = ctx.at(t.i - 2, ("player",))
            swap = hits.find("shirt_swap_words", sent.start, sent.end)
            gift_to = None
            if owner is None and t.i - 1 >= sent.start and doc[t.i - 1].lower_ in ("his", "her"):
                # "Haaland gave his shirt to Van Dijk", "swapped his shirt with Kane"
                owner, gift_to = _shirt_giver(ctx, t.i, sent, gives_or_swaps)
            others = [m for m in ctx.in_range(sent.start, sent.end, ("player",)) if m != owner]
            if owner is None and swap and t.lower_ in ("shirts", "jerseys", "kits") and len(others) >= 2:
                owner, others = others[0], others[1:]
            if owner is None:
                continue
            g = groups.setdefault(owner.entity,
                                  {"receiver": None, "via": None, "sents": set(), "mutual": False})
            g["sents"].add(si)
            if swap:
                g["mutual"] = True
            if gift_to is not None and gift_to != owner:
                g["receiver"] = g["receiver"] or gift_to.entity
            for m in others:
                between = {x.lower_ for x in doc[m.tok_end: t.i]}
                if m.tok_start < t.i and between & set(lex["shirt_fetch_verbs"]):
                    g["via"] = g["via"] or m.entity
                elif (m.tok_start < t.i and between & receive) or (swap and m.tok_start > t.i):
                    g["receiver"] = g["receiver"] or m.entity
    # The sentence after a shirt sentence often finishes the story elliptically:
    # "X handed his own over and was given the full-back's in return".
    gives = set(lex["shirt_give_verbs"]) | receive
    for giver, g in groups.items():
        if g["receiver"]:
            continue
        for si in sorted(g["sents"]):
            if si + 1 >= len(sents):
                continue
            sent = sents[si + 1]
            words = {t.lower_ for t in sent}
            players = ctx.in_range(sent.start, sent.end, ("player",))
            owned = [m for m in players if m.entity == giver and _bare_possessive(doc, m.tok_end, sent.end)]
            others = [m for m in players if m.entity != giver and m.entity != g["via"]]
            if owned and others and words & gives:
                g["receiver"] = others[0].entity
                g["sents"].add(si + 1)
                break
    out = []
    main_date = None
    for c in clusters:
        if c.date is not None:
            main_date = c.date.value
            break
    for giver, g in groups.items():
        if not g["receiver"] or g["receiver"] == giver:
            continue
        near = set(g["sents"]) | {s + 1 for s in g["sents"]}
        pair = {giver, g["receiver"], g["via"]}
        for si in near:
            if si >= len(sents) or not hits.find("mutual_cues", sents[si].start, sents[si].end):
                continue
            named = {m.entity for m in ctx.in_range(sents[si].start, sents[si].end, ("player",))}
            if si in g["sents"] or named <= pair:  # not another pair's swap told next
                g["mutual"] = True
        via = g["via"] if g["via"] not in (giver, g["receiver"]) else None
        srcs = [(sents[s].start_char, sents[s].end_char) for s in sorted(g["sents"])]
        out.append(event("shirt_exchange", ShirtExchangeEvent(giver, g["receiver"], via, g["mutual"] or None),
                         0.75, srcs, main_date or dates.report_date(doc)))
    return out


def _shirt_giver(ctx: Context, i: int, sent: Span, verbs: set[str]) -> tuple[Ment | None, Ment | None]:
    """For "his shirt" governed by a giving or swapping verb: the subject player (the shirt's
    owner) and the player after "to"/"with" that follows the shirt, when there is one."""
    doc = ctx.doc
    if not ctx.parsed:
        return None, None
    head = doc[i].head
    if head.lower_ not in verbs or head.i > i:
        return None, None
    who = person_for(ctx, head.i, sent)
    if who is None or who[1] < 0.8:
        return None, None  # a pronoun subject: whose shirt is too uncertain
    to = None
    for k in range(i + 1, min(i + 4, sent.end)):
        if doc[k].lower_ in ("to", "with") and k + 1 < sent.end:
            to = ctx.at(k + 1, ("player",))
            break
    return who[0], to


def _bare_possessive(doc: Any, i: int, end: int) -> bool:
    """ "the full-back's in return": a possessive with its noun (the shirt) left out."""
    if i + 1 >= end or doc[i].lower_ not in ("'s", "’s"):
        return False
    nxt = doc[i + 1]
    return not nxt.is_alpha or nxt.lower_ in ("in", "and", "after", "as")
