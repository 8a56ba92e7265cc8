"""Person-centred events: roles, shirt exchanges, injuries and transfers."""

from __future__ import annotations

import logging
from typing import Any

from spacy.tokens import Span

from touchline.model import InjuryEvent, TransferEvent, detail_to_fields
from touchline.nlp.events import dates
from touchline.nlp.events.context import Context, Hits, Ment, lexicon, subject_of

logger = logging.getLogger(__name__)

PERSONS = ("player", "coach", "person")
MOVERS = ("player", "person")  # who a transfer is about: a player, or a name not typed further
_PRONOUNS = {"he", "she", "him", "his", "her"}
# Body parts that are also everyday words: only an injury when an injury noun follows.
_AMBIGUOUS_PARTS = {"back", "head", "hand", "foot", "neck", "hip", "illness", "virus", "muscle"}
# Status cues that only introduce the injury ("out with a knee injury" is "out", not "injured").
_WEAK_STATUS = {"with a", "carrying", "nursing"}


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


def _team_after(ctx: Context, i: int, end: int, span: int = 4) -> str | None:
    """A team (or the club of a venue) starting within ``span`` tokens of ``i``."""
    for j in range(i, min(i + span, end)):
        if ctx.doc[j].is_punct:
            return None
        hit = ctx.team_at(j)
        if hit:
            return hit[0]
        v = ctx.at(j, ("venue",))
        if v is not None:
            clubs = ctx.venue_clubs(v.entity)
            return clubs[0] if len(clubs) == 1 else None
    return None


# --- roles -------------------------------------------------------------------


# --- injuries ------------------------------------------------------------------


def extract_injuries(ctx: Context, hits: Hits) -> list[dict[str, Any]]:
    doc = ctx.doc
    lex = lexicon()
    nouns = set(lex["injury_nouns"])
    keep = set(lex["injury_keep_nouns"])
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for sent in doc.sents:
        for s, e in hits.find("injury_parts", sent.start, sent.end):
            part = doc[s:e].text.lower()
            noun = None
            for k in range(e, min(e + 2, sent.end)):
                if doc[k].lower_ in nouns:
                    noun = doc[k].lower_
                    break
            # the status cue closest before the body part ("is a doubt after suffering a knee");
            # a bare "with a" only names the injury, so any other cue in the window outranks it
            status, best = None, (-1, -1)
            for label in ("recovered", "surgery", "out", "doubt", "injured"):
                for hs, he in hits.find(f"injury_status.{label}", max(sent.start, s - 12), s):
                    rank = (0 if doc[hs:he].text.lower() in _WEAK_STATUS else 1, hs)
                    if rank > best:
                        status, best = label, rank
            if noun is None and (part in _AMBIGUOUS_PARTS or status is None):
                continue
            # a bare body part needs an injury word near it or a status cue
            if noun is None and part not in ("concussion", "hernia") and status is None \
                    and not any(doc[k].lower_ in nouns for k in range(s, min(e + 4, sent.end))):
                continue
            who = person_for(ctx, s, sent)
            if who is None:
                continue
            m, conf = who
            injury = f"{part} {noun}" if noun in keep else part
            if noun in ("operation", "surgery") and status in (None, "injured"):
                status = "surgery"
            key = (m.entity, injury)
            if key in out:
                continue
            when = dates.timex_in(doc, sent.start_char, sent.end_char)
            out[key] = event("injury", InjuryEvent(m.entity, injury, status or "injured"), conf,
                             [(sent.start_char, sent.end_char)],
                             when.value if when else dates.report_date(doc))
    return list(out.values())


# --- transfers -----------------------------------------------------------------


