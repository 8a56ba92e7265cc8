"""Claims: what one article says about states (who coaches a club, a player's club, an
injury, a place in a table), read from its resolved events and entities.

==============================  =======================================================
read from                       claim
==============================  =======================================================
a head-coach role               ``head_coach`` of the team: ``holds`` (told without a
                                status, interim, leaving), ``starts`` (appointed),
                                ``ends`` (sacked, resigned), ``past`` ("former")
a completed transfer or loan    ``plays_for`` of the player: ``starts`` at the new club
                                on a day the text names (else ``holds`` on the report
                                date); ``ends`` at the club he left
an injury                       ``injured`` of the player: ``holds`` (injured, out,
                                surgery; ``until`` its expected return), ``ends``
                                (recovered); a doubt says nothing
a standing                      ``position`` of the team in its competition: ``holds``
a goal in a dated match         ``plays_for`` the side it counted for (an own goal: the
                                other side) ``holds`` and ``injured`` ``ends`` that day
a player linked to a club by    ``plays_for`` ``holds`` on the report date
the article ("Castlemoor's X")
==============================  =======================================================

A claim is dated by the day its text names, else by the report date (what an
article says held, held when it was published).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from touchline.model import (
    Analysis,
    Article,
    Claim,
    Event,
    InjuryEvent,
    MatchEvent,
    Mention,
    RoleEvent,
    SourceSpan,
    StandingEvent,
    TransferEvent,
)
from touchline.resolve.entity_records import teams_of
from touchline.resolve.readings import map_span

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ROLE_MODES = {None: "holds", "interim": "holds", "leaving": "holds", "appointed": "starts",
              "ended": "ends", "former": "past"}
INJURED = ("injured", "out", "surgery")
# How much less a claim read in passing is worth than the event it came from.
SCORER_WEIGHT = 0.9
LINKED_TEAM_CONFIDENCE = 0.6


def _day(event: Event) -> str | None:
    return event.date if event.date and _DAY.match(event.date) else None


def _claim(art: Article, relation: str, subject: str | None, obj: str | None, mode: str,
           when: str | None, confidence: float, sources: Iterable[SourceSpan],
           qualifier: str | None = None, until: str | None = None) -> Claim | None:
    if subject is None:
        return None
    return Claim(relation=relation, subject=subject, object=obj, mode=mode, day=when, article=art.id,
                 published=art.published, confidence=round(confidence, 4), sources=tuple(sources),
                 qualifier=qualifier, until=until)


def _event_claims(ev: Event, art: Article) -> list[Claim | None]:
    d = ev.detail
    report = art.published.isoformat() if art.published else None
    day = _day(ev)
    conf, src = ev.confidence, ev.sources
    if isinstance(d, RoleEvent):
        if d.role != "head_coach" or d.person is None or d.status not in ROLE_MODES:
            return []
        # A role is told as of the report date (what the text says held, held when it was published).
        return [_claim(art, "head_coach", d.team, d.person, ROLE_MODES[d.status], report or day, conf, src)]
    if isinstance(d, TransferEvent):
        if d.status not in ("completed", "loan") or d.player is None:
            return []
        out = []
        if d.to_club is not None:
            out.append(_claim(art, "plays_for", d.player, d.to_club, "starts" if day else "holds",
                              day or report, conf, src))
        if d.from_club is not None and day is not None:
            out.append(_claim(art, "plays_for", d.player, d.from_club, "ends", day, conf, src))
        return out
    if isinstance(d, InjuryEvent):
        if d.status in INJURED:
            return [_claim(art, "injured", d.player, d.injury or "injury", "holds", day or report, conf, src,
                           until=d.expected_return)]
        if d.status == "recovered":
            return [_claim(art, "injured", d.player, None, "ends", day or report, conf, src)]
        return []
    if isinstance(d, StandingEvent):
        if d.position is None:
            return []
        return [_claim(art, "position", d.team, str(d.position), "holds", day or report, conf, src,
                       qualifier=d.competition)]
    if isinstance(d, MatchEvent) and day is not None:
        out = []
        for s in d.scorers:
            side = s.team
            if s.own_goal:
                side = d.away if s.team == d.home else d.home if s.team == d.away else None
            if s.player is None:
                continue
            if side is not None and side.startswith("club:"):
                out.append(_claim(art, "plays_for", s.player, side, "holds", day, conf * SCORER_WEIGHT, src))
            out.append(_claim(art, "injured", s.player, None, "ends", day, conf * SCORER_WEIGHT, src))
        return out
    return []


def _near(mentions: list[Mention], person: str, team: str, article: str) -> tuple[SourceSpan, ...]:
    """The span naming a player closest to a mention of the club linked to him."""
    own = [m for m in mentions if m.entity == person]
    clubs = [m for m in mentions if m.entity == team]
    if not own:
        return ()
    if not clubs:
        return (SourceSpan(article, own[0].start, own[0].end),)
    a, b = min(((p, c) for p in own for c in clubs),
               key=lambda pc: (max(pc[0].start, pc[1].start) - min(pc[0].end, pc[1].end), pc[0].start))
    return (SourceSpan(article, min(a.start, b.start), max(a.end, b.end)),)


def claims_of(analysis: Analysis) -> list[Claim]:
    """Every claim one resolved article makes, each once."""
    art = analysis.article
    found: list[Claim | None] = []
    for ev in analysis.events:
        found += _event_claims(ev, art)
    report = art.published.isoformat() if art.published else None
    mentions = sorted(analysis.mentions, key=lambda m: m.start)
    for e in analysis.entities:
        if e.kind != "player":
            continue
        for team in sorted(teams_of(e)):
            if team.startswith("club:"):
                found.append(_claim(art, "plays_for", e.id, team, "holds", report, LINKED_TEAM_CONFIDENCE,
                                    _near(mentions, e.id, team, art.id)))
    merged: dict[tuple[object, ...], Claim] = {}
    for c in found:
        if c is None:
            continue
        key = (c.relation, c.subject, c.object, c.qualifier, c.mode, c.day)
        old = merged.get(key)
        if old is None:
            merged[key] = c
        else:
            spans = tuple(sorted({*old.sources, *c.sources}, key=lambda s: (s.start, s.end)))
            merged[key] = replace(old, confidence=max(old.confidence, c.confidence), sources=spans)
    return sorted(merged.values(), key=claim_order)


def claim_order(c: Claim) -> tuple[object, ...]:
    return (c.relation, c.subject, c.qualifier or "", c.day or "", c.mode, c.object or "", c.article)


def copied_claims(claims: Iterable[Claim], original: str, copy: Article) -> list[Claim]:
    """A syndicated copy's claims: its original's, told by the copy (its id, date and spans)."""
    return [replace(c, article=copy.id, published=copy.published,
                    sources=tuple(map_span(original, copy.text, s, copy.id) for s in c.sources))
            for c in claims]
