"""States over time, derived from claims: who held what, from when to when, and since when
the articles said so.

Two clocks (see ``touchline.model.State``):

- **World time** (``valid_from``/``valid_to``): the claims of one chain (a relation of one
  subject, e.g. Castlemoor's head coach) are walked day by day.  On each day the claimed
  holder with the most support (distinct articles, then summed confidence, over the whole
  chain; then the id, never the order of arrival) holds; the current holder keeps the post
  on a day that also names him unless someone else ``starts`` then.  A new holder closes the
  old one's interval on the day it is first claimed; ``ends`` closes it on its day; ``past``
  closes it too and, for someone never seen holding it, makes a closed interval with an
  unknown start (a "former" manager is never a current one).  Someone whose interval was
  closed comes back only through a claim that says he ``starts`` again: a later article
  naming him in passing does not reopen the past.
- **Report time** (``known_from``/``known_to``): the chain is derived again from the claims
  of the articles published up to each publication date, in order.  An interval that first
  appears on day P has ``known_from`` P; when a later article changes it (closes it, moves
  its start), that version gets ``known_to`` and the changed one starts.  So "what did the
  articles published up to D say" is read from stored rows, and nothing is ever deleted.

Everything here is a function of the set of claims, whatever order they were stored in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from touchline.model import Claim, SourceSpan, State

HOLDING = ("holds", "starts")
ENDING = ("ends", "past")


@dataclass(frozen=True, slots=True)
class Interval:
    """One holder of one chain over world time, with the claims behind it."""

    object: str | None
    valid_from: str | None
    valid_to: str | None
    claims: tuple[Claim, ...]
    until_expected: bool = False  # valid_to is the chain's horizon, not an end told


@dataclass(slots=True)
class _Open:
    object: str
    since: str
    claims: list[Claim] = field(default_factory=list)

    def close(self, day: str | None) -> Interval:
        return Interval(self.object, self.since, day, tuple(self.claims))


def support(claims: Iterable[Claim]) -> dict[str | None, tuple[int, float]]:
    """Distinct articles and summed confidence (an article's best) behind each holder."""
    best: dict[str | None, dict[str, float]] = {}
    for c in claims:
        if c.mode in HOLDING or c.mode in ENDING:
            arts = best.setdefault(c.object, {})
            arts[c.article] = max(arts.get(c.article, 0.0), c.confidence)
    return {o: (len(a), round(sum(a.values()), 6)) for o, a in best.items()}


def season_end(day: str) -> str:
    """The end of the (European) season a day falls in: the 1st of July after it."""
    d = date.fromisoformat(day)
    return date(d.year + (d.month >= 7), 7, 1).isoformat()


def _injury_horizon(iv: Interval) -> str | None:
    last = max((c.day for c in iv.claims if c.day), default=iv.valid_from)
    told = [c for c in iv.claims if c.until]
    if told:
        latest = max(told, key=lambda c: (c.published or date.min, c.day or "", c.article, c.until or ""))
        if last is None or (latest.until or "") > last:
            return latest.until
    return None if last is None else (date.fromisoformat(last) + timedelta(days=INJURY_DAYS)).isoformat()


# How long an interval nobody closes is taken to hold: a place in a table until its season's
# end; an injury until the expected return its latest report gave, or (none given, or a
# report of it after that day) until INJURY_DAYS after the last report of it.  Other
# relations hold until an article says otherwise.
INJURY_DAYS = 60
HORIZONS: dict[str, Callable[[Interval], str | None]] = {
    "position": lambda iv: season_end(iv.valid_from) if iv.valid_from else None,
    "injured": _injury_horizon,
}


def derive(claims: Iterable[Claim],
           horizon: Callable[[Interval], str | None] | None = None) -> list[Interval]:
    """The intervals of one chain (claims of one relation, subject and qualifier); an open
    interval ends at its ``horizon`` when one is given."""
    out = _walk(claims)
    if horizon is None:
        return out
    return [replace(iv, valid_to=end, until_expected=True) if iv.valid_to is None
            and (end := horizon(iv)) is not None else iv for iv in out]


def _walk(claims: Iterable[Claim]) -> list[Interval]:
    dated = sorted((c for c in claims if c.day), key=lambda c: (c.day, c.article, c.mode, c.object or ""))
    backing = support(dated)
    days: dict[str, list[Claim]] = {}
    for c in dated:
        days.setdefault(c.day, []).append(c)  # type: ignore[arg-type]
    out: list[Interval] = []
    current: _Open | None = None
    closed: set[str] = set()  # holders whose interval was closed: back only by a new start
    seen: set[str] = set()
    for day in sorted(days):
        claims_today = days[day]
        ending = {c.object for c in claims_today if c.mode in ENDING}
        leaving = {c.object for c in claims_today if c.mode == "leaves"}
        if current is not None and (current.object in ending or None in ending or current.object in leaving):
            current.claims += [c for c in claims_today if c.object == current.object and c.mode in ENDING]
            out.append(current.close(day))
            closed.add(current.object)
            current = None
        for obj in sorted(o for o in ending if o is not None and o not in seen):
            # held before this day, since when unknown ("the former manager", "was sacked")
            out.append(Interval(obj, None, day, tuple(c for c in claims_today if c.object == obj)))
            seen.add(obj)
            closed.add(obj)
        starting = {c.object for c in claims_today if c.mode == "starts" and c.object is not None}
        candidates: set[str] = {
            c.object for c in claims_today if c.mode in HOLDING and c.object is not None
            and c.object not in ending and (c.object not in closed or c.object in starting)}
        if not candidates:
            continue
        if current is not None and current.object in candidates and not (starting - {current.object}):
            winner = current.object
        else:
            pool = (starting & candidates) or candidates
            winner = min(pool, key=lambda o: (-backing[o][0], -backing[o][1], o))
        todays = [c for c in claims_today if c.object == winner and c.mode in HOLDING]
        if current is not None and current.object == winner:
            current.claims += todays
            continue
        if current is not None:
            out.append(current.close(day))
            closed.add(current.object)
        current = _Open(winner, day, todays)
        closed.discard(winner)
        seen.add(winner)
    if current is not None:
        out.append(current.close(None))
    return out


def _confidence(claims: Iterable[Claim]) -> float:
    best: dict[str, float] = {}
    for c in claims:
        best[c.article] = max(best.get(c.article, 0.0), c.confidence)
    values = sorted(best.values(), reverse=True)
    if not values:
        return 0.0
    conf = values[0]
    for v in values[1:]:
        conf = max(conf, v, min(0.99, 1 - (1 - conf) * (1 - v) ** 0.5))
    return round(conf, 4)


def state_id(relation: str, subject: str, qualifier: str | None, obj: str | None, valid_from: str | None,
             valid_to: str | None, known_from: date | None) -> str:
    key = "|".join(str(x) for x in (relation, subject, qualifier, obj, valid_from, valid_to, known_from))
    return "st:" + hashlib.sha1(key.encode()).hexdigest()[:24]


def _sources(claims: Iterable[Claim]) -> tuple[SourceSpan, ...]:
    return tuple(sorted({s for c in claims for s in c.sources}, key=lambda s: (s.article, s.start, s.end)))


def states_of(relation: str, subject: str, claims: Iterable[Claim], since: date | None = None,
              stored: Iterable[State] = ()) -> list[State]:
    """Every version of every interval of a subject's relation, over world and report time.

    ``claims`` are those about the subject, plus ``leaves`` claims about its holders (a coach
    appointed elsewhere).  With ``since`` (the earliest publication date among new claims) and
    the ``stored`` versions, only the versions that can change are made: those still known on
    the last publication date before ``since``, and later ones; versions that ended before it
    stay as stored.  The result is the same as without it (``tests/resolve/test_states.py``).
    """
    by_qualifier: dict[str | None, list[Claim]] = {}
    for c in claims:
        by_qualifier.setdefault(c.qualifier, []).append(c)
    kept = list(stored)
    out: list[State] = []
    for qualifier in sorted(by_qualifier, key=lambda q: q or ""):
        chain = by_qualifier[qualifier]
        reported: list[date] = sorted({d for d in (c.published for c in chain) if d is not None})
        undated = [c for c in chain if c.published is None]
        steps: list[date | None] = [None] if undated else []
        steps += reported
        base: date | None = None
        if since is not None and not undated and reported[0] < since:
            base = max(d for d in reported if d < since)
            steps = [base, *(d for d in reported if d >= since)]
        opened: dict[tuple[object, ...], tuple[date | None, Interval]] = {}
        for step in steps:
            prefix = undated + [c for c in chain if c.published is not None and step is not None
                                and c.published <= step]
            found = derive(prefix, HORIZONS.get(relation))
            now = {(iv.object, iv.valid_from, iv.valid_to): iv for iv in found}
            if base is not None and step == base:  # as stored: known since the versions' own dates
                known = _known_on(kept, qualifier, base)
                opened = {key: (known.get(key, base), iv) for key, iv in now.items()}
                continue
            for key in [k for k in opened if k not in now]:
                first, iv = opened.pop(key)
                out.append(_state(relation, subject, qualifier, iv, first, step))
            for key, iv in now.items():
                first = opened[key][0] if key in opened else step
                opened[key] = (first, iv)
        for first, iv in opened.values():
            out.append(_state(relation, subject, qualifier, iv, first, None))
    return sorted(out, key=lambda s: (s.qualifier or "", s.known_from or date.min, s.valid_from or "",
                                      s.object or "", s.id))


def _known_on(stored: list[State], qualifier: str | None, day: date) -> dict[tuple[object, ...], date | None]:
    """When each stored version known on ``day`` became known."""
    return {(s.object, s.valid_from, s.valid_to): s.known_from for s in stored
            if s.qualifier == qualifier and s.superseded_at is None
            and (s.known_from is None or s.known_from <= day) and (s.known_to is None or s.known_to > day)}


def leaves_from(subject: str, elsewhere: Iterable[Claim]) -> list[Claim]:
    """A holder who ``starts`` the same relation at another subject (a coach appointed by another
    club) leaves this one then, if he still held it: ``leaves`` claims for ``subject``."""
    return [replace(c, subject=subject, mode="leaves") for c in elsewhere
            if c.mode == "starts" and c.subject != subject and c.object is not None]


def _state(relation: str, subject: str, qualifier: str | None, iv: Interval, known_from: date | None,
           known_to: date | None) -> State:
    holding = iv.claims
    return State(id=state_id(relation, subject, qualifier, iv.object, iv.valid_from, iv.valid_to, known_from),
                 relation=relation, subject=subject, object=iv.object, valid_from=iv.valid_from,
                 valid_to=iv.valid_to, known_from=known_from, known_to=known_to,
                 confidence=_confidence(holding), support=len({c.article for c in holding}),
                 sources=_sources(holding), qualifier=qualifier, until_expected=iv.until_expected)
