"""Person readers the person-centred families share: the event record, a clause's person, an antecedent."""

from __future__ import annotations

import logging
from typing import Any

from spacy.tokens import Span

from touchline.model import detail_to_fields
from touchline.nlp.events.context import Context, Ment, subject_of

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


