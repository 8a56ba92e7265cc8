"""Standings: a team's place in a table, from the ``standing`` rule hits
(``data/events/rules/standings.jsonl``).

A hit gives the place (the ``pos`` slot: "second", "13th"; or the rule's
``position``: "top", "leaders X") and usually the team.  A rule whose team is
the clause's subject ("X beat Y to move up to seventh") says so with
``team_from``; "it"/"they" take the last team named before them that their
own sentence does not set against them ("it remains 13th, while the Union
sits sixth").  A ``second`` slot is the team just behind a leader ("topped
Group B ahead of Y", "a ten-point lead over Y").  A standing holds on the
report date; its competition is the one the sentence names, else the league
an earlier sentence named.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Span

from touchline.model import StandingEvent, detail_to_fields
from touchline.nlp.events import dates, readers
from touchline.nlp.events.context import Context, subject_of
from touchline.nlp.events.engine import Hit
from touchline.nlp.events.guards import _phrase_in, _words, clause_before, guard
from touchline.nlp.events.lexicon import LEXICON

_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")
_BREAKS = {
    ";",
    ":",
    "—",
    "–",
    "but",
    "while",
    "whereas",
    "although",
    "though",
    "after",
    "before",
    "as",
    "when",
    "despite",
    "which",
    "who",
    "and",
}
_TABLE_CUES = {
    "table",
    "standings",
    "league",
    "division",
    "rankings",
    "pile",
    "log",
    "group",
    "conference",
    "ladder",
    "pool",
    "points",
    "point",
    "place",
    "spot",
    "position",
    "summit",
    "leaders",
    "leader",
    "relegation",
    "promotion",
    "playoff",
    "play-off",
    "difference",
}
_EARLIER = {
    "former",
    "overnight",
    "early",
    "earlier",
    "then",
    "previous",
    "erstwhile",
    "one-time",
    "ex",
    "last",
    "past",
    "early-season",
    "first-half",
}
_STAT_WORDS = (
    "goals",
    "assists",
    "scorers",
    "scoring",
    "clean sheets",
    "appearances",
    "saves",
    "tackles",
    "in goals",
    "in assists",
)
_PLACE_NOUNS = set(LEXICON.table_place_nouns.words) | {"spot", "spots", "places", "positions"}


def position_of(text: str) -> int | None:
    """The number of a place: "13th" is 13, "second" is 2."""
    low = text.lower().strip()
    m = _ORDINAL.match(low)
    if m:
        return int(m.group(1))
    val = LEXICON.ordinals.get(low)
    return int(val) if val is not None and int(val) > 0 else None


def _clause_after(ctx: Context, start: int, end: int, limit: int = 10) -> list[str]:
    out: list[str] = []
    for i in range(start, min(end, start + limit)):
        w = ctx.lower[i]
        if w in _BREAKS or w in (".", "!", "?"):
            break
        out.append(w)
    return out


def _aside_tokens(ctx: Context, hit: Hit) -> set[int]:
    """Tokens of the hit between its commas or brackets ("Juve, chasing a title, are fourth")."""
    out: set[int] = set()
    depth = 0
    commas = sum(1 for w in ctx.lower[hit.start : hit.end] if w == ",")
    inside_comma = False
    for i in range(hit.start, hit.end):
        w = ctx.lower[i]
        if w == "(":
            depth += 1
        elif w == ")":
            depth = max(depth - 1, 0)
        elif w == "," and commas >= 2:
            inside_comma = not inside_comma
        elif depth > 0 or inside_comma:
            out.add(i)
            continue
        else:
            continue
        out.add(i)
    return out


def _outside_asides(ctx: Context, hit: Hit) -> list[str]:
    """The hit's words without its asides: an aside's words say nothing of whether the place is held."""
    aside = _aside_tokens(ctx, hit)
    return [ctx.lower[i] for i in range(hit.start, hit.end) if i not in aside]


# --- guards ------------------------------------------------------------------------------------


@guard("table_stated")
def table_stated(ctx: Context, hit: Hit) -> bool:
    """A place the text says a team holds, not one it could hold ("a win would lift them to fourth",
    "need to go top", "if they win they go top") or does not ("are not top")."""
    before = clause_before(ctx, hit)
    inside = _outside_asides(ctx, hit)
    head = _words(ctx, hit.sent.start, hit.start)
    modals = set(LEXICON.modals.words)
    if any(w in modals for w in before) or any(w in modals for w in inside):
        return False
    if any(w in ("if", "unless") for w in head):
        return False
    hypothetical = [w for w in LEXICON.hypothetical_words.words if w not in ("chasing", "chase")]
    if _phrase_in([*before[-4:], *inside], hypothetical):
        return False
    after = _words(ctx, hit.end, min(hit.end + 2, hit.sent.end))
    if any(w in modals for w in after):
        return False
    return not _phrase_in([*before[-3:], "|", *inside], LEXICON.negations.words)


@guard("not_past_season")
def not_past_season(ctx: Context, hit: Hit) -> bool:
    """A place of an earlier season ("finished ninth last season", "in each of the last two seasons"),
    or of an earlier year the clause names, is no standing on the report date."""
    before = clause_before(ctx, hit)
    after = _clause_after(ctx, hit.end, hit.sent.end, 12)
    words = [*before, *_outside_asides(ctx, hit), *after]
    if _phrase_in(words, LEXICON.past_season_words.words):
        return False
    near = _words(ctx, max(hit.start - 3, hit.sent.start), hit.start)
    if "'s" in near and any(w in ("season", "year", "campaign", "term") for w in near):
        return False  # "last season's runners-up"
    ref = dates.dct(ctx.doc)
    if ref is None:
        return True
    doc = ctx.doc
    lo = doc[hit.start - len(before)].idx
    last = doc[min(hit.end + len(after), len(doc)) - 1]
    hi = last.idx + len(last)
    aside = {doc[i].idx for i in _aside_tokens(ctx, hit)}
    for t in doc._.tl_timexes or []:
        if t.get("start", -1) < lo or t.get("end", 10**9) > hi or t.get("start") in aside:
            continue
        val = dates.calendar_value(t.get("value"))
        if val and len(val) == 4 and int(val) < ref.year:
            return False
    return True


@guard("position_is_place")
def position_is_place(ctx: Context, hit: Hit) -> bool:
    """ "second", "13th" as a place: not "second half", "13th minute", "third straight defeat",
    "second-placed" (another team's), "fourth in the race for ..."."""
    pos = hit.slots.get("pos")
    if pos is None:
        return True
    if hit.end > pos.end and ctx.lower[hit.end - 1] in _PLACE_NOUNS:
        nxt = _words(ctx, hit.end, min(hit.end + 4, hit.sent.end))
        return not _phrase_in(nxt, ("in the race", "in the list", "in the queue", "in the pecking order"))
    nxt = _words(ctx, pos.end, min(pos.end + 4, hit.sent.end))
    if nxt[:1] and nxt[0] in LEXICON.not_table_after.words:
        return False
    return not _phrase_in(nxt[:3], [w for w in LEXICON.not_table_after.words if " " in w]) and not _phrase_in(
        nxt, ("in the race", "in the list", "in the queue", "in the pecking order")
    )


@guard("table_context")
def table_context(ctx: Context, hit: Hit) -> bool:
    """A place needs the table in view: a place noun ("ninth place"), a move to it ("up to fourth"),
    or a table, a competition, a group or points after it ("fourth with 23 points")."""
    words = ctx.lower[hit.start : hit.end]
    if any(w in _PLACE_NOUNS for w in words):
        return True
    pos = hit.slots.get("pos")
    if (
        hit.get("moving")
        and pos is not None
        and any(w in ("to", "into") for w in ctx.lower[hit.start : pos.start])
    ):
        return True
    after = _clause_after(ctx, hit.end, hit.sent.end)
    if ctx.in_range(hit.end, min(hit.end + len(after) + 1, hit.sent.end), ("competition",)) \
            and not any(w in ("race", "list") for w in after[:3]):
        return True
    if any(w in _TABLE_CUES for w in after) and not any(w in ("race", "list", "queue") for w in after[:3]):
        return True
    return bool(re.search(r"\bgroup [a-h]\b", " ".join(after)))


@guard("table_sentence")
def table_sentence(ctx: Context, hit: Hit) -> bool:
    """A bare "X in 12th" counts only in a sentence about the table."""
    words = set(_words(ctx, hit.sent.start, hit.sent.end))
    return bool(
        words
        & {
            "points",
            "table",
            "standings",
            "place",
            "spot",
            "league",
            "conference",
            "summit",
            "leaders",
            "leader",
            "difference",
        }
    )


@guard("top_is_place")
def top_is_place(ctx: Context, hit: Hit) -> bool:
    """ "moved top", "to the top of the standings"; not "top of the scoring charts", "top four",
    "top scorer"."""
    after = _words(ctx, hit.end, min(hit.end + 6, hit.sent.end))
    if after[:1] and (
        after[0] in LEXICON.number_words
        or after[0].isdigit()
        or after[0] in ("half", "flight", "scorer", "scorers", "-", "corner", "bin", "of")
    ):
        if after[0] != "of":
            return False
        tail = after[1:5]
        if ctx.in_range(hit.end, min(hit.end + 6, hit.sent.end), ("competition",)):
            return True
        return any(w in LEXICON.table_words.words or w in ("pile", "summit", "tree") for w in tail) or bool(
            re.search(r"\bgroup [a-h]\b", " ".join(tail))
        )
    return True


@guard("leader_now")
def leader_now(ctx: Context, hit: Hit) -> bool:
    """ "leaders X" now: not "former leaders X", "this morning's leaders X", "last season's"."""
    before = _words(ctx, max(hit.start - 3, hit.sent.start), hit.start)
    inside = _words(ctx, hit.start, hit.end)
    if any(w in _EARLIER for w in before[-2:] + inside[:3]):
        return False
    return not (before[-1:] == ["'s"] or (len(before) >= 2 and before[-2] == "'s"))


@guard("group_name")
def group_name(ctx: Context, hit: Hit) -> bool:
    """A name slot read as a group must be one: "Group C", "Pool B"."""
    group = hit.slots.get("group")
    if group is None:
        return True
    words = ctx.lower[group.start : group.end]
    return bool(words) and words[0] in ("group", "pool", "conference") and len(words) <= 3


@guard("not_stat_lead")
def not_stat_lead(ctx: Context, hit: Hit) -> bool:
    """ "leads the league with nine goals": a player's tally, not a table."""
    after = _words(ctx, hit.end, min(hit.end + 6, hit.sent.end))
    return not _phrase_in(after, _STAT_WORDS)


@guard("league_comp")
def league_comp(ctx: Context, hit: Hit) -> bool:
    """ "won the league" or "won Group B" is a place; "won the Atlantic Cup" is a trophy."""
    comp = hit.slots.get("comp")
    if comp is None or comp.entity is None:
        return True
    words = ctx.lower[hit.start : comp.start]
    if not any(w.startswith("w") and w in ("win", "wins", "won", "winning") for w in words):
        return True
    return ctx.attrs.get(comp.entity, {}).get("type") == "league" and not any(
        w in ctx.lower[comp.end : hit.end] for w in ("cup", "trophy")
    )


@guard("title_lead")
def title_lead(ctx: Context, hit: Hit) -> bool:
    """A lead over a team is at the top only when the sentence says so ("at the top", "unassailable",
    "in the title race")."""
    words = _words(ctx, hit.sent.start, hit.sent.end)
    if _phrase_in(words, ("race for", "battle for", "fight for", "top four", "top-four", "top six")):
        return False
    return _phrase_in(words, LEXICON.title_lead_words.words)


# --- readers -----------------------------------------------------------------------------------


def _subject_team(ctx: Context, hit: Hit) -> str | None:
    """The team the clause of a subjectless hit is about ("X beat Y to move up"): its subject when
    that is a team, never a person (a player "moves up" the scoring charts); a description of a
    team ("the Catalan club") stands for the paragraph's or article's focus team."""
    sent = hit.sent
    if not ctx.parsed:
        teams = {m.entity for m in ctx.in_range(sent.start, hit.start, readers.TEAM_KINDS)}
        return teams.pop() if len(teams) == 1 else None
    tok = ctx.doc[hit.start]
    for _ in range(4):
        subj = subject_of(tok)
        if subj is None:
            return None
        if ctx.at(subj[-1].i, ("player", "coach", "person")) is not None:
            return None
        if len(subj) == 1 and subj[0].lower_ in ("they", "it"):
            return _pronoun_team(ctx, hit, subj.start)
        team = readers.team_of_phrase(ctx, subj)
        if team is not None:
            return team
        if subj[-1].lower_ in ("club", "side", "team", "outfit", "giants") and subj[0].lower_ == "the":
            return readers.focus_team(ctx, hit.start)
        root = subj.root
        if root.dep_ in ("attr", "oprd", "appos") or root.head.dep_ in ("relcl", "acl", "xcomp", "advcl"):
            tok = root.head.head if root.head.head != root.head else root.head
            continue
        return None
    return None


def _pronoun_team(ctx: Context, hit: Hit, i: int) -> str | None:
    """ "it"/"they" in a table statement: the last team named before it (this sentence or the three
    before), leaving out a team its own sentence names elsewhere ("it remains 13th, while the Union
    sits sixth" is not the Union)."""
    sents = list(ctx.doc.sents)
    k = hit.sent_index
    first = sents[max(k - 3, 0)].start
    own = {
        m.entity
        for m in ctx.in_range(hit.sent.start, hit.sent.end, readers.TEAM_KINDS)
        if not (m.tok_start <= i < m.tok_end)
    }
    before = [
        m
        for m in ctx.mentions
        if m.kind in readers.TEAM_KINDS and first <= m.tok_start and m.tok_end <= i and m.entity not in own
    ]
    return before[-1].entity if before else None


def _result_team(hit: Hit, hits: list[Hit]) -> str | None:
    """The team of the result told just before the hit in its sentence ("X beat Y 2-0 to move up"):
    the result's subject moves."""
    before = [
        h for h in hits if h.family == "result" and h.sent_index == hit.sent_index and h.end <= hit.start
    ]
    if not before:
        return None
    last = max(before, key=lambda h: h.end)
    slot = last.slots.get("team")
    return slot.entity if slot is not None and slot.mention is not None else None


def _team(ctx: Context, hit: Hit, hits: list[Hit]) -> tuple[str | None, float]:
    slot = hit.slots.get("team")
    if slot is not None and slot.mention is not None:
        return slot.mention.entity, 1.0
    if slot is not None and slot.symbol is None and ctx.lower[slot.start] in ("they", "it"):
        return _pronoun_team(ctx, hit, slot.start), 0.85
    if hit.get("team_from") == "subject":
        team = _subject_team(ctx, hit)
        if team is None and ctx.lower[hit.start] == "to":
            team = _result_team(hit, hits)
        return team, 0.9
    return None, 1.0


def _competition(ctx: Context, hit: Hit) -> tuple[str | None, float]:
    """The table a standing is in: the hit's own competition ("Coastal League leaders X"), one the
    clause names after the place ("fourth in the Coastal League"), or, for "the league table", the
    league an earlier sentence named."""
    comp = hit.slots.get("comp")
    if comp is not None and comp.entity is not None:
        return comp.entity, 1.0
    sent = hit.sent
    ends_with_team = any(s.end == hit.end and s.name in ("team", "second") for s in hit.slots.values())
    comps = ctx.in_range(max(hit.start - 3, sent.start), hit.end, ("competition",))
    if not comps and not ends_with_team:
        after = _clause_after(ctx, hit.end, sent.end, 6)
        comps = ctx.in_range(hit.end, hit.end + len(after), ("competition",))
    if comps:
        return comps[0].entity, 1.0
    words = set(ctx.lower[hit.start : min(hit.end + 4, sent.end)])
    if ctx.in_range(sent.start, sent.end, ("competition",)) or not words & {"league", "table", "standings"}:
        return None, 1.0
    # "14th in the league table" after a paragraph on the domestic league: that league
    prev = [m for m in ctx.mentions if m.kind == "competition" and m.tok_end <= sent.start]
    if prev and ctx.attrs.get(prev[-1].entity, {}).get("type") == "league":
        return prev[-1].entity, 0.9
    return None, 1.0


def _points(ctx: Context, hit: Hit) -> int | None:
    """ "fourth with 23 points", "top on 40 points", "second, 31 points": the team's points."""
    after = _clause_after(ctx, hit.end, hit.sent.end, 10)
    if after[:1] == [","]:
        after = [",", *_clause_after(ctx, hit.end + 1, hit.sent.end, 4)]
    for k in range(len(after) - 1):
        if (
            after[k].isdigit()
            and after[k + 1] in ("points", "pts")
            and (k == 0 or after[k - 1] in ("with", "on", ","))
        ):
            return int(after[k])
    return None


def extract(ctx: Context, hits: list[Hit], clusters: list[Any]) -> list[dict[str, Any]]:
    """Every standing an article tells."""
    found: dict[tuple[str, int], dict[str, Any]] = {}
    report = dates.report_date(ctx.doc)

    def add(
        team: str | None, pos: int | None, comp: str | None, points: int | None, conf: float, sent: Span
    ) -> None:
        if (
            team is None
            or pos is None
            or (ctx.kinds.get(team) or team.partition(":")[0]) not in readers.TEAM_KINDS
        ):
            return
        key = (team, pos)
        src = [sent.start_char, sent.end_char]
        if key in found:
            ev = found[key]
            if src not in ev["sources"]:
                ev["sources"].append(src)
            ev["confidence"] = max(ev["confidence"], round(conf, 3))
            return
        detail = StandingEvent(team, comp, pos, points)
        found[key] = {
            "kind": "standing",
            "date": report,
            "confidence": round(conf, 3),
            "sources": [src],
            "fields": detail_to_fields(detail),
        }

    for hit in sorted((h for h in hits if h.family == "standing"), key=lambda h: h.start):
        team, tconf = _team(ctx, hit, hits)
        pos_slot = hit.slots.get("pos")
        pos = (
            position_of(" ".join(ctx.lower[pos_slot.start : pos_slot.end])) if pos_slot is not None else None
        )
        if pos is None and hit.get("position") is not None:
            pos = int(hit.get("position"))
        comp, cconf = _competition(ctx, hit)
        conf = hit.confidence * tconf * cconf
        add(team, pos, comp, _points(ctx, hit), conf, hit.sent)
        second = hit.slots.get("second")
        if (
            team is not None
            and second is not None
            and second.entity is not None
            and pos == 1
            and second.entity != team
        ):
            add(second.entity, 2, comp, None, conf * 0.9, hit.sent)
    return list(found.values())
