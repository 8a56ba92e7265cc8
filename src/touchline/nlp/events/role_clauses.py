"""Coaching roles told by a clause rather than a title: "X will leave Y", "he coached Y", "Y ... under X",
"X took charge of Y", "X will become Y's head coach", "Y's X" for a known coach."""

from __future__ import annotations

import logging
from typing import Any

from spacy.tokens import Span, Token

from touchline.nlp.events.context import Context, Ment, lexicon, subject_of

logger = logging.getLogger(__name__)

COACHES = ("coach",)
_LEAVE = {"leave", "leaves", "leaving"}
_COACH_VERBS = {"coached", "managed", "coaches", "manages"}
_TAKE = {"take", "takes", "took", "taken", "taking"}
_BECOME = {"become", "becomes", "became", "is", "was", "remains", "remained", "be"}
_INTERIM = {"interim", "caretaker", "temporary"}
_PAST_WORDS = {"former", "ex", "ex-", "then", "one-time", "onetime", "erstwhile", "previous", "late"}

Role = tuple[Ment, str, str, float]


def clause_roles(ctx: Context, sent: Span) -> list[Role]:
    """Coaching roles of one sentence told by the clause patterns above (parsed Docs only)."""
    if not ctx.parsed:
        return []
    out: list[Role] = []
    for tok in sent:
        low = tok.lower_
        found: Role | None = None
        if low in _LEAVE and tok.pos_ == "VERB":
            found = _leaving(ctx, tok, sent)
        elif low in _COACH_VERBS and tok.pos_ == "VERB":
            found = _coaching(ctx, tok, sent)
        elif low == "charge":
            found = _in_charge(ctx, tok, sent)
        elif low == "under":
            found = _under(ctx, tok, sent)
        elif low in ("'s", "’s"):
            found = _team_possessive(ctx, tok, sent)
        if found is not None:
            out.append(found)
    return out


def _former(doc: Any, i: int, sent: Span) -> bool:
    """A "former"/"ex-" within the few words before token ``i``."""
    return any(doc[k].lower_ in _PAST_WORDS or doc[k].lower_.startswith("ex-")
               for k in range(max(sent.start, i - 4), i))


def _object_team(ctx: Context, verb: Token, sent: Span) -> str | None:
    """The team that is the verb's direct object and follows it at once ("leave Liverpool")."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    hit = ctx.team_at(obj.i)
    start = verb.i + 1 + (verb.doc[verb.i + 1].lower_ == "the")
    if hit is None or hit[1].tok_start != start or _former(ctx.doc, start, sent):
        return None
    return hit[0]


def _coach_subject(ctx: Context, verb: Token, sent: Span, kinds: tuple[str, ...] = COACHES) -> Ment | None:
    """The coach a clause is about: its subject, or the coach a "he"/"who" subject stands for."""
    subj = subject_of(verb)
    if subj is None or not len(subj):
        return None
    found = ctx.in_range(subj.start, subj.end, kinds)
    if found:
        return found[0]
    if subj.root.lower_ in ("he", "she"):
        prev = [m for m in ctx.mentions if m.kind in kinds and m.tok_end <= subj.start
                and m.tok_start >= _prev_sent_start(ctx, sent)]
        people = [m for m in ctx.mentions if m.kind in ("player", "person", "coach")
                  and m.tok_end <= subj.start and m.tok_start >= _prev_sent_start(ctx, sent)]
        # only when the last person named is that coach: "he" could be anyone else told between
        if prev and people and people[-1].entity == prev[-1].entity:
            return prev[-1]
    return None


def _prev_sent_start(ctx: Context, sent: Span) -> int:
    return ctx.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start


def _leaving(ctx: Context, verb: Token, sent: Span) -> Role | None:
    """ "Klopp will leave Liverpool at the end of the season", "Alonso, who is leaving Leverkusen":
    a coach leaving a team (not "left": that role may be long over) coaches it now."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.dep_ == "neg" for c in verb.children) or any(a.lower_ in ("has", "have", "had") for a in aux):
        return None
    if verb.tag_ == "VB" and not any(a.lower_ in ("will", "'ll", "would", "to") for a in aux):
        return None
    if any(a.lower_ == "to" for a in aux) and verb.head.lower_ not in ("set", "due", "going", "about"):
        return None  # "wants to leave", "could be forced to leave": not told as happening
    if verb.tag_ == "VBG" and not any(a.lower_ in ("is", "are", "'s", "was") for a in aux):
        return None
    return _coach_of_object(ctx, verb, sent)


