"""What the SQL store derives when articles are written: events resolved across articles,
claims and the states over time they make, and stories.

Called inside the write transaction (:meth:`touchline.store.sql.SqlStore.write`):

1. each new article's events are stored as readings, its claims as claims; a syndicated
   copy (``duplicate_of``) gets its original's readings and claims as its own, so it is a
   source of every fact its original tells;
2. every group a new reading joins is resolved again from all its readings
   (:func:`touchline.resolve.across.resolve_group`): its events are replaced
   (:mod:`touchline.store.regroup`, many groups at a time);
3. every chain a new claim touches is derived again (:func:`touchline.resolve.states.states_of`):
   new versions are recorded, versions that no longer follow are marked superseded
   (:mod:`touchline.store.states`, many chains at a time);
4. the articles whose main event changed take their story again.

The pure rules live in ``touchline.resolve``; this module only reads and writes rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.engine import Connection

from touchline.model import (
    Analysis,
    Claim,
    State,
)
from touchline.resolve.claims import claims_of, copied_claims
from touchline.resolve.readings import Reading, copied_reading, map_span, reading_of
from touchline.resolve.stories import main_event
from touchline.store import schema as t
from touchline.store.base import StateQuery
from touchline.store.identity import _insert_ignore
from touchline.store.indexing import chunks
from touchline.store.regroup import reading_from_row, reading_row, regroup
from touchline.store.states import (
    LEAVING_RELATIONS,
    claim_from_row,
    refresh_states,
    state_from_row,
)
from touchline.store.stories import Wordings, restory

# --- rows <-> records ---------------------------------------------------------------------

Account = tuple[list[Reading], list[Claim], str]  # an article's readings, claims and text


def claim_id(c: Claim) -> str:
    key = "|".join(str(x) for x in (c.article, c.relation, c.subject, c.object, c.qualifier, c.mode, c.day))
    return "c:" + hashlib.sha1(key.encode()).hexdigest()[:24]


def claim_row(c: Claim, copied_from: str | None = None) -> dict[str, Any]:
    return {"id": claim_id(c), "article": c.article, "relation": c.relation, "subject": c.subject,
            "object": c.object, "qualifier": c.qualifier, "mode": c.mode, "date": c.day,
            "published": c.published, "confidence": c.confidence,
            "sources": [[s.start, s.end] for s in c.sources], "copied_from": copied_from, "until": c.until}


# --- what a batch of new articles tells -------------------------------------------------


def accounts(analyses: Sequence[Analysis], stored: Any
             ) -> tuple[list[Reading], list[tuple[Claim, str | None]]]:
    """The readings and claims of new articles.  A copy takes its original's (from the same
    batch, else from ``stored``: ``(readings, claims, text)`` of an article id)."""
    readings: dict[str, list[Reading]] = {}
    claims: dict[str, list[Claim]] = {}
    texts: dict[str, str] = {}
    for a in analyses:
        if a.article.duplicate_of is not None:
            continue
        main = main_event(a)
        readings[a.article.id] = [reading_of(ev, a.article, main is not None and ev.id == main.id)
                                  for ev in a.events]
        claims[a.article.id] = claims_of(a)
        texts[a.article.id] = a.article.text
    out_readings = [r for rs in readings.values() for r in rs]
    out_claims: list[tuple[Claim, str | None]] = [(c, None) for cs in claims.values() for c in cs]
    for a in analyses:
        original = a.article.duplicate_of
        if original is None:
            continue
        if original not in texts:
            readings[original], claims[original], texts[original] = stored(original)
        text = texts[original]
        for r in readings[original]:
            spans = tuple(map_span(text, a.article.text, s, a.article.id) for s in r.event.sources)
            out_readings.append(copied_reading(r, a.article, spans))
        out_claims += [(c, original) for c in copied_claims(claims[original], text, a.article)]
    return out_readings, out_claims


class SqlDerived:
    """The derived tables of one SQL write transaction."""

    def __init__(self, conn: Connection, now: datetime, wordings: Wordings | None = None) -> None:
        self.conn = conn
        self.now = now
        self.wordings = wordings

    def write(self, analyses: Sequence[Analysis]) -> None:
        readings, claims = accounts(analyses, self._stored(analyses))
        if readings:
            self.conn.execute(_insert_ignore(self.conn, t.event_readings), [reading_row(r) for r in readings])
        if claims:
            self.conn.execute(_insert_ignore(self.conn, t.claims), [claim_row(c, o) for c, o in claims])
        new: dict[str, list[str]] = {}
        for r in readings:
            new.setdefault(r.group, []).append(r.id)
        touched = {a.article.id for a in analyses} | regroup(self.conn, {(r.event.kind, r.group)
                                                                         for r in readings}, new)
        refresh_states(self.conn, self.now, chains([c for c, _ in claims], self._holders_elsewhere))
        restory(self.conn, touched, self.wordings)

    # -- readings and events --

    def _stored(self, analyses: Sequence[Analysis]) -> Callable[[str], Account]:
        """What the stored originals of the batch's copies tell, read for all of them at once
        (an original that is not stored tells nothing)."""
        in_batch = {a.article.id for a in analyses if a.article.duplicate_of is None}
        wanted = sorted({a.article.duplicate_of for a in analyses if a.article.duplicate_of} - in_batch)
        found: dict[str, Account] = {}
        for chunk in chunks(wanted):
            found.update(self._accounts_of(chunk))
        return lambda article: found.get(article, ([], [], ""))

    def _accounts_of(self, articles: Sequence[str]) -> dict[str, Account]:
        conn = self.conn
        stored = {r.id: r for r in conn.execute(select(t.articles.c.id, t.articles.c.text,
                                                       t.articles.c.published)
                                                .where(t.articles.c.id.in_(articles)))}
        out: dict[str, Account] = {aid: ([], [], row.text) for aid, row in stored.items()}
        for r in conn.execute(select(t.event_readings).where(t.event_readings.c.article.in_(list(stored)))
                              .order_by(t.event_readings.c.id)).mappings():
            out[r["article"]][0].append(reading_from_row(r, stored[r["article"]].published))
        for r in conn.execute(select(t.claims).where(t.claims.c.article.in_(list(stored)))
                              .order_by(t.claims.c.id)).mappings():
            out[r["article"]][1].append(claim_from_row(r))
        return out

    # -- states --

    def _holders_elsewhere(self, relation: str, holders: Iterable[str]) -> list[tuple[str, str]]:
        """(relation, subject) of every chain where one of ``holders`` is claimed."""
        out: list[tuple[str, str]] = []
        for chunk in chunks(sorted(set(holders))):
            out += [(relation, r[0]) for r in self.conn.execute(
                select(t.claims.c.subject).distinct().where(t.claims.c.relation == relation,
                                                            t.claims.c.object.in_(chunk)))]
        return out

def chains(claims: Sequence[Claim], holders_elsewhere: Any) -> dict[tuple[str, str], date | None]:
    """The chains new claims touch, each with the earliest publication date among them (None
    when one has none): their own, and for a holder who ``starts`` somewhere (a coach appointed
    by another club), every chain that holder is claimed in."""
    out: dict[tuple[str, str], date | None] = {}

    def touch(key: tuple[str, str], when: date | None) -> None:
        if key not in out:
            out[key] = when
        elif out[key] is not None:
            out[key] = None if when is None else min(when, out[key])  # type: ignore[type-var]

    for c in claims:
        touch((c.relation, c.subject), c.published)
    for relation in LEAVING_RELATIONS:
        starting = [c for c in claims if c.relation == relation and c.mode == "starts" and c.object]
        if starting:
            dates = [c.published for c in starting]
            when = None if None in dates else min(d for d in dates if d is not None)
            for key in holders_elsewhere(relation, [c.object for c in starting]):
                touch(key, when)
    return out


def read_states(conn: Connection, query: StateQuery) -> Iterator[State]:
    """Stored states matching a query, as :meth:`touchline.store.base.Store.states` says."""
    conds: list[Any] = []
    if query.entity is not None:
        conds.append(or_(t.states.c.subject == query.entity, t.states.c.object == query.entity))
    if query.relations:
        conds.append(t.states.c.relation.in_(list(query.relations)))
    if not query.include_superseded:
        conds.append(t.states.c.superseded_at.is_(None))
    if query.as_of is not None:
        day = query.as_of.isoformat()
        conds += [t.states.c.valid_from.is_not(None), t.states.c.valid_from <= day,
                  or_(t.states.c.valid_to.is_(None), t.states.c.valid_to > day)]
    if query.known_at is None:
        conds.append(t.states.c.known_to.is_(None))
    else:
        conds += [or_(t.states.c.known_from.is_(None), t.states.c.known_from <= query.known_at),
                  or_(t.states.c.known_to.is_(None), t.states.c.known_to > query.known_at)]
    stmt = select(t.states).where(and_(*conds)).order_by(t.states.c.relation, t.states.c.subject,
                                                           t.states.c.valid_from, t.states.c.id)
    for row in conn.execute(stmt).mappings():
        yield state_from_row(row)
