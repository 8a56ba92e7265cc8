"""Fixtures: coming games, from the ``fixture`` rule hits (``data/events/rules/fixtures.jsonl``).

A hit names the opponent and often the team; the rule's ``side`` says who is
at home ("X host Y", "away to Y", "the visit of Y").  A team the rule leaves
open is read through the discourse, each step keeping only a team of the
opponent's kind (a club never plays a national team): the phrase's possessor
("Barcelona's match against", "their next game"), the clause's subject (a
player's or a coach's team: "Coutinho will miss the clash against Betis"),
the club of a home ground named, an earlier fixture of the same sentence
("X's match against A on D1 and the next game against B on D2"), the one
team of that kind the sentence names, the paragraph's or article's focus team.

A fixture is dated by the time expression nearest its words between the
fixtures around it ("A on November 16 and B on November 20"; "against A
and B on November 16 and 20 respectively" pairs them in order); a weekday of
a coming game is the next such day after the report ("before Tuesday's visit
to Salzburg" in a Saturday report); "later today", "in the late game" give
the report date.  A pairing told with a past day, or with its result, is no
fixture.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Span

from touchline.model import FixtureEvent, detail_to_fields
from touchline.nlp.events import dates, readers
from touchline.nlp.events.context import Context, Ment
from touchline.nlp.events.engine import Hit
from touchline.nlp.events.fixture_days import _days
from touchline.nlp.events.guards import _phrase_in, _words, clause_before, guard
from touchline.nlp.events.lexicon import LEXICON
from touchline.nlp.extensions import doc_text

_AWAY_NOUNS = {"visit", "visits", "trip", "trips", "journey", "journeys"}
_FORWARD = (
    "ahead of",
    "before",
    "for",
    "in preparation for",
    "preparing for",
    "build-up to",
    "build up to",
    "run-up to",
    "until",
)
_SPECULATIVE = (
    "could",
    "might",
    "may",
    "would",
    "possible",
    "potential",
    "likely",
    "probable",
    "possibly",
    "potentially",
)
_SCORE = re.compile(r"^\d{1,2}[-–]\d{1,2}$")


def _same_day(ctx: Context, sent: Span) -> bool:
    return _phrase_in(_words(ctx, sent.start, sent.end), LEXICON.same_day_words.words)


def _forward_context(ctx: Context, hit: Hit) -> bool:
    """ "ahead of/before Monday's match", "will", "upcoming": the game is still to come."""
    before = clause_before(ctx, hit, 8)
    after = _words(ctx, hit.end, min(hit.end + 3, hit.sent.end))
    after = after[: after.index(",")] if "," in after else after
    words = [*before, *ctx.lower[hit.start : hit.end], *after]
    raw = _words(ctx, max(hit.start - 4, hit.sent.start), hit.start + 1)
    if any((" ".join(raw[k:]) + " ").startswith(f + " ") for f in _FORWARD for k in range(len(raw))):
        return True
    if any(w in ("will", "'ll", "shall", "wo") for w in words) or _phrase_in(
        words, ("set to", "due to", "going to", "scheduled to", "is to", "are to")
    ):
        return True
    return any(w in LEXICON.coming_words.words for w in words)


# --- guards -----------------------------------------------------------------------------------


@guard("fixture_coming")
def fixture_coming(ctx: Context, hit: Hit) -> bool:
    """A coming game: a day after the report near its words, or words that put it ahead ("will",
    "upcoming", "next", "ahead of Monday's match", "later today"); never one told with a past day, a
    word of a played game ("ended", "last week") or in the past tense ("were at home to Y")."""
    sent = hit.sent
    after = _words(ctx, hit.end, min(hit.end + 8, sent.end))
    before = clause_before(ctx, hit, 8)
    inside = ctx.lower[hit.start : hit.end]
    if _phrase_in([*before, *inside, *after], LEXICON.past_fixture_words.words):
        return False
    if any(w in ("last", "previous", "earlier", "reverse", "first-leg") for w in inside[:3]):
        return False
    prev = _words(ctx, max(hit.start - 1, sent.start), hit.start)
    if prev and prev[-1] in ("after", "since", "following", "despite", "during"):
        return False  # "after hosting Y on Saturday", "hurt during X's clash with Y"
    head = inside[: inside.index(",")] if "," in inside else inside[:4]
    if any(w in ("was", "were", "had", "did") for w in [*before[-3:], *head]):
        return False
    ahead = _forward_context(ctx, hit)
    if ctx.parsed and not ahead and not hit.get("needs_date") and _past_verb(ctx, hit):
        return False
    days = _days(ctx, sent, ahead or bool(hit.get("forward")))
    ref = dates.dct(ctx.doc)
    if days and ref is not None:
        near = min(days, key=lambda d: abs(d.start - ctx.doc[hit.start].idx))
        return dates.compare(near.value, ref) >= 0
    return ahead or _same_day(ctx, sent)


def _past_verb(ctx: Context, hit: Hit) -> bool:
    """The verb the pairing hangs on is in the past ("it came against Chelsea", "they hosted Y"), with no
    "will"/"to" putting it ahead; "missed the game against Y" is past, "will miss" is not."""
    doc = ctx.doc
    tok = doc[hit.start]
    verb = tok
    for _ in range(8):
        if verb.pos_ in ("VERB", "AUX") and verb.dep_ not in ("amod", "compound"):
            break
        if verb.head.i == verb.i:
            return False
        verb = verb.head
    else:
        return False
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if verb.lower_ in ("drawn", "paired"):
        return False
    kids = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(k in ("will", "'ll", "to", "shall", "wo") for k in kids):
        return False
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(k in ("has", "have", "had", "was", "were") for k in kids)


@guard("fixture_not_speculative")
def fixture_not_speculative(ctx: Context, hit: Hit) -> bool:
    """ "could face Y in the final", "might meet": a pairing that may never be."""
    before = clause_before(ctx, hit, 4)
    inside = ctx.lower[hit.start : hit.end]
    return not any(w in _SPECULATIVE for w in [*before, *inside[:4]]) and not _phrase_in(
        [*before, *inside[:4]], ("if", "unless", "hope to", "hoping to", "want to", "wants to", "in line to")
    )


# a result noun right before "at home to Y": a played game ("a tie at home to Y" is a cup game to come)
_RESULT_WORDS = {w for name in ("win_nouns", "loss_nouns", "draw_nouns")
                 for w in LEXICON.list(name).words} - {"tie"}


@guard("no_score_near")
def no_score_near(ctx: Context, hit: Hit) -> bool:
    """ "X v Y ended 2-2", "X host Y, who won 2-1 there": a scoreline in the clause tells a played game;
    so does a result noun right before it ("held on for a goalless draw at home to Y")."""
    j = hit.start - 1
    if j > hit.sent.start and ctx.lower[j] == "at":  # the hit may start at "home to Y"
        j -= 1
    if j >= hit.sent.start and ctx.lower[j] in _RESULT_WORDS:
        return False
    end = min(hit.end + 6, hit.sent.end)
    words = ctx.doc[hit.start : end]
    return not any(
        _SCORE.match(t.text)
        or (t.like_num and t.i + 2 < end and ctx.doc[t.i + 1].text in "-–" and ctx.doc[t.i + 2].like_num)
        for t in words
    )


# --- readers ----------------------------------------------------------------------------------


def _kind(ctx: Context, team: str | None) -> str | None:
    """A team's kind (club or national team), from the article's entities or the id's prefix."""
    if not team:
        return None
    return ctx.kinds.get(team) or team.partition(":")[0]


