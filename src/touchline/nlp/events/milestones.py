"""Milestones from the ``milestone`` rule hits (``data/events/rules/milestones.jsonl``).

A ``milestone`` hit tells a landmark: a count and what it counts ("his 100th
goal for the club", "reached 200 appearances", "the youngest player to score
50 league goals"), or a record with no count ("the oldest player to appear in
the competition").  Its player is the rule's ``player`` slot, else the clause's
subject or, for "his"/"her", the person named just before.  ``milestone_detail``
hits add what the text says around it: the age ("aged 19 years and 40 days"),
the record ("the youngest player to do so") and the previous holder
("surpassing X", "breaking X's record", "the first since X").  A detail belongs
to the milestone told before it in its sentence, or to the last milestone when
a following sentence refers back to it ("He reached that milestone ...") and is
about the same person.  A previous holder's own feat, told for comparison, is
not a milestone of its own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from touchline.model import MilestoneEvent
from touchline.nlp.events import dates, readers
from touchline.nlp.events.context import Context, Ment
from touchline.nlp.events.engine import Hit, Slot
from touchline.nlp.events.guards import guard
from touchline.nlp.events.lexicon import LEXICON
from touchline.nlp.events.people import antecedent, event, person_for
from touchline.nlp.events.rules import entry_forms

READ_KINDS = ("player", "person")  # whom a clause's subject or "his" may stand for
MIN_COUNT = 10  # "his second goal" is routine; a milestone is a landmark count
BACK_REF_REACH = 2  # sentences after a milestone that may still refer back to it
_LOOKBACK = 14
_CLAUSE_STOPS = {"after", "since", "when", "because", "but", "once", ";", "—", "–", ":"}
_NOT_MODAL_WHEN_CAPITAL = {"may"}  # "in May" is a month


def _phrase_in(words: list[str], phrases: tuple[str, ...]) -> bool:
    text = " " + " ".join(words) + " "
    return any(f" {p.replace('-', ' - ')} " in text for p in phrases)


def _text(ctx: Context, slot: Slot) -> str:
    return " ".join(ctx.lower[slot.start:slot.end])


def count_of(ctx: Context, hit: Hit) -> int | None:
    """The count a hit tells: its ``count`` slot ("100th", "1,000") or the rule's constant ("century")."""
    slot = hit.slots.get("count")
    if slot is None:
        value = hit.get("count")
        return int(value) if value is not None else None
    digits = re.sub(r"\D", "", ctx.doc[slot.start].text)
    return int(digits) if digits else None


@guard("landmark_count")
def landmark_count(ctx: Context, hit: Hit) -> bool:
    """A count worth a milestone: at least ten, a round total when told in figures ("reached 200
    appearances"), and not a tally of the season or of a run ("his 15th goal of the season")."""
    count = count_of(ctx, hit)
    if count is None or count < MIN_COUNT:
        return False
    slot = hit.slots.get("count")
    if slot is not None and ctx.lower[slot.start][-1:].isdigit() and count % 10:
        return False
    after = ctx.lower[hit.end:min(hit.end + 8, hit.sent.end)]
    cut = next((k for k, w in enumerate(after) if w in (",", "and", "as", "while", "but", ";")), len(after))
    after = after[:cut]
    if _phrase_in(after, LEXICON.season_count_words.words):
        return False
    # "his 12th goal in 14 games": a rate, not a landmark
    return not (after[:1] == ["in"] and len(after) > 1
                and (after[1][:1].isdigit() or after[1] in LEXICON.number_words))


@guard("milestone_happened")
def milestone_happened(ctx: Context, hit: Hit) -> bool:
    """Nothing before the count in its clause says the landmark is still to come or was missed:
    "will win his 50th cap", "is set to make", "should have brought up", "two goals away from"."""
    slot = hit.slots.get("count")
    anchor = slot.start if slot is not None else hit.start
    words: list[str] = []
    i = anchor - 1
    while i >= hit.sent.start and len(words) < _LOOKBACK:
        w = ctx.lower[i]
        if w in _CLAUSE_STOPS:
            break
        if not (w in _NOT_MODAL_WHEN_CAPITAL and ctx.doc[i].text[:1].isupper()):
            words.append(w)
        i -= 1
    words.reverse()
    if any(w in LEXICON.modals for w in words):
        return False
    return not _phrase_in(words, (*LEXICON.unrealised_words.words, *LEXICON.hypothetical_words.words))


