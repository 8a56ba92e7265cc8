"""Roles: who coaches which team, from the ``role`` rule hits (``data/events/rules/roles.jsonl``).

A hit gives the person and usually the team; the role comes from the title
the text uses ("manager", "interim boss") or the rule; a title with no team
("coach Marta Quill") takes the team the paragraph or article is about.  A
role's ``status`` says what the text tells of it: ``appointed``, ``interim``
(caretaker, "in temporary charge"), ``leaving``, ``ended`` (sacked, resigned) or
``former`` (coached in the past); a role told without one is held on the report
date.  Head-coach roles found here teach the
context whose team "<coach>'s men" is.
"""

from __future__ import annotations

from typing import Any

from touchline.model import RoleEvent, detail_to_fields
from touchline.nlp.events import dates, readers
from touchline.nlp.events.context import Context, Ment
from touchline.nlp.events.engine import Hit
from touchline.nlp.events.guards import clause_before, guard
from touchline.nlp.events.lexicon import LEXICON

PEOPLE = ("coach", "person", "player")
HEAD_ROLES = ("head_coach", "interim_head_coach")
_INTERIM = set(LEXICON.interim_words.words) | {"on an interim basis", "on a caretaker basis"}


@guard("coach_of_team")
def coach_of_team(ctx: Context, hit: Hit) -> bool:
    """ "Chelsea's Enzo Maresca", "Terzić's Dortmund": only when the person is known to coach that team."""
    person, team = hit.slots.get("person"), hit.slots.get("team")
    if person is None or team is None or person.mention is None or person.mention.kind != "coach":
        return False
    return ctx.coach_team.get(person.mention.entity) == team.entity


@guard("coach_kind")
def coach_kind(ctx: Context, hit: Hit) -> bool:
    """Verbs such as "coached" or "under" make a role only of someone known as a coach."""
    person = hit.slots.get("person")
    return person is not None and person.mention is not None and person.mention.kind == "coach"


@guard("names_its_coach")
def names_its_coach(ctx: Context, hit: Hit) -> bool:
    """A team told as "<coach>'s men": the team mention opens with a coach's name and "'s"."""
    team = hit.slots.get("team")
    if team is None or team.mention is None:
        return False
    coach = ctx.at(team.start, ("coach", "person"))
    return coach is not None and coach.tok_start == team.start and coach.tok_end < team.end \
        and ctx.lower[coach.tok_end] in ("'s", "’s", "'", "’", "‘s", "‘")


@guard("coach_team_in_article")
def coach_team_in_article(ctx: Context, hit: Hit) -> bool:
    """A known coach whose team on the report date (the gazetteer's dated roles) the article names,
    or whose players of that season it names ("Guardiola ... Haaland, Foden"), in a sentence that
    names no team itself."""
    person = hit.slots.get("person")
    if person is None or person.mention is None or person.mention.kind != "coach":
        return False
    team = ctx.coach_team.get(person.mention.entity)
    if team is None:
        return False
    if ctx.in_range(hit.sent.start, hit.sent.end, readers.TEAM_KINDS):
        return False  # a team in the coach's own sentence: the phrasing rules read that sentence
    return any(m.entity == team or (m.kind == "player" and ctx.team_of_person(m.entity) == team)
               for m in ctx.mentions)


@guard("title_not_before_person")
def title_not_before_person(ctx: Context, hit: Hit) -> bool:
    """ "Louis van Gaal, Borussia Dortmund boss Jurgen Klopp, ...": in a list the title names the
    person after it, not the one before the comma."""
    return hit.end >= hit.sent.end or ctx.at(hit.end, ("coach", "player", "person")) is None


@guard("person_not_possessor")
def person_not_possessor(ctx: Context, hit: Hit) -> bool:
    """ "sacked Mason Greenwood's agent": the name owns what was sacked."""
    person = hit.slots.get("person")
    return person is None or person.end >= hit.sent.end or ctx.lower[person.end] not in ("'s", "’s")


@guard("no_team_before")
def no_team_before(ctx: Context, hit: Hit) -> bool:
    """ "coach Marta Quill" with no team right before the title (that is another rule's reading)."""
    start = max(hit.sent.start, hit.start - 3)
    if ctx.in_range(start, hit.start, readers.TEAM_KINDS):
        return False
    return "former" not in clause_before(ctx, hit, 3)