def _opponents(ctx: Context, hit: Hit) -> list[str]:
    """The opponents a hit names: a team, every team of a list ("against Uruguay and Cameroon"), the
    club of a ground ("head to Anfield"), or a short name a ground's club bears ("against City at the
    Etihad")."""
    slot = hit.slots.get("opp")
    out: list[str] = []
    if slot is None:
        return out
    doc = ctx.doc
    mentions = list(slot.mentions) or ([slot.mention] if slot.mention is not None else [])
    for m in mentions:
        if m.kind in readers.TEAM_KINDS:
            if m.tok_end < len(doc) and ctx.lower[m.tok_end] in ("'s", "’s") and len(mentions) > 1:
                continue  # "against A and B's ...": B owns what follows
            out.append(m.entity)
        elif m.kind == "venue":
            clubs = ctx.venue_clubs(m.entity)
            if len(clubs) == 1:
                out.append(clubs[0])
    if not out and slot.symbol == "__name__":
        name = doc[slot.start : slot.end].text.lower()
        for v in ctx.in_range(hit.end, hit.sent.end, ("venue",)):
            clubs = ctx.venue_clubs(v.entity)
            if len(clubs) == 1 and name in _names(ctx, clubs[0]):
                out.append(clubs[0])
    opp2 = hit.slots.get("opp2")
    if opp2 is not None and opp2.entity is not None:
        out = [opp2.entity]
    return list(dict.fromkeys(out))