@guard("no_count_after")
def no_count_after(ctx: Context, hit: Hit) -> bool:
    """A record told with no count: "the first player to score" not followed by "50 goals" (that
    reading belongs to the rule with the count)."""
    nxt = ctx.lower[hit.end] if hit.end < hit.sent.end else ""
    return not (nxt[:1].isdigit() or nxt in LEXICON.number_words)


@lru_cache(maxsize=1)
def _measures() -> dict[str, str]:
    """Every form of a counted noun ("appearances", "clean sheets") and the measure it names."""
    out: dict[str, str] = {}
    for base, measure in LEXICON.milestone_measures.items():
        for seq in entry_forms(base, "noun", None):
            out[" ".join(seq)] = measure
    return out


def _measure(ctx: Context, hit: Hit, person: Ment) -> str | None:
    slot = hit.slots.get("measure")
    measure = _measures().get(_text(ctx, slot)) if slot is not None else hit.get("measure")
    if measure == "appearance" and person.kind == "coach":
        return "game in charge"
    return str(measure) if measure else None


def _record(ctx: Context, hit: Hit) -> str | None:
    slot = hit.slots.get("record")
    if slot is not None:
        return _text(ctx, slot)
    adj = hit.slots.get("adj")
    if adj is not None and _text(ctx, adj) in LEXICON.record_kinds:
        return LEXICON.record_kinds[_text(ctx, adj)]
    value = hit.get("record")
    return str(value) if value else None


def _competition(ctx: Context, hit: Hit) -> str | None:
    """The competition a hit names, or the one "the competition" refers back to."""
    for name in ("comp", "where"):
        slot = hit.slots.get(name)
        if slot is not None and slot.mention is not None and slot.mention.kind == "competition":
            return slot.mention.entity
    if "comp_back" in hit.slots:
        prev = [m for m in ctx.mentions if m.kind == "competition" and m.tok_end <= hit.start]
        return prev[-1].entity if prev else None
    return None


def player_of(ctx: Context, hit: Hit) -> tuple[Ment, float] | None:
    """The milestone's person: the rule's slot, else the clause's subject, else (for "his 100th")
    the person named just before."""
    slot = hit.slots.get("player")
    if slot is not None and slot.mention is not None:
        return slot.mention, 1.0
    who = person_for(ctx, hit.start, hit.sent, READ_KINDS)
    if readers.inside_quote(ctx, hit.start):
        # a speaker's "his 50th cap": only a name in the quoted sentence itself says whose
        return who if who is not None and who[0].tok_start >= hit.sent.start else None
    if who is None and ctx.lower[hit.start] in ("his", "her"):
        m = antecedent(ctx, hit.start, hit.sent, READ_KINDS)
        who = (m, 0.6) if m is not None else None
    return who


def _apply(ctx: Context, rec: dict[str, Any], detail: Hit) -> bool:
    """Fill the milestone's age, record or previous holder from a detail hit; True if it added one."""
    f = rec["fields"]
    part = detail.get("part")
    if part == "comp" and f["competition"] is None:
        f["competition"] = _competition(ctx, detail)
        return f["competition"] is not None
    if part == "age" and f["age"] is None:
        years = detail.slots.get("years")
        days = detail.slots.get("days")
        if years is None:
            return False
        y = int(ctx.lower[years.start])
        f["age"] = f"{y}y{int(ctx.lower[days.start])}d" if days is not None else f"{y}y"
        return True
    if part == "record" and f["record"] is None:
        f["record"] = _record(ctx, detail)
        return f["record"] is not None
    if part == "holder":
        slot = detail.slots.get("holder")
        holder = slot.entity if slot is not None else None
        if holder is None or holder == f["player"] or f["previous_holder"] is not None:
            return False
        f["previous_holder"] = holder
        f["record"] = f["record"] or _record(ctx, detail)
        return True
    return False