def _coach_of_object(ctx: Context, verb: Token, sent: Span) -> Role | None:
    """The verb's coach subject as head coach of its object team."""
    team = _object_team(ctx, verb, sent)
    if team is None:
        return None
    coach = _coach_subject(ctx, verb, sent)
    if coach is None or _former(ctx.doc, coach.tok_start, ctx.doc[coach.tok_start].sent):
        return None  # "former midfielder Xabi Alonso, who ...": introduced by a past, not his post
    return coach, team, "head_coach", 0.75


def _coaching(ctx: Context, verb: Token, sent: Span) -> Role | None:
    """ "Before that he coached AZ Alkmaar", "Slot managed Feyenoord for three seasons"."""
    if any(c.dep_ in ("auxpass", "neg") for c in verb.children):
        return None
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
        return None
    return _coach_of_object(ctx, verb, sent)


def _in_charge(ctx: Context, tok: Token, sent: Span) -> Role | None:
    """ "X took charge of Y", "his first games in charge of Y" ("interim" or "caretaker" near: interim)."""
    doc = ctx.doc
    if tok.i + 2 >= sent.end or doc[tok.i + 1].lower_ != "of":
        return None
    hit = ctx.team_at(tok.i + 2)
    if hit is None or hit[1].tok_start != tok.i + 2:
        return None
    interim = any(t.lower_ in _INTERIM for t in doc[max(sent.start, tok.i - 3): min(tok.i + 10, sent.end)])
    role = "interim_head_coach" if interim else "head_coach"
    head = tok.head
    coach: Ment | None = None
    if head.lower_ in _TAKE and tok.dep_ == "dobj":
        if any(c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ not in ("will", "'ll") for c in head.children):
            return None
        coach = _coach_subject(ctx, head, sent, (*COACHES, "person"))
    elif head.lower_ == "in" and tok.dep_ == "pobj":
        noun = head.head
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        if poss is not None and poss.lower_ in ("his", "her"):
            prev = [m for m in ctx.mentions if m.kind in COACHES and m.tok_end <= poss.i
                    and m.tok_start >= _prev_sent_start(ctx, sent)]
            coach = prev[-1] if prev else None
        elif poss is not None:
            coach = ctx.at(poss.i, COACHES)
    if coach is None or _former(doc, coach.tok_start, sent):
        return None
    return coach, hit[0], role, 0.75


def _under(ctx: Context, tok: Token, sent: Span) -> Role | None:
    """ "Leverkusen's double under Xabi Alonso", "City won the title under Guardiola": the team of
    the phrase or clause the "under <coach>" hangs on."""
    doc = ctx.doc
    if tok.i + 1 >= sent.end:
        return None
    coach = ctx.at(tok.i + 1, COACHES)
    if coach is None or coach.tok_start != tok.i + 1 or _former(doc, tok.i + 1, sent):
        return None
    head = tok.head
    teams: set[str] = set()
    if head.pos_ in ("NOUN", "PROPN", "ADJ"):
        teams = {m.entity for m in ctx.in_range(head.left_edge.i, tok.i, lexicon()["team_kinds"])}
    elif head.pos_ in ("VERB", "AUX"):
        # "City won the title under Guardiola": a team heading the subject ("the Leverkusen star
        # was central under Alonso" is a player's story, not a team's)
        subj = subject_of(head)
        hit = ctx.team_at(subj[-1].i) if subj is not None and len(subj) else None
        teams = {hit[0]} if hit is not None else set()
    return (coach, teams.pop(), "head_coach", 0.7) if len(teams) == 1 else None


def _team_possessive(ctx: Context, tok: Token, sent: Span) -> Role | None:
    """ "Feyenoord's Arne Slot": a team's coach named with the team (a player's name here is no role).
    Only when what is known of the coach does not tie him to another team on the report date."""
    doc = ctx.doc
    if tok.i == sent.start or tok.i + 1 >= sent.end:
        return None
    team = ctx.team_at(tok.i - 1)
    coach = ctx.at(tok.i + 1, COACHES)
    if team is None or coach is None or coach.tok_start != tok.i + 1:
        return None
    if _former(doc, team[1].tok_start, sent):
        return None
    known = ctx.coach_team.get(coach.entity)
    if known is not None and known != team[0]:
        return None
    return coach, team[0], "head_coach", 0.7


def title_clause_person(ctx: Context, title_end: int, sent: Span) -> Ment | None:
    """ "Ancelotti will become Brazil's head coach", "Slot is the new Liverpool head coach": the coach
    a title with its team is said of (not "could become", "wants to become")."""
    doc = ctx.doc
    title = doc[title_end - 1]
    verb = title.head
    if title.dep_ not in ("attr", "oprd") or verb.lower_ not in _BECOME:
        return None
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    if any((a.tag_ == "MD" and a.lower_ not in ("will", "'ll")) or a.lower_ == "to" for a in aux):
        return None
    return _coach_subject(ctx, verb, sent, (*COACHES, "person"))
