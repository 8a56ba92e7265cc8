"""Transfers: who moved from where to where, and whether it is done, a loan, agreed or a rumour,
from the ``transfer`` rule hits (``data/events/rules/transfers.jsonl``).

A hit names the player (a name, or "he", "who" or "the striker" read back to the
player last named) and usually the club he goes to; what follows the statement
in its clause adds the club he comes from ("from Eastvale") and whether it is a
loan ("on a season-long loan").  Where the rule leaves the buying club open,
it is read from the clause's subject ("Harbour City landed him by striking a
deal with Eastvale for X"), or for a list of arrivals from the one club the
sentence names before it.  A move
only ever goes to a club (never a national team), and from a different one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from spacy.tokens import Span

from touchline.model import TransferEvent, detail_to_fields
from touchline.nlp.events import dates, readers
from touchline.nlp.events.context import Context, Ment
from touchline.nlp.events.engine import Hit
from touchline.nlp.events.guards import clause_before, guard
from touchline.nlp.events.lexicon import LEXICON

_RUMOUR_CUES = LEXICON.rumour_cues.words
_NEW_CONTRACT = set(LEXICON.new_contract_words.words)
# Words after a club that make it no destination ("joined Castlemoor fans in the stands").
_NOT_DESTINATION = {"fans", "supporters", "team-mates", "teammates", "players", "staff", "coaches",
                    "officials"}
# Words that end what follows a move: a new clause begins.
_CLAUSE_END = {";", "while", "but", "whereas", "after", "before", "when", "since", "although", "though"}
_LOAN_WORDS = {"loan", "loaned", "loans"}
_CURRENCY = ("£", "$", "€")
_TRANSFER_WORDS = {"transfer", "window", "fee", "signing", "signings", "deal", "loan", "summer", "january"}
_SURE_ARRIVALS = {"signing", "signings", "capture", "captures", "acquisition", "acquisitions", "purchase",
                  "purchases", "recruitment"}
_LIST_STOPS = {"departure", "departures", "exit", "exits", "sale", "sales", "sold", "left", "loaned",
               "release", "released", "outgoing"}


@guard("not_rumour")
def not_rumour(ctx: Context, hit: Hit) -> bool:
    """ "is set to join", "are in talks to sign", "reportedly joined": talk of a move, no move."""
    words = [*clause_before(ctx, hit, 10), "|", *ctx.lower[hit.start:hit.end - 1]]
    text = " " + " ".join(words) + " "
    return not any(f" {cue} " in text for cue in _RUMOUR_CUES)


@guard("to_is_club_word")
def to_is_club_word(ctx: Context, hit: Hit) -> bool:
    """ "joined Castlemoor fans in the stands": the club names who was joined, not where."""
    to = hit.slots.get("to")
    if to is None or to.end >= hit.sent.end:
        return True
    nxt = ctx.lower[to.end]
    after = ctx.lower[to.end:to.end + 3]
    return nxt not in _NOT_DESTINATION and "".join(after) not in ("team-mates",)


@guard("to_not_former")
def to_not_former(ctx: Context, hit: Hit) -> bool:
    """ "completed his move to rejoin former Castlemoor boss X at Eastvale": the club after
    "former" is someone's past, not where the player goes."""
    to = hit.slots.get("to")
    if to is None:
        return True
    before = ctx.lower[max(hit.start, to.start - 4):to.start]
    return not any(w in LEXICON.former.words or w.startswith("ex-") for w in before)


@guard("transfer_context")
def transfer_context(ctx: Context, hit: Hit) -> bool:
    """ "the arrival of X off the bench" is a substitution: a list of arrivals is a list of
    signings only when named so, or when its sentence speaks of fees, a window or a transfer."""
    if any(w in _SURE_ARRIVALS for w in ctx.lower[hit.start:hit.end]):
        return True
    words = ctx.lower[hit.sent.start:hit.sent.end]
    return any(w in _TRANSFER_WORDS or w.startswith(_CURRENCY) for w in words)


@guard("not_new_contract")
def not_new_contract(ctx: Context, hit: Hit) -> bool:
    """ "signed a new three-year deal with Castlemoor": his own club keeps him, no move."""
    return not any(w in _NEW_CONTRACT for w in ctx.lower[hit.start:hit.end])