def _names(ctx: Context, eid: str) -> set[str]:
    """The words of a club's names ("manchester", "city"), to tie a short name to it."""
    words: set[str] = set()
    for m in ctx.mentions:
        if m.entity == eid:
            words |= set(m.text.lower().split())
    for ent in ctx.extra_entities:
        if ent.get("id") == eid:
            words |= set(str(ent.get("name", "")).lower().split())
    from touchline.nlp.gazetteer_data import load_default

    entry = load_default().get(eid)
    if entry is not None:
        for n in [entry["name"], *entry.get("aliases", [])]:
            words |= set(str(n).lower().split())
    return words


def _fits(ctx: Context, team: str | None, opps: list[str]) -> bool:
    return team is not None and team not in opps and bool(opps) and _kind(ctx, team) == _kind(ctx, opps[0])


def _venue(ctx: Context, hit: Hit) -> Ment | None:
    """The ground a pairing is played at: the hit's own, or "at <ground>" just after it."""
    slot = hit.slots.get("venue")
    if slot is not None and slot.mention is not None:
        return slot.mention
    end = min(hit.end + 6, hit.sent.end)
    for v in ctx.in_range(hit.end, end, ("venue",)):
        before = ctx.lower[max(v.tok_start - 2, hit.end) : v.tok_start]
        if "at" in before and "," not in ctx.lower[hit.end : v.tok_start]:
            return v
    return None


_OPPONENT_BEFORE = {"to", "against", "v", "vs", "v.", "vs.", "versus", "of", "at", "with", "face", "faces",
                    "host", "hosts", "visit", "visits", "play", "plays", "welcome", "welcomes"}


def _team(
    ctx: Context, hit: Hit, opps: list[str], earlier: list[tuple[Hit, str]]
) -> tuple[str | None, float]:
    """The team that plays the opponents: see the module's docstring for the order."""
    sent = hit.sent
    slot = hit.slots.get("team")
    if slot is not None and slot.mention is not None:
        return (slot.entity, 1.0) if _fits(ctx, slot.entity, opps) else (None, 1.0)
    if slot is not None and ctx.lower[slot.start] in ("they", "it"):
        team = readers.pronoun_team(ctx, sent, slot.start)
        return (team, 0.85) if _fits(ctx, team, opps) else (None, 1.0)
    first = ctx.lower[hit.start]
    if first in ("their", "its", "his", "her"):
        team = readers.possessor_team(ctx, hit.start + 1, sent)
        if _fits(ctx, team, opps):
            return team, 0.95
    candidates: list[tuple[str | None, float]] = [(readers.subject_team(ctx, hit.start, sent), 0.9)]
    venue = _venue(ctx, hit)
    if (
        venue is not None
        and hit.get("side") != "away"
        and not (hit.slots.get("side") and ctx.lower[hit.slots["side"].start] == "away")
    ):
        clubs = ctx.venue_clubs(venue.entity)
        candidates.append((clubs[0] if len(clubs) == 1 else None, 0.85))
    for prev, team in reversed(earlier):
        if prev.sent_index == hit.sent_index and "and" in ctx.lower[prev.end : hit.start]:
            candidates.append((team, 0.85))
            break
    kind = _kind(ctx, opps[0]) if opps else None
    # "between a trip to Southampton and a home fixture against Aston Villa": a team named as
    # another game's opponent does not own this one
    own = {
        m.entity
        for m in ctx.in_range(sent.start, sent.end, readers.TEAM_KINDS)
        if m.entity not in opps and ctx.kinds.get(m.entity) == kind
        and not (m.tok_start > sent.start and ctx.lower[m.tok_start - 1] in _OPPONENT_BEFORE)
    }
    if len(own) == 1:
        candidates.append((own.pop(), 0.8))
    candidates.append((readers.focus_team(ctx, hit.start), 0.75))
    for team, conf in candidates:
        if _fits(ctx, team, opps):
            return team, conf
    return None, 1.0