def role_of(ctx: Context, hit: Hit) -> tuple[str | None, bool]:
    """The role a hit names, from its title words ("manager") or its rule, and whether the text
    says it is held for the time being ("interim boss", "caretaker", "in temporary charge")."""
    role = hit.get("role")
    words = " ".join(ctx.lower[hit.start:hit.end])
    mod = hit.slots.get("mod")
    interim = (mod is not None and " ".join(ctx.lower[mod.start:mod.end]) in _INTERIM) or any(
        f" {w} " in f" {words} " for w in ("interim", "caretaker", "acting"))
    if role == "from_title":
        title = hit.slots.get("title")
        text = "coach" if title is None else " ".join(ctx.lower[title.start:title.end]).replace(" - ", "-")
        role = LEXICON.role_titles.get(text, "head_coach")
    if role == "interim_head_coach":
        role, interim = "head_coach", True
    return (str(role) if role else None), interim


def _people(hit: Hit) -> list[Ment]:
    slot = hit.slots.get("person")
    if slot is not None and slot.mentions:
        return [m for m in slot.mentions if m.kind in PEOPLE]
    if slot is not None and slot.mention is not None:
        return [slot.mention]
    team = hit.slots.get("team")
    if hit.rule.id == "role.coach_side" and team is not None:
        return []  # read by coach_side below
    return []


def extract(ctx: Context, hits: list[Hit], clusters: list[Any]) -> list[dict[str, Any]]:
    """Every role an article tells; head-coach roles are also taught to the context."""
    found: dict[tuple[str, str, str], dict[str, Any]] = {}
    report = dates.report_date(ctx.doc)
    for hit in sorted((h for h in hits if h.family == "role"), key=lambda h: h.start):
        role, interim = role_of(ctx, hit)
        status = hit.get("status")
        if interim and role == "head_coach" and status in (None, "appointed"):
            status = "interim"
        team_slot = hit.slots.get("team")
        people = _people(hit)
        if hit.rule.id == "role.coach_side" and team_slot is not None:
            coach = ctx.at(team_slot.start, ("coach", "person"))
            people = [coach] if coach is not None else []
        team = team_slot.entity if team_slot is not None else None
        if team is None and hit.get("team_from") == "focus" and people:
            team = readers.focus_team(ctx, hit.start)
        elif team is None and hit.get("team_from") == "gazetteer" and people:
            team = ctx.coach_team.get(people[0].entity)
            if team is not None and team not in ctx.kinds:
                ctx.bring_entity(team)
        elif team is None and hit.get("team_from") == "sentence" and people:
            # "Ranieri, who guided Leicester to the title, has been sacked": its one team
            named = {m.entity for m in ctx.in_range(hit.sent.start, hit.sent.end, readers.TEAM_KINDS)}
            team = named.pop() if len(named) == 1 else None
        elif team is None and hit.get("team_from") == "venue":
            venue = hit.slots.get("venue")
            clubs = ctx.venue_clubs(venue.entity) if venue is not None else []
            team = clubs[0] if len(clubs) == 1 else None
        if team is None or role is None:
            continue
        for person in people:
            if role in HEAD_ROLES and person.kind == "player":
                continue
            key = (person.entity, team, role)
            sent = hit.sent
            if key in found:
                found[key]["sources"].append([sent.start_char, sent.end_char])
                found[key]["confidence"] = max(found[key]["confidence"], hit.confidence)
                if status is not None and found[key]["fields"]["status"] is None:
                    # "Leicester boss Ranieri was sacked": the title names him, the verb ends it
                    found[key]["fields"]["status"] = status
                continue
            detail = RoleEvent(person.entity, team, role, status)
            found[key] = {"kind": "role", "date": report, "confidence": hit.confidence,
                          "sources": [[sent.start_char, sent.end_char]], "fields": detail_to_fields(detail)}
            if role in HEAD_ROLES and status not in ("ended", "former"):
                ctx.coach_team.setdefault(person.entity, team)
    return list(found.values())
