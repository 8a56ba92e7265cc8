"""States in SQL: the chains new claims touch, derived again many at a time.

A chain is the claims of one (relation, subject): who coaches a club, a player's clubs.
Each chain a write touches is derived again (:func:`touchline.resolve.states.states_of`)
from its claims and its stored versions: new versions are recorded, versions that no
longer follow are marked superseded.  Chains are read and written many at a time, so a
write costs a few statements per batch of chains, not several per chain (an article of
many matches names many scorers, each a chain of their own).  A state's id names its
relation and subject, so no two chains write one row and the order they are handled in
does not matter.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.engine import Connection

from touchline.model import Claim, SourceSpan, State
from touchline.resolve.states import leaves_from, states_of
from touchline.store import schema as t
from touchline.store.indexing import chunks, chunks_by_first

CHAINS_PER_ROUND = 500  # chains derived together: their claims and versions are in memory at once
ROWS_PER_STATEMENT = 5000  # rows per executemany: bounds the driver's buffers, not a limit
LEAVING_RELATIONS = ("head_coach",)  # a holder who starts at another subject leaves this one

Chain = tuple[str, str]  # (relation, subject)
Row = Any  # a row mapping of the states table

# --- rows <-> records ---------------------------------------------------------------------


def claim_from_row(row: Any) -> Claim:
    return Claim(relation=row["relation"], subject=row["subject"], object=row["object"], mode=row["mode"],
                 day=row["date"], article=row["article"], published=row["published"],
                 confidence=row["confidence"], qualifier=row["qualifier"], until=row["until"],
                 sources=tuple(SourceSpan(row["article"], int(a), int(b)) for a, b in row["sources"] or ()))


def state_row(s: State, now: datetime) -> dict[str, Any]:
    return {"id": s.id, "relation": s.relation, "subject": s.subject, "object": s.object,
            "qualifier": s.qualifier, "valid_from": s.valid_from, "valid_to": s.valid_to,
            "known_from": s.known_from, "known_to": s.known_to, "confidence": s.confidence,
            "support": s.support, "sources": [[x.article, x.start, x.end] for x in s.sources],
            "recorded_at": now, "superseded_at": None, "until_expected": s.until_expected}


def state_from_row(row: Any) -> State:
    return State(id=row["id"], relation=row["relation"], subject=row["subject"], object=row["object"],
                 valid_from=row["valid_from"], valid_to=row["valid_to"], known_from=row["known_from"],
                 known_to=row["known_to"], confidence=row["confidence"], support=row["support"],
                 sources=tuple(SourceSpan(a, int(s), int(e)) for a, s, e in row["sources"] or ()),
                 qualifier=row["qualifier"], recorded_at=row["recorded_at"],
                 superseded_at=row["superseded_at"], until_expected=bool(row["until_expected"]))


# --- deriving chains ----------------------------------------------------------------------


def refresh_states(conn: Connection, now: datetime, keys: dict[Chain, date | None]) -> None:
    """Derive the touched chains again; ``keys`` maps each to the earliest publication date
    among its new claims (None: derive it from its first claim)."""
    for part in chunks(sorted(keys), CHAINS_PER_ROUND):
        _refresh(conn, now, {key: keys[key] for key in part})


def _refresh(conn: Connection, now: datetime, keys: dict[Chain, date | None]) -> None:
    stored = _versions(conn, keys)
    claims = _claims(conn, list(keys))
    writes = _Writes(now)
    for (relation, subject), since in keys.items():
        kept = stored.get((relation, subject), {})
        fresh = states_of(relation, subject, claims.get((relation, subject), []), since,
                          [state_from_row(r) for r in kept.values()])
        writes.plan(kept, {s.id: s for s in fresh})
    writes.apply(conn)


def _versions(conn: Connection, keys: dict[Chain, date | None]) -> dict[Chain, dict[str, Row]]:
    """The current versions of each chain that may change: those not ended before its date."""
    s = t.states
    dates = list(keys.values())
    earliest = None if None in dates else min(d for d in dates if d is not None)
    out: dict[Chain, dict[str, Row]] = {}
    for relation, part in chunks_by_first(keys):
        query = select(s).where(s.c.relation == relation, s.c.subject.in_(part),
                                s.c.superseded_at.is_(None)).order_by(s.c.id)
        if earliest is not None:  # versions that ended before every chain's date cannot change
            query = query.where(or_(s.c.known_to.is_(None), s.c.known_to >= earliest))
        for row in conn.execute(query).mappings():
            since = keys[(relation, row["subject"])]
            if since is None or row["known_to"] is None or row["known_to"] >= since:
                out.setdefault((relation, row["subject"]), {})[row["id"]] = row
    return out


def _claims(conn: Connection, keys: list[Chain]) -> dict[Chain, list[Claim]]:
    """Each chain's claims, and for a leaving relation the ``leaves`` claims of its holders
    appointed elsewhere."""
    c = t.claims.c
    own: dict[Chain, list[Claim]] = {}
    for relation, part in chunks_by_first(keys):
        for row in conn.execute(select(t.claims).where(c.relation == relation, c.subject.in_(part))
                                .order_by(c.id)).mappings():
            own.setdefault((relation, row["subject"]), []).append(claim_from_row(row))
    starts = _starts(conn, [(relation, claim.object) for (relation, _), claims in own.items()
                            if relation in LEAVING_RELATIONS for claim in claims if claim.object is not None])
    out: dict[Chain, list[Claim]] = {}
    for (relation, subject), claims in own.items():
        holders = sorted({claim.object for claim in claims if claim.object is not None})
        elsewhere = [claim for h in holders for claim in starts.get((relation, h), [])
                     if claim.subject != subject]
        out[(relation, subject)] = claims + leaves_from(subject, elsewhere)
    return out


def _starts(conn: Connection, holders: Iterable[tuple[str, str]]) -> dict[tuple[str, str], list[Claim]]:
    """(relation, holder) -> the claims that the holder ``starts`` that relation somewhere."""
    c = t.claims.c
    out: dict[tuple[str, str], list[Claim]] = {}
    for relation, part in chunks_by_first(holders):
        for row in conn.execute(select(t.claims).where(c.relation == relation, c.object.in_(part),
                                                c.mode == "starts").order_by(c.id)).mappings():
            out.setdefault((relation, row["object"]), []).append(claim_from_row(row))
    return out


# What may change in a version that keeps its id (its interval and holder make the id).
_MUTABLE = ("known_to", "confidence", "support", "sources", "until_expected")


class _Writes:
    """What deriving chains changes in the states table, gathered, then written in batches."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.superseded: list[str] = []
        self.changed: dict[tuple[str, ...], list[dict[str, Any]]] = {}  # by the columns changed
        self.fresh: dict[str, dict[str, Any]] = {}

    def plan(self, stored: dict[str, Row], fresh: dict[str, State]) -> None:
        self.superseded += sorted(stored.keys() - fresh.keys())
        for sid, s in fresh.items():
            values = state_row(s, self.now)
            row = stored.get(sid)
            if row is None:
                self.fresh[sid] = values
                continue
            changes = {k: values[k] for k in _MUTABLE if row[k] != values[k]}
            if changes:
                self.changed.setdefault(tuple(changes), []).append({"sid": sid, **changes})

    def apply(self, conn: Connection) -> None:
        s = t.states
        for part in chunks(self.superseded):
            conn.execute(update(s).where(s.c.id.in_(part)).values(superseded_at=self.now))
        by_id = update(s).where(s.c.id == bindparam("sid"))  # the SET clause: the rows' other keys
        for rows in self.changed.values():
            for batch in chunks(rows, ROWS_PER_STATEMENT):
                conn.execute(by_id, list(batch))
        # new, or a version superseded once that follows from the articles again
        again = self._stored_ids(conn, sorted(self.fresh))
        rows = [{"sid": sid, **{k: v for k, v in values.items() if k not in ("id", "recorded_at")}}
                for sid, values in self.fresh.items() if sid in again]
        new = [values for sid, values in self.fresh.items() if sid not in again]
        for batch in chunks(rows, ROWS_PER_STATEMENT):
            conn.execute(by_id, list(batch))
        for batch in chunks(new, ROWS_PER_STATEMENT):
            conn.execute(s.insert(), list(batch))

    @staticmethod
    def _stored_ids(conn: Connection, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for part in chunks(ids):
            found |= {row[0] for row in conn.execute(select(t.states.c.id).where(t.states.c.id.in_(part)))}
        return found