def _side(ctx: Context, hit: Hit) -> str:
    side = str(hit.get("side") or "neutral")
    slot = hit.slots.get("side")
    if slot is not None:
        side = ctx.lower[slot.start]
    words = ctx.lower[hit.start : hit.end]
    if "away" in words and side == "neutral":
        side = "away"
    if "home" in words and side == "neutral":
        side = "home"
    prep = next((w for w in words if w in ("at", "to")), None)
    noun_away = any(w in _AWAY_NOUNS for w in words)
    if (
        side == "neutral"
        and prep is not None
        and (noun_away or prep == "at")
        and hit.rule.id in ("fixture.game_against", "fixture.day_game")
    ):
        side = "away"
    return side


def _dates_for(ctx: Context, hit: Hit, n_opps: int, lo: int, hi: int, first: bool) -> list[str | None]:
    """One date per opponent, from the days of the hit's stretch of the sentence (``lo``..``hi``, up
    to the pairings around it): the first days after its words ("against Y on November 24"), else, for
    the sentence's first pairing, the nearest day before ("On Sunday, X host Y"); "respectively"
    pairs a list of days with the list of opponents."""
    sent = hit.sent
    forward = _forward_context(ctx, hit) or bool(hit.get("forward"))
    ref = dates.dct(ctx.doc)
    days = [
        d
        for d in _days(ctx, sent, forward)
        if lo <= d.start < hi and (ref is None or dates.compare(d.value, ref) >= 0)
    ]
    start, end = ctx.doc[hit.start].idx, ctx.doc[hit.end - 1].idx
    later = [d for d in days if start <= d.start <= end] + [d for d in days if d.start > end]
    if n_opps > 1 and len(later) >= n_opps:
        return [d.value for d in later[:n_opps]]
    if later:
        return [later[0].value] * n_opps
    earlier = [d for d in days if d.start < start]
    if earlier and first:
        return [earlier[-1].value] * n_opps
    if _same_day(ctx, sent) and ref is not None:
        return [ref.isoformat()] * n_opps
    return [None] * n_opps


def _competition(ctx: Context, hit: Hit, lo: int, hi: int) -> str | None:
    """The hit's own competition, else one named in its stretch of the sentence."""
    comp = hit.slots.get("comp")
    if comp is not None and comp.entity is not None:
        return comp.entity
    comps = [m for m in ctx.in_range(hit.sent.start, hit.sent.end, ("competition",)) if lo <= m.start < hi]
    return min(comps, key=lambda m: abs(m.tok_start - hit.start)).entity if comps else None


def _stage_days(ctx: Context, hits: list[Hit]) -> list[tuple[str, str | None]]:
    """(day, competition) of every dated stage ("the final will take place this Saturday")."""
    ref = dates.dct(ctx.doc)
    out = []
    for hit in hits:
        days = [d for d in _days(ctx, hit.sent, True) if ref is None or dates.compare(d.value, ref) >= 0]
        if days:
            comp = hit.slots.get("comp")
            out.append((days[0].value, comp.entity if comp is not None else None))
    return out


def _date_by_stage(
    ctx: Context,
    found: dict[tuple[str, str, str | None], dict[str, Any]],
    stages: list[tuple[str, str | None]],
    stage_words: set[str],
) -> None:
    """A preview's one undated pairing takes the day its stage is dated with, when the article opens
    on that stage or the pairing's sentence names it ("ahead of this weekend's final ... X vs Y")."""
    undated = [k for k in found if k[2] is None]
    if len(undated) != 1 or len({d for d, _ in stages}) != 1 or any(k[2] is not None for k in found):
        return
    key = undated[0]
    ev = found[key]
    day, comp = stages[0]
    if comp is not None and ev["fields"].get("competition") not in (None, comp):
        return
    doc = ctx.doc
    lede = list(doc.sents)[: dates.FALLBACK_LEDE_SENTENCES]
    texts = [s.text.lower() for s in lede] + [doc_text(doc)[a:b].lower() for a, b in ev["sources"]]
    if not any(re.search(rf"\b{re.escape(w)}\b", t) for w in stage_words for t in texts):
        return
    del found[key]
    ev["date"] = day
    if comp is not None and not ev["fields"].get("competition"):
        ev["fields"]["competition"] = comp
    found[(key[0], key[1], day)] = ev


