"""Milestones: "his 50th appearance in the competition", ages, records and previous holders."""

from __future__ import annotations

import logging
import re
from typing import Any

from spacy.tokens import Span

from touchline.model import MilestoneEvent
from touchline.nlp.events import dates
from touchline.nlp.events.context import Context, Hits, lexicon
from touchline.nlp.events.people import antecedent, event, person_for

logger = logging.getLogger(__name__)

_ORD = re.compile(r"^(\d{1,4})(?:st|nd|rd|th)$")
_AGE = re.compile(r"(\d{1,2}) years?,? and (\d{1,3}) days?")
# Words of a sentence that refers back to the feat just told ("reached that milestone aged 19").
_BACK_REFS = {"milestone", "mark", "landmark", "feat", "achievement", "tally"}
# Small ordinals ("his second goal") are routine; a milestone is a landmark count.
MIN_COUNT = 10


def _same_person(ctx: Context, sent: Span, rec: dict[str, Any]) -> bool:
    """A later sentence goes on about the milestone's player: it names him or only a pronoun."""
    people = {m.entity for m in ctx.in_range(sent.start, sent.end, ("player", "coach", "person"))}
    if rec["fields"]["player"] in people:
        return True
    return any(t.lower_ in ("he", "she") for t in sent[:3])  # "He reached the mark ..."


def _competition(ctx: Context, sent: Span, start: int, end: int) -> str | None:
    comps = ctx.in_range(start, end, ("competition",))
    if comps:
        return comps[0].entity
    if any(t.lower_ in ("competition", "tournament") for t in ctx.doc[start:end]):
        prev = [m for m in ctx.mentions if m.kind == "competition" and m.tok_end <= start]
        return prev[-1].entity if prev else None
    return None


def _decorate(ctx: Context, hits: Hits, sent: Span, rec: dict[str, Any], start: int) -> None:
    """Age, record wording and previous holder stated in the sentence (from ``start`` on)."""
    doc = ctx.doc
    lex = lexicon()
    f = rec["fields"]
    text = doc[start: sent.end].text
    m = _AGE.search(text)
    if m and f["age"] is None:
        f["age"] = f"{int(m.group(1))}y{int(m.group(2))}d"
    for t in doc[start: sent.end]:
        if t.lower_ in lex["record_words"] and t.i + 1 < sent.end and doc[t.i + 1].lower_ in (
                "player", "man", "footballer", "scorer", "to", "ever", "teenager", "goalkeeper"):
            f["record"] = f["record"] or t.lower_
            break
    for _s, e in hits.find("surpass_words", start, sent.end):
        for j in range(e, min(e + 6, sent.end)):
            p = ctx.at(j, ("player", "coach", "person"))
            if p is not None and p.entity != f["player"]:
                f["previous_holder"] = f["previous_holder"] or p.entity
                break
        if f["previous_holder"]:
            break
    src = [sent.start_char, sent.end_char]
    if src not in rec["sources"]:
        rec["sources"].append(src)


def extract_milestones(ctx: Context, hits: Hits) -> list[dict[str, Any]]:
    doc = ctx.doc
    measures = lexicon()["milestone_measures"]
    out: list[dict[str, Any]] = []
    last: dict[str, Any] | None = None
    for sent in doc.sents:
        if last is not None and any(t.lower_ in _BACK_REFS for t in sent) and _same_person(ctx, sent, last):
            _decorate(ctx, hits, sent, last, sent.start)  # "reached that milestone at the age of ..."
        for t in sent:
            mm = _ORD.match(t.text)
            if not mm or int(mm.group(1)) < MIN_COUNT:
                continue
            measure = None
            k = t.i + 1
            while k < min(t.i + 5, sent.end):
                w = doc[k].lower_
                if w in measures:
                    measure = measures[w]
                    break
                if doc[k].is_punct or doc[k].pos_ == "VERB":
                    break
                k += 1
            if measure is None:
                continue
            prev = doc[t.i - 1].lower_ if t.i > sent.start else ""
            who = None
            if prev in ("'s", "’s") and t.i - 2 >= sent.start:
                p = ctx.at(t.i - 2, ("player",))
                who = (p, 0.85) if p else None
            if who is None:
                who = person_for(ctx, t.i, sent)
            if who is None and prev in ("his", "her"):
                p = antecedent(ctx, t.i, sent)
                who = (p, 0.6) if p else None
            if who is None:
                continue
            person, conf = who
            comp = _competition(ctx, sent, sent.start, min(k + 8, sent.end))
            if any(r["fields"]["previous_holder"] == person.entity for r in out):
                continue  # the previous holder's own feat, told for comparison
            when = dates.timex_in(doc, sent.start_char, sent.end_char, want="past")
            rec = event("milestone", MilestoneEvent(person.entity, comp, int(mm.group(1)), measure),
                        conf, [(sent.start_char, sent.end_char)], when.value if when else None)
            _decorate(ctx, hits, sent, rec, t.i)
            out.append(rec)
            last = rec
    return out


def extract(ctx: Context, hits: list[Any], legacy: Hits, clusters: list[Any]) -> list[dict[str, Any]]:
    """Every milestone an article tells."""
    return extract_milestones(ctx, legacy)