def _club(ctx: Context, ment: Ment | None) -> str | None:
    """A club a mention stands for: a club itself, or the one club of a ground."""
    if ment is None:
        return None
    if ment.kind == "club":
        return ment.entity
    if ment.kind == "venue":
        clubs = [c for c in ctx.venue_clubs(ment.entity) if ctx.kinds.get(c, "club") == "club"]
        return clubs[0] if len(clubs) == 1 else None
    return None


def _slot_club(ctx: Context, hit: Hit, name: str) -> str | None:
    slot = hit.slots.get(name)
    if slot is None:
        return None
    if slot.mention is None and ctx.lower[slot.start] in ("they", "it"):
        team = readers.pronoun_team(ctx, hit.sent, slot.start)
        return team if team is not None and ctx.kinds.get(team) == "club" else None
    return _club(ctx, slot.mention)


def read_tail(ctx: Context, start: int, sent: Span) -> tuple[str | None, bool]:
    """What follows a move in its clause: the club it comes from ("from Eastvale") and whether
    it is a loan ("on a season-long loan"); another person or a new clause ends it."""
    from_club, loan = None, False
    end = min(start + 12, sent.end)
    i = start
    while i < end:
        w = ctx.lower[i]
        if w in _CLAUSE_END or ctx.at(i, readers.PEOPLE) is not None:
            break
        if w in _LOAN_WORDS:
            loan = True
        elif w == "from" and from_club is None:
            for j in range(i + 1, min(i + 5, end)):
                m = ctx.at(j, ("club", "national_team", "venue"))
                if m is not None:
                    from_club = _club(ctx, m)
                    break
        i += 1
    return from_club, loan


def _former_club(ctx: Context, person: Ment, sent: Span) -> str | None:
    """ "former Wolves captain Max Kilman": the club named after "former" right before the name."""
    start = max(sent.start, person.tok_start - 5)
    for m in ctx.in_range(start, person.tok_start, ("club",)):
        before = ctx.lower[max(sent.start, m.tok_start - 2):m.tok_start]
        if any(w in LEXICON.former.words or w.startswith("ex") for w in before):
            return m.entity
    return None


def _buyer(ctx: Context, hit: Hit) -> str | None:
    """The club a rule leaves open: for a list of arrivals the one club its sentence names before
    the list ("the fifth signing made by West Ham boss X, following the arrivals of"); else the
    clause's subject team."""
    sent = hit.sent
    if hit.get("list"):
        named = {m.entity for m in ctx.in_range(sent.start, hit.start, ("club",))
                 if "former" not in ctx.lower[max(sent.start, m.tok_start - 2):m.tok_start]}
        return named.pop() if len(named) == 1 else None
    team = readers.subject_team(ctx, hit.start, sent)
    return team if team is not None and ctx.kinds.get(team) == "club" else None


def _arrivals(ctx: Context, hit: Hit) -> list[tuple[Ment, int]]:
    """The names of a list of arrivals after the first ("A for £40m, B from Leeds and C"), each
    with where its item ends; a word of departure ends the list."""
    sent = hit.sent
    out: list[tuple[Ment, int]] = []
    i = hit.end
    while i < sent.end:
        w = ctx.lower[i]
        if w in _LIST_STOPS or w in (";", ":"):
            break
        if w in (",", "and"):
            j = i + 1
            nxt = None
            while j < sent.end and ctx.lower[j] not in (",", "and", ";") and nxt is None:
                nxt = ctx.at(j, readers.PLAYER_KINDS)
                j += 1
            if nxt is None:
                break
            out.append((nxt, nxt.tok_end))
            i = nxt.tok_end
            continue
        i += 1
    return out


def _when(ctx: Context, hit: Hit) -> str | None:
    """A date in the statement's clause; else the report date for a move told as just done
    ("have signed", "has joined", "joins") or talked of; else none (a career told long after)."""
    when = dates.clause_timex(ctx.doc, hit.start, hit.end, want="past")
    if when is not None:
        return when.value
    words = set(clause_before(ctx, hit, 6)) | set(ctx.lower[hit.start:hit.end])
    if hit.get("status") == "rumour" or words & {"have", "has", "'s", "'ve", "joins", "signs", "completes"}:
        return dates.report_date(ctx.doc)
    return None