def _played(clusters: list[Any], a: str, b: str, day: str | None) -> bool:
    """Whether the article reports the game as played (a match with a score on that day)."""
    for c in clusters:
        teams = set(getattr(c, "teams", ()) or ())
        if {a, b} <= teams and getattr(c, "scores", None):
            dated = getattr(c, "date", None)
            when = getattr(dated, "value", None)
            if day is None or when is None or when == day:
                return True
    return False


def extract(ctx: Context, hits: list[Hit], clusters: list[Any]) -> list[dict[str, Any]]:
    """Every fixture an article tells."""
    found: dict[tuple[str, str, str | None], dict[str, Any]] = {}
    ordered = sorted((h for h in hits if h.family == "fixture"), key=lambda h: h.start)
    anchors = [h for h in ordered if h.get("anchor")]
    mine = [h for h in ordered if not h.get("anchor")]
    earlier: list[tuple[Hit, str]] = []
    for hit in mine:
        opps = _opponents(ctx, hit)
        team, tconf = _team(ctx, hit, opps, earlier)
        if team is None or not opps:
            continue
        earlier.append((hit, team))
        same = [h for h in mine if h.sent_index == hit.sent_index]
        k = same.index(hit)
        lo = ctx.doc[same[k - 1].end].idx if k > 0 else hit.sent.start_char
        hi = ctx.doc[same[k + 1].start].idx if k + 1 < len(same) else hit.sent.end_char
        days = _dates_for(ctx, hit, len(opps), lo, hi, k == 0)
        if hit.get("needs_date") and days[0] is None:
            continue
        side = _side(ctx, hit)
        venue = _venue(ctx, hit)
        comp = _competition(ctx, hit, lo, hi)
        for opp, day in zip(opps, days, strict=True):
            home, away = (opp, team) if side == "away" else (team, opp)
            conf = (
                hit.confidence
                * tconf
                * (1.0 if day is not None else 0.7)
                * (1.0 if side != "neutral" else 0.9)
            )
            if venue is not None and side == "neutral":
                clubs = ctx.venue_clubs(venue.entity)
                if clubs and clubs[0] == opp:
                    home, away = opp, team
            if _played(clusters, home, away, day):
                continue
            _add(found, home, away, comp, venue.entity if venue is not None else None, day, conf, hit.sent)
    if anchors:
        words = {
            " ".join(ctx.lower[h.slots["stage"].start : h.slots["stage"].end])
            for h in anchors
            if "stage" in h.slots
        }
        _date_by_stage(ctx, found, _stage_days(ctx, anchors), {w.replace(" - ", "-") for w in words})
    return _merge_undated(found)


def _add(
    found: dict[tuple[str, str, str | None], dict[str, Any]],
    home: str,
    away: str,
    comp: str | None,
    venue: str | None,
    day: str | None,
    conf: float,
    sent: Span,
) -> None:
    key = (min(home, away), max(home, away), day)
    src = [sent.start_char, sent.end_char]
    if key in found:
        ev = found[key]
        if src not in ev["sources"]:
            ev["sources"].append(src)
        if conf > ev["confidence"]:
            ev["confidence"] = round(conf, 3)
            ev["fields"].update(home=home, away=away)
        if comp and not ev["fields"].get("competition"):
            ev["fields"]["competition"] = comp
        return
    detail = FixtureEvent(home, away, comp, venue)
    found[key] = {
        "kind": "fixture",
        "date": day,
        "confidence": round(conf, 3),
        "sources": [src],
        "fields": detail_to_fields(detail),
    }


def _merge_undated(found: dict[tuple[str, str, str | None], dict[str, Any]]) -> list[dict[str, Any]]:
    """A pairing told once with its day and once without is one fixture."""
    dated = {(a, b) for (a, b, d) in found if d is not None}
    out = []
    for (a, b, d), ev in found.items():
        if d is None and (a, b) in dated:
            target = next(e for (x, y, dd), e in found.items() if (x, y) == (a, b) and dd is not None)
            target["sources"].extend(s for s in ev["sources"] if s not in target["sources"])
            continue
        out.append(ev)
    return out
