"""Injuries: who is hurt, which part, and what the text says of it, from the ``injury`` rule hits
(``data/events/rules/injuries.jsonl``).

A hit names the player (a name, or "he", "who" or "the striker" read back to the
player last named), often the part ("hamstring", "knee") and an injury noun
("strain", "surgery"); the injury is named by its part, with the noun kept when
it says what happened ("knee surgery", "muscle tear"), or by the noun alone
("knock").  Some phrasings tell an injury with no part ("limped off", "remain on
the sidelines"): those are kept only when the article names no injury of that
player.  ``status`` comes from the rule: ``injured``, ``out``, ``doubt``,
``surgery`` or ``recovered``; ``expected_return`` from the time the sentence
gives for his return (``returns.py``).
"""

from __future__ import annotations

from typing import Any

from touchline.model import InjuryEvent, detail_to_fields
from touchline.nlp.events import dates, readers
from touchline.nlp.events.context import Context
from touchline.nlp.events.engine import Hit
from touchline.nlp.events.guards import clause_before, guard
from touchline.nlp.events.lexicon import LEXICON
from touchline.nlp.events.returns import expected_return

_KEEP = {w for e in LEXICON.injury_keep_nouns.words for w in (e, f"{e}s", f"{e}es")}
# What keeps a player out that is no injury: the rules that read an absence check for it.
_NOT_INJURY = ("suspended", "suspension", "ban", "banned", "red card", "sending-off", "sending - off",
               "sent off", "disciplinary", "personal reasons", "paternity", "compassionate", "cup-tied",
               "cup - tied", "ineligible", "visa", "international duty", "yellow cards", "bookings")


@guard("not_suspension")
def not_suspension(ctx: Context, hit: Hit) -> bool:
    """An absence told with a ban, a red card or leave in its clause is no injury (another
    player's "(suspended)" earlier in a list is not this one's)."""
    after: list[str] = []
    for w in ctx.lower[hit.end:min(hit.end + 12, hit.sent.end)]:
        if w in (",", ";", "but", "while", "whereas"):
            break
        after.append(w)
    text = " " + " ".join([*clause_before(ctx, hit), *ctx.lower[hit.start:hit.end], *after]) + " "
    return not any(f" {w} " in text for w in _NOT_INJURY)


_FAILED = ("failing to", "failed to", "fails to", "fail to", "yet to", "unable to", "struggling to",
           "not yet")
# Words before a recovery that make it a hope, not a fact: the player is still hurt.
_HOPED = {"if", "unless", "expected", "hopes", "hoping", "hope", "could", "should", "may", "might", "will",
          "would", "needs", "need", "set", "likely", "bid"}


@guard("not_failed")
def not_failed(ctx: Context, hit: Hit) -> bool:
    """ "retired after failing to recover from knee surgery": anywhere in the statement."""
    text = " " + " ".join(ctx.lower[hit.start:hit.end]) + " "
    return not any(f" {w} " in text for w in _FAILED)


@guard("who_not_possessor")
def who_not_possessor(ctx: Context, hit: Hit) -> bool:
    """ "the damage to Marta Quill's car": the name owns what was hurt."""
    who = hit.slots.get("who")
    return who is None or who.end >= hit.sent.end or ctx.lower[who.end] not in ("'s", "’s", "'")


# An injury's own clause dates it: "injured his knee in pre-season and had surgery in May".
_CLAUSE_STOPS = (",", ";", "(", ")", "and", "but", "while")
_EVERYDAY = set(LEXICON.everyday_parts.words)
_DAMAGE = set(LEXICON.damage_words.words)


@guard("named_injury")
def named_injury(ctx: Context, hit: Hit) -> bool:
    """A body part also named in play ("scored with his left foot") is an injury only with an
    injury noun after it or a word of damage before it ("a broken arm")."""
    part = hit.slots.get("part")
    if part is None or hit.slots.get("noun") is not None:
        return True
    if ctx.lower[part.end - 1] not in _EVERYDAY:
        return True
    return any(w in _DAMAGE for w in ctx.lower[max(hit.start, part.start - 3):part.start])


def injury_name(ctx: Context, hit: Hit) -> str | None:
    """ "hamstring", "knee surgery", "groin muscle", "knock"; None when only "an injury" is said."""
    part, noun = hit.slots.get("part"), hit.slots.get("noun")
    noun_text = _words(ctx, noun.start, noun.end) if noun is not None else None
    if part is not None:
        text = _words(ctx, part.start, part.end)
        return f"{text} {noun_text}" if noun_text in _KEEP else text
    return noun_text if noun_text in _KEEP else None


def _words(ctx: Context, start: int, end: int) -> str:
    return " ".join(ctx.lower[start:end]).replace(" - ", "-")


def extract(ctx: Context, hits: list[Hit], clusters: list[Any]) -> list[dict[str, Any]]:
    """Every injury an article tells, one per player and injury."""
    found: dict[tuple[str, str | None], dict[str, Any]] = {}
    report = dates.report_date(ctx.doc)
    for hit in sorted((h for h in hits if h.family == "injury"), key=lambda h: h.start):
        injury = injury_name(ctx, hit)
        sent = hit.sent
        status = hit.get("status")
        if status == "recovered" and _HOPED & {*clause_before(ctx, hit), *ctx.lower[hit.start:hit.end]}:
            status = "doubt"  # "if he recovers from a hamstring injury", "is expected to recover"
        when = dates.clause_timex(ctx.doc, hit.start, hit.end, want="past", stops=_CLAUSE_STOPS)
        back = None if status == "recovered" else expected_return(sent, ctx.doc._.tl_timexes or [],
                                                                  dates.dct(ctx.doc))
        for person, how in readers.people_in_slot(ctx, hit):
            conf = round(hit.confidence * readers.READ_AS[how], 3)
            key = (person.entity, injury)
            source = [sent.start_char, sent.end_char]
            if key in found:
                rec = found[key]
                if source not in rec["sources"]:
                    rec["sources"].append(source)
                if conf > rec["confidence"]:
                    rec["confidence"] = conf
                    rec["fields"]["status"] = status
                rec["fields"]["expected_return"] = rec["fields"]["expected_return"] or back
                continue
            detail = InjuryEvent(person.entity, injury, status, back)
            found[key] = {"kind": "injury", "date": when.value if when else report, "confidence": conf,
                          "sources": [source], "fields": detail_to_fields(detail)}
    named = {player for player, injury in found if injury is not None}
    return [rec for (player, injury), rec in found.items() if injury is not None or player not in named]