def extract_transfers(ctx: Context, hits: Hits) -> list[dict[str, Any]]:
    doc = ctx.doc
    out: dict[tuple[str, str | None, str], dict[str, Any]] = {}
    for sent in doc.sents:
        former = None
        for m in ctx.in_range(sent.start, sent.end, lexicon()["team_kinds"]):
            prev = doc[m.tok_start - 1].lower_ if m.tok_start > sent.start else ""
            if (prev in ("former", "ex", "-") and m.tok_start - 2 >= sent.start) or prev in ("former", "ex"):
                former = m.entity
                break
        for status, key in (("completed", "transfer_completed"), ("rumour", "transfer_rumour"),
                            ("loan", "transfer_loan")):
            for s, e in hits.find(key, sent.start, sent.end):
                to_club = from_club = None
                phrase = doc[s:e].text.lower()
                if phrase in ("swapping", "swapped"):
                    a = _team_after(ctx, e, sent.end, 4)
                    j = next((k for k in range(e, min(e + 8, sent.end)) if doc[k].lower_ == "for"), None)
                    b = _team_after(ctx, j + 1, sent.end, 4) if j is not None else None
                    if not (a and b) or a == b:
                        continue
                    from_club, to_club = a, b
                elif phrase in ("arrived from", "left", "departed"):
                    from_club = _team_after(ctx, e, sent.end, 3)
                elif status == "loan":
                    lent = _lent_player(ctx, s, e, sent)
                    k0 = lent.tok_end if lent is not None else e
                    for k in range(k0, min(k0 + 3, sent.end)):
                        if doc[k].lower_ in ("at", "to", "with") and to_club is None:
                            to_club = _team_after(ctx, k + 1, sent.end, 3)
                        elif doc[k].lower_ == "from" and from_club is None:
                            from_club = _team_after(ctx, k + 1, sent.end, 3)
                    if lent is not None:
                        # "Chelsea have loaned Felix to Milan": the lending club is the subject
                        owner = ctx.subject_team(s, sent)
                        from_club = from_club or owner
                        if to_club is None or from_club == to_club:
                            continue
                        key_ = (lent.entity, to_club, "loan")
                        if key_ not in out:
                            detail = TransferEvent(lent.entity, from_club, to_club, "loan")
                            out[key_] = event("transfer", detail, 0.75, [(sent.start_char, sent.end_char)],
                                              _when(ctx, sent, s))
                        continue
                    # "joined Villa on loan from Chelsea": that player's move in this sentence is the loan
                    lender = person_for(ctx, s, sent, MOVERS)
                    for k2, rec in out.items():
                        if k2[2] == "completed" and lender is not None and k2[0] == lender[0].entity \
                                and [sent.start_char, sent.end_char] in rec["sources"]:
                            rec["fields"]["status"] = "loan"
                            rec["fields"]["from_club"] = rec["fields"]["from_club"] or from_club
                            to_club = None
                    here = [sent.start_char, sent.end_char]
                    if to_club is None and from_club is not None and any(
                            r["fields"]["status"] == "loan" and here in r["sources"] for r in out.values()):
                        continue
                else:
                    to_club = _team_after(ctx, e, sent.end, 3)
                    if to_club is None:
                        # "linked with a move to X", "a possible move to X"
                        for k in range(e, min(e + 6, sent.end)):
                            if doc[k].lower_ in ("move", "switch", "transfer") and k + 1 < sent.end \
                                    and doc[k + 1].lower_ in ("to", "for"):
                                to_club = _team_after(ctx, k + 2, sent.end, 3)
                                break
                if to_club is None and from_club is None:
                    continue
                who = person_for(ctx, s, sent, MOVERS)
                if who is None:
                    continue
                m, conf = who
                if m.kind != "player":
                    conf *= 0.9  # a name the gazetteer could not type: a player, most likely
                subj = subject_of(doc[s]) if ctx.parsed else None
                if former and subj is not None and not ctx.in_range(subj.start, subj.end, ("club",)):
                    former = None  # "former X" describes someone else in the sentence
                from_club = from_club or (former if former != to_club else None)
                if from_club == to_club:
                    continue
                conf *= 1.0 if status == "completed" else 0.8
                date = dates.report_date(doc) if status == "rumour" else _when(ctx, sent, s)
                k2 = (m.entity, to_club, status)
                if k2 in out:
                    if out[k2]["fields"]["from_club"] is None:
                        out[k2]["fields"]["from_club"] = from_club
                    out[k2]["date"] = out[k2]["date"] or date
                    out[k2]["sources"] = sorted({*map(tuple, out[k2]["sources"]),
                                                 (sent.start_char, sent.end_char)})
                    out[k2]["sources"] = [list(x) for x in out[k2]["sources"]]
                    continue
                out[k2] = event("transfer", TransferEvent(m.entity, from_club, to_club, status), conf,
                                [(sent.start_char, sent.end_char)], date)
    return list(out.values())


def _when(ctx: Context, sent: Span, s: int) -> str | None:
    """The date nearest token ``s`` in its own clause (no comma or semicolon in between)."""
    doc = ctx.doc
    stops = (",", ";", "(", ")")
    a = next((k + 1 for k in range(s - 1, sent.start - 1, -1) if doc[k].text in stops), sent.start)
    b = next((k for k in range(s + 1, sent.end) if doc[k].text in stops), sent.end)
    when = dates.timex_in(doc, doc[a].idx, doc[b - 1].idx + len(doc[b - 1]), near=doc[s].idx)
    return when.value if when else None


def _lent_player(ctx: Context, s: int, e: int, sent: Span) -> Ment | None:
    """The player right after a lending verb ("loaned Joao Felix to ..."), if the verb is one."""
    doc = ctx.doc
    if e - s != 1 or doc[s].lower_ not in ("loaned", "loan", "loans", "loaning") or e >= sent.end:
        return None
    if ctx.parsed and doc[s].pos_ != "VERB":
        return None
    return ctx.at(e, ("player", "person"))
