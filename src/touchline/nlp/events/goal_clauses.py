"""Goals told by a clause hung on a player: "came off the bench to score a winner", "..., completing
a hat-trick", "found X, who swept a shot past the keeper", "finished A's pass and headed in B's cross"."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

logger = logging.getLogger(__name__)

# Infinitive and -ing forms of the goal verbs, as the past form the scorer rules know them by.
_BASES = {
    "score": "scored", "net": "netted", "equalise": "equalised", "equalize": "equalized", "level": "levelled",
    "make": "made", "complete": "completed", "add": "added", "double": "doubled", "restore": "restored",
    "seal": "sealed", "clinch": "clinched", "convert": "converted", "head": "headed", "fire": "fired",
    "turn": "turned", "tap": "tapped", "sweep": "swept", "slide": "slid", "poke": "poked",
    "bundle": "bundled", "nod": "nodded", "smash": "smashed", "volley": "volleyed", "curl": "curled",
    "rifle": "rifled", "drill": "drilled", "lash": "lashed", "slot": "slotted", "chip": "chipped",
    "steer": "steered", "finish": "finished", "strike": "struck", "power": "powered", "extend": "extended",
    "pull": "pulled", "grab": "grabbed", "bag": "bagged", "drive": "drove", "prod": "prodded",
    "stab": "stabbed", "thump": "thumped", "hammer": "hammered", "glance": "glanced", "put": "put",
    "give": "gave",
}
# "-ing" spellings: "scoring", "netting", "heading".
_ING = {form: base for base in _BASES
        for form in (f"{base}ing", f"{base[:-1]}ing", f"{base}{base[-1]}ing")}
# A clause of trying or missing is no goal: "went close to equalising", "without scoring".
_NOT_DONE = {"without", "instead", "close", "near", "chance", "opportunity", "bid", "attempt",
             "effort", "failed", "tried", "hoping", "trying", "looking", "sought", "wanted"}


def past_form(tok: Token) -> str | None:
    """The past form a goal verb token stands for ("to score" → "scored", "completing" → "completed")."""
    low = tok.lower_
    if tok.tag_ == "VBG":
        base = _ING.get(low)
        return _BASES.get(base) if base else None
    if tok.tag_ == "VB":
        return _BASES.get(low)
    return None


def hyphen_word(doc: Doc, i: int, end: int) -> tuple[str, int]:
    """The word at ``i`` with a hyphenated compound kept whole ("hat-trick", "spot-kick"), and its end."""
    if i + 2 < end and doc[i + 1].text in ("-", "–") and not doc[i].whitespace_ \
            and not doc[i + 1].whitespace_ and doc[i + 2].is_alpha:
        return f"{doc[i].lower_}-{doc[i + 2].lower_}", i + 3
    return doc[i].lower_, i + 1


def words_after(doc: Doc, start: int, end: int, n: int) -> list[str]:
    """Up to ``n`` words from ``start``, hyphenated compounds as one word."""
    out: list[str] = []
    i = start
    while i < end and len(out) < n:
        w, i = hyphen_word(doc, i, end)
        out.append(w)
    return out


def object_word(verb: Token) -> str | None:
    """The head word of a verb's direct object ("restored the visitors' lead" → "lead")."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    doc = obj.doc
    if obj.i >= 2 and doc[obj.i - 1].text in ("-", "–"):
        return f"{doc[obj.i - 2].lower_}-{obj.lower_}"  # "hat - trick" parsed with "trick" as the head
    return obj.lower_


def clause_verbs(verb: Token, sent: Span) -> Iterator[tuple[Token, str]]:
    """Verbs whose subject is ``verb``'s: conjoined past verbs without a subject of their own,
    purpose infinitives ("came off the bench to score") and participles ("..., completing a hat-trick");
    each with the past form the goal rules read it as."""
    for c in verb.children:
        if not (sent.start <= c.i < sent.end) or c.i < verb.i:
            continue
        if any(g.dep_ in ("nsubj", "nsubjpass", "neg") for g in c.children):
            continue
        if c.dep_ == "conj" and c.tag_ in ("VBD", "VBN") and not any(g.dep_ in ("aux", "auxpass")
                                                                      for g in c.children):
            yield c, c.lower_
        elif c.dep_ == "advcl":
            form = past_form(c)
            if form is None or _tried(c, verb):
                continue
            if c.tag_ == "VB" and not any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                continue
            if c.tag_ == "VBG" and any(g.dep_ in ("mark", "aux") for g in c.children):
                continue
            yield c, form


def _tried(clause: Token, verb: Token) -> bool:
    """An attempt, not a goal: a trying word between the main verb and the clause, or governing it."""
    doc = clause.doc
    lo, hi = min(verb.i, clause.i), clause.i
    if any(doc[k].lower_ in _NOT_DONE for k in range(lo, hi)):
        return True
    return verb.lower_ in _NOT_DONE
