"""Shirt exchanges from the ``shirt`` rule hits (``data/events/rules/shirts.jsonl``).

Each hit is one statement about a shirt: whose it was (the ``giver``, the
shirt's owner), who got it (``receiver``), who fetched it (``via``), and
whether it went both ways ("swapped shirts with", "handed over his own in
return").  A role the rule leaves open (``"read"`` in the record) is the
clause's subject, or the person named just before it.  Statements about the
same owner's shirt make one exchange, told across sentences ("Kallio asked for
Verhoek's shirt. Ruiz came back with it ... for Kallio, who handed over his
own in return"); a "his own in return" statement joins the exchange told in
its sentence or the one before.  An exchange needs a receiver, and more than
a wish ("asked for X's shirt") told alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from touchline.model import ShirtExchangeEvent
from touchline.nlp.events import dates, readers
from touchline.nlp.events.context import Context
from touchline.nlp.events.engine import Hit
from touchline.nlp.events.guards import clause_before, guard
from touchline.nlp.events.lexicon import LEXICON
from touchline.nlp.events.people import event, person_for

READ_KINDS = ("player", "person")
ROLES = ("giver", "receiver", "via")


@guard("not_refused")
def not_refused(ctx: Context, hit: Hit) -> bool:
    """ "refused to swap shirts with", "turned down his request for X's shirt": it did not happen."""
    text = " " + " ".join(clause_before(ctx, hit, 6) + ctx.lower[hit.start:hit.end]) + " "
    return not any(f" {w} " in text for w in LEXICON.refusal_words.words)


@guard("distinct_people")
def distinct_people(ctx: Context, hit: Hit) -> bool:
    """The shirt's owner and the one who got it are two people."""
    giver, receiver = hit.slots.get("giver"), hit.slots.get("receiver")
    return giver is None or receiver is None or giver.entity != receiver.entity


@dataclass
class _Statement:
    hit: Hit
    people: dict[str, str]
    conf: float

    @property
    def mutual(self) -> bool:
        return bool(self.hit.get("mutual"))


@dataclass
class _Exchange:
    giver: str
    statements: list[_Statement] = field(default_factory=list)

    def first(self, role: str) -> str | None:
        for st in self.statements:
            who = st.people.get(role)
            if who is not None and who != self.giver:
                return who
        return None

    @property
    def sents(self) -> set[int]:
        return {st.hit.sent_index for st in self.statements}


def _statement(ctx: Context, hit: Hit) -> _Statement | None:
    people: dict[str, str] = {}
    for role in ROLES:
        slot = hit.slots.get(role)
        if slot is not None and slot.mention is not None:
            people[role] = slot.mention.entity
    conf = hit.confidence
    role = hit.get("read")
    if role in ROLES and role not in people:
        # the open role: the clause's subject, a pronoun's antecedent, or (rule-only) the name before
        who = person_for(ctx, hit.start, hit.sent, READ_KINDS)
        if who is not None and readers.inside_quote(ctx, hit.start) and who[0].tok_start < hit.sent.start:
            who = None  # a speaker's "he": whom it stands for is not read across the quote
        if who is not None and who[0].entity not in people.values():
            people[role] = who[0].entity
            conf = min(conf, who[1] + 0.1)
    if not people:
        return None
    return _Statement(hit, people, conf)


def _join_return(ctx: Context, st: _Statement, exchanges: list[_Exchange]) -> None:
    """ "... who handed over his own in return": the exchange of this sentence or the one before."""
    si = st.hit.sent_index
    near = [(max(s for s in x.sents if s in (si, si - 1)), n, x) for n, x in enumerate(exchanges)
            if any(s in (si, si - 1) for s in x.sents)]
    if not near:
        return
    x = max(near, key=lambda t: (t[0], t[1]))[2]
    receiver = st.people.get("receiver")
    known = x.first("receiver")
    if receiver is not None and known is not None and receiver != known:
        return  # another pair's swap told next
    pair = {x.giver, known or receiver, x.first("via")}
    sent = st.hit.sent
    named = {m.entity for m in ctx.in_range(sent.start, sent.end, READ_KINDS)}
    if si not in x.sents and not named <= pair:
        return
    if receiver == x.giver:
        st.people.pop("receiver")
    x.statements.append(st)


def _exchanges(ctx: Context, hits: list[Hit]) -> list[_Exchange]:
    by_giver: dict[str, _Exchange] = {}
    returns: list[_Statement] = []
    for hit in sorted((h for h in hits if h.family == "shirt"), key=lambda h: h.start):
        st = _statement(ctx, hit)
        if st is None:
            continue
        if hit.get("part") == "mutual":
            returns.append(st)
            continue
        giver = st.people.get("giver")
        if giver is None:
            continue
        by_giver.setdefault(giver, _Exchange(giver)).statements.append(st)
    exchanges = list(by_giver.values())
    for st in returns:
        _join_return(ctx, st, exchanges)
    return exchanges


def extract(ctx: Context, hits: list[Hit], clusters: list[Any]) -> list[dict[str, Any]]:
    """Every shirt exchange an article tells."""
    doc = ctx.doc
    main_date = next((c.date.value for c in clusters if c.date is not None), None)
    out = []
    for x in _exchanges(ctx, hits):
        receiver = x.first("receiver")
        told = [st for st in x.statements if not st.hit.get("weak") and st.hit.get("part") != "mutual"]
        if receiver is None or not told:
            continue
        via = x.first("via")
        via = via if via not in (x.giver, receiver) else None
        mutual = any(st.mutual for st in x.statements) or None
        conf = max(st.conf for st in told)
        srcs = sorted({(st.hit.sent.start_char, st.hit.sent.end_char) for st in x.statements})
        detail = ShirtExchangeEvent(x.giver, receiver, via, mutual)
        out.append(event("shirt_exchange", detail, conf, srcs, main_date or dates.report_date(doc)))
    return out