def extract(ctx: Context, hits: list[Hit], clusters: list[Any]) -> list[dict[str, Any]]:
    """Every transfer an article tells, one per player, club and status."""
    found: dict[tuple[str, str | None, str], dict[str, Any]] = {}
    for hit in sorted((h for h in hits if h.family == "transfer"), key=lambda h: h.start):
        people = readers.people_in_slot(ctx, hit)
        if not people:
            continue
        to = _slot_club(ctx, hit, "to")
        if to is None and "to" not in hit.slots and hit.rule.id != "transfer.left_free":
            to = _buyer(ctx, hit)
        if to is None and hit.rule.id != "transfer.left_free":
            continue
        stated_from = _slot_club(ctx, hit, "from") or _slot_club(ctx, hit, "from_desc")
        items = [(people[0][0], people[0][1], hit.end)]
        if hit.get("list"):
            items += [(m, "named", end) for m, end in _arrivals(ctx, hit)]
        for person, how, tail in items:
            from_club, loan = read_tail(ctx, tail, hit.sent)
            from_club = from_club or (stated_from if person is people[0][0] else None) \
                or _former_club(ctx, person, hit.sent)
            status = _status(ctx, hit, loan)
            if from_club == to:
                from_club = None
            if to is None and from_club is None:
                continue
            _add(found, ctx, hit, person.entity, from_club, to, status,
                 round(hit.confidence * readers.READ_AS[how], 3))
    return _drop_doubled(list(found.values()))


def _status(ctx: Context, hit: Hit, loan: bool) -> str:
    """The rule's status, made a loan by a loan word in or after the statement ("the loan signing
    of", "on a season-long loan"), or agreed when the move is still to come ("agreed a deal",
    "will join")."""
    status = str(hit.get("status"))
    if status != "completed":
        return status
    words = set(ctx.lower[hit.start:hit.end])
    if loan or any(w.startswith("loan") for w in words):
        return "loan"
    if words & {"agree", "agreed", "agrees"} or "will" in clause_before(ctx, hit, 6):
        return "agreed"
    return status


def _add(found: dict[tuple[str, str | None, str], dict[str, Any]], ctx: Context, hit: Hit, player: str,
         from_club: str | None, to: str | None, status: str, conf: float) -> None:
    key = (player, to, status)
    source = [hit.sent.start_char, hit.sent.end_char]
    rec = found.get(key)
    if rec is None:
        detail = TransferEvent(player, from_club, to, status)
        found[key] = {"kind": "transfer", "date": _when(ctx, hit), "confidence": conf, "sources": [source],
                      "fields": detail_to_fields(detail)}
        return
    if source not in rec["sources"]:
        rec["sources"].append(source)
    rec["fields"]["from_club"] = rec["fields"]["from_club"] or from_club
    rec["date"] = rec["date"] or _when(ctx, hit)
    rec["confidence"] = max(rec["confidence"], conf)


def _drop_doubled(recs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A move read both as done and as a loan in one sentence is the loan."""
    loans = {(r["fields"]["player"], r["fields"]["to_club"], tuple(s)) for r in recs
             if r["fields"]["status"] == "loan" for s in r["sources"]}
    return [r for r in recs if r["fields"]["status"] != "completed" or not any(
        (r["fields"]["player"], r["fields"]["to_club"], tuple(s)) in loans for s in r["sources"])]


# A move told this long before the report date says nothing sure of the player's club on it.
_RECENT_DAYS = 366


def learn_clubs(ctx: Context, moves: list[dict[str, Any]]) -> None:
    """A player no list places, whom the article moves to one club ("the former Eastvale
    centre-back joined Harbour City in January"), plays for it on the report date: his team
    for "his side" and for the results he is the subject of.  Only a done move or a loan,
    dated within the year before the report; several destinations, or a team the article
    states otherwise ("scored for Castlemoor"), leave him without one."""
    ref = dates.dct(ctx.doc)
    if ref is None:
        return
    dest: dict[str, set[str]] = {}
    for rec in moves:
        f = rec["fields"]
        if f.get("to_club"):
            dest.setdefault(f["player"], set()).add(f["to_club"])
    for rec in moves:
        f, when = rec["fields"], dates.calendar_value(rec.get("date"))
        player, club = f["player"], f.get("to_club")
        if f["status"] not in ("completed", "loan") or not club or len(dest[player]) != 1 or not when:
            continue
        if ctx.team_of_person(player) or ctx.stated_team(player) not in (None, club):
            continue
        parts = [int(x) for x in when.split("-")]
        try:
            day = date(parts[0], *[*parts[1:], 1, 1][:2])
        except ValueError:
            continue
        if 0 <= (ref - day).days <= _RECENT_DAYS:
            ctx.player_team[player] = club