def _same_person(ctx: Context, back_ref: Hit, rec: dict[str, Any]) -> bool:
    """A sentence that goes on about the milestone's player: it names him, or opens on a pronoun
    or a description ("The 29-year-old reached the landmark ...") with nobody else named first."""
    sent = back_ref.sent
    people = {m.entity for m in ctx.in_range(sent.start, sent.end, ("player", "coach", "person"))}
    if rec["fields"]["player"] in people:
        return True
    if any(w in ("he", "she") for w in ctx.lower[sent.start:min(sent.start + 3, sent.end)]):
        return True
    return ctx.lower[sent.start] == "the" and not ctx.in_range(sent.start, back_ref.start,
                                                                ("player", "coach", "person"))


def _new_milestone(ctx: Context, hit: Hit, out: list[dict[str, Any]]) -> dict[str, Any] | None:
    who = player_of(ctx, hit)
    if who is None:
        return None
    person, conf = who
    holder = hit.slots.get("holder")
    holder_id = holder.entity if holder is not None else None
    if holder_id == person.entity or any(r["fields"]["previous_holder"] == person.entity for r in out):
        return None  # the previous holder's own feat, told for comparison
    detail = MilestoneEvent(person.entity, _competition(ctx, hit), count_of(ctx, hit),
                            _measure(ctx, hit, person), None, _record(ctx, hit), holder_id)
    sent = hit.sent
    when = dates.timex_in(ctx.doc, sent.start_char, sent.end_char, want="past")
    return event("milestone", detail, min(hit.confidence, conf),
                 [(sent.start_char, sent.end_char)], when.value if when else None)


def _merge(out: list[dict[str, Any]], rec: dict[str, Any]) -> dict[str, Any]:
    """The same landmark told twice (headline and body) is one milestone."""
    f = rec["fields"]
    for old in out:
        g = old["fields"]
        if (g["player"], g["count"], g["measure"]) == (f["player"], f["count"], f["measure"]) \
                and (f["count"] is not None or g["record"] == f["record"]):
            for key, value in f.items():
                if g.get(key) is None and value is not None:
                    g[key] = value
            old["sources"] = sorted({*map(tuple, old["sources"]), *map(tuple, rec["sources"])})
            old["sources"] = [list(s) for s in old["sources"]]
            old["date"] = old["date"] or rec["date"]
            return old
    out.append(rec)
    return rec


def _add_source(rec: dict[str, Any], hit: Hit) -> None:
    src = [hit.sent.start_char, hit.sent.end_char]
    if src not in rec["sources"]:
        rec["sources"].append(src)
        rec["sources"].sort()


def extract(ctx: Context, hits: list[Hit], clusters: list[Any]) -> list[dict[str, Any]]:
    """Every milestone an article tells, with the details told around it."""
    mains = sorted((h for h in hits if h.family == "milestone"), key=lambda h: h.start)
    details = sorted((h for h in hits if h.family == "milestone_detail"), key=lambda h: h.start)
    out: list[dict[str, Any]] = []
    last: tuple[dict[str, Any], int] | None = None
    for si in sorted({h.sent_index for h in mains} | {h.sent_index for h in details}):
        here = [h for h in mains if h.sent_index == si]
        extra = [d for d in details if d.sent_index == si]
        first = here[0].start if here else 1 << 30
        before = [d for d in extra if d.start < first]
        refs = [d for d in before if d.get("part") == "backref"]
        if last is not None and refs and si - last[1] <= BACK_REF_REACH \
                and _same_person(ctx, refs[0], last[0]):
            # "He reached that milestone at the age of 21 years and 40 days"
            if [d for d in before if _apply(ctx, last[0], d)]:
                _add_source(last[0], before[0])
            before = []
        for k, hit in enumerate(here):
            rec = _new_milestone(ctx, hit, out)
            end = here[k + 1].start if k + 1 < len(here) else 1 << 30
            if rec is None:
                continue
            rec = _merge(out, rec)
            last = (rec, si)
            # an age may come before the count ("aged 33, Kallio made his 100th appearance");
            # a record or a holder only after it
            ages = [d for d in before if d.get("part") == "age"] if k == 0 else []
            for d in [*ages, *(d for d in extra if hit.start <= d.start < end)]:
                # the competition only right after the count: "his 100th goal in the Coastal League"
                if d.get("part") != "comp" or d.start == hit.end:
                    _apply(ctx, rec, d)
    return out
