"""The indexes queries and ingest read, written in the transaction that writes the facts.

- ``event_entities``: every entity an event involves, by field (timeline, matches);
- ``entity_words``: the folded words of entities' names and aliases (``entities SEARCH``);
- ``search_docs`` with SQLite's FTS5 table ``search_fts`` or PostgreSQL's ``tsv`` column:
  the full text of original articles and of quotes, as folded words (``search``, ``quotes``);
- ``article_bands``: the LSH band keys of originals' MinHash signatures (near-duplicates).

Nothing here reads more than the rows it is given; migration 0005 fills the indexes of an
existing knowledge base with the same functions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import bindparam, column, func, insert, literal_column, select, table, text
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import Connection

from touchline.model import ENTITY_FIELDS, Entity
from touchline.nlp.names import name_data
from touchline.store import schema as t

CHUNK = 500  # values per IN (...) list: far below every backend's parameter limit
FTS_TABLE = "search_fts"


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def chunks_by_first(pairs: Iterable[tuple[str, str]]) -> Iterator[tuple[str, Sequence[str]]]:
    """(first, a chunk of the seconds paired with it), firsts in order: what one indexed look-up
    by (kind, group key) or (relation, subject) takes."""
    seconds: dict[str, set[str]] = {}
    for first, second in pairs:
        seconds.setdefault(first, set()).add(second)
    for first in sorted(seconds):
        for part in chunks(sorted(seconds[first])):
            yield first, part


_WORD = re.compile(r"[^\W_]+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold_words(value: str) -> str:
    """The words of a text as the full-text index holds them: lower case, accents off, letters
    Unicode does not decompose transliterated ("Solskjær" -> "solskjaer"), every character that
    is no letter or digit a space ("Quill's" -> "quill s")."""
    if not value.isascii() and any(c.isalnum() for c in set(value) if ord(c) > 127):
        value = value.translate(name_data().transliterate)
        value = _COMBINING.sub("", unicodedata.normalize("NFKD", value))
    return " ".join(_WORD.findall(value.lower()))


def _insert_ignore(conn: Connection, table: Any) -> Any:
    if conn.dialect.name == "postgresql":
        return pg_dialect.insert(table).on_conflict_do_nothing()
    return sqlite_dialect.insert(table).on_conflict_do_nothing()


# --- events -------------------------------------------------------------------


def event_entity_rows(event_id: str, kind: str, fields: Mapping[str, Any]) -> list[dict[str, str]]:
    """The (entity, role) pairs of one event's stored fields."""
    pairs: dict[tuple[str, str], None] = {}
    for name in ENTITY_FIELDS.get(kind, ()):
        value = fields.get(name)
        if isinstance(value, str) and value:
            pairs[(value, name)] = None
    for scorer in fields.get("scorers") or ():
        if isinstance(scorer, Mapping):
            for key, role in (("player", "scorer"), ("team", "scorer_team")):
                value = scorer.get(key)
                if isinstance(value, str) and value:
                    pairs[(value, role)] = None
    return [{"entity_id": e[:200], "event_id": event_id, "role": role, "kind": kind} for e, role in pairs]


def index_events(conn: Connection, events: Iterable[tuple[str, str, Mapping[str, Any]]],
                 replace: bool = True) -> None:
    """(Re)write the entity rows of events given as (id, kind, stored fields).  Whatever
    writes or rewrites events calls this (or :func:`index_stored_events`) in its transaction."""
    listed = list(events)
    if replace:
        unindex_events(conn, [e[0] for e in listed])
    rows = [row for eid, kind, fields in listed for row in event_entity_rows(eid, kind, fields)]
    for part in chunks(rows, 5000):
        conn.execute(_insert_ignore(conn, t.event_entities), list(part))


def unindex_events(conn: Connection, ids: Iterable[str]) -> None:
    """Forget the entity rows of events: call it before deleting the events themselves."""
    for part in chunks(sorted(set(ids))):
        conn.execute(t.event_entities.delete().where(t.event_entities.c.event_id.in_(part)))


def index_stored_events(conn: Connection, ids: Iterable[str]) -> None:
    """Rewrite the entity rows of events as they are stored now (ids no longer stored lose theirs)."""
    wanted = sorted(set(ids))
    unindex_events(conn, wanted)
    e = t.events
    for part in chunks(wanted):
        rows = conn.execute(select(e.c.id, e.c.kind, e.c.fields).where(e.c.id.in_(part))).all()
        index_events(conn, [(r[0], r[1], r[2] if isinstance(r[2], Mapping) else {}) for r in rows],
                     replace=False)


# --- entity names -------------------------------------------------------------


def entity_word_rows(entities: Iterable[Entity]) -> list[dict[str, str]]:
    rows: dict[tuple[str, str], None] = {}
    for e in entities:
        for form in (e.name, *e.aliases):
            if isinstance(form, str):
                for word in fold_words(form).split():
                    rows[(word[:100], e.id)] = None
    return [{"word": w, "entity_id": eid} for w, eid in rows]


def index_entity_words(conn: Connection, entities: Iterable[Entity]) -> None:
    rows = entity_word_rows(entities)
    for part in chunks(rows, 5000):
        conn.execute(_insert_ignore(conn, t.entity_words), list(part))


# --- full text ----------------------------------------------------------------


DAY_SHIFT = 24  # documents per published day: 16,777,216


def day_ids(day: date | None) -> tuple[int, int]:
    """The first and last search document id of a published day (day 0: undated)."""
    base = (day.toordinal() if day else 0) << DAY_SHIFT
    return base, base + (1 << DAY_SHIFT) - 1


# pg_advisory_xact_lock key for search document ids: "tlsd" as a 32-bit number.
PG_SEARCH_ID_LOCK = 0x746C7364


def _next_ids(conn: Connection, docs: Sequence[tuple[str, str, str, date | None, str]]) -> list[int]:
    """A new id for each document, within its published day's range.  Writers take ids one
    transaction at a time: SQLite's write lock is held already (the articles were written);
    on PostgreSQL a transaction-scoped advisory lock keeps two ingests from taking one id."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_SEARCH_ID_LOCK})
    last: dict[date | None, int] = {}
    ids = []
    for _k, _r, _a, day, _b in docs:
        if day not in last:
            low, high = day_ids(day)
            top = conn.execute(select(func.max(t.search_docs.c.id))
                               .where(t.search_docs.c.id.between(low, high))).scalar()
            last[day] = int(top) if top is not None else low - 1
        last[day] += 1
        ids.append(last[day])
    return ids


def index_texts(conn: Connection, docs: Sequence[tuple[str, str, str, date | None, str]]) -> None:
    """Add full-text documents given as (kind, ref, article, published, text)."""
    if not docs:
        return
    ids = _next_ids(conn, docs)
    if conn.dialect.name == "postgresql":
        docs_table = table("search_docs", column("id"), column("kind"), column("ref"), column("article"),
                           column("published"), column("tsv"))
        stmt = insert(docs_table).values(
            id=bindparam("id"), kind=bindparam("kind"), ref=bindparam("ref"), article=bindparam("article"),
            published=bindparam("published"),
            tsv=func.to_tsvector(literal_column("'simple'"), bindparam("body")))
        rows = [{"id": i, "kind": k, "ref": r, "article": a, "published": p, "body": fold_words(b)}
                for i, (k, r, a, p, b) in zip(ids, docs, strict=True)]
        for part in chunks(rows, 1000):
            conn.execute(stmt, list(part))
        return
    conn.execute(insert(t.search_docs), [{"id": i, "kind": k, "ref": r, "article": a, "published": p}
                                         for i, (k, r, a, p, _b) in zip(ids, docs, strict=True)])
    conn.exec_driver_sql(f"INSERT INTO {FTS_TABLE} (rowid, body) VALUES (?, ?)",
                         [(i, fold_words(d[4])) for i, d in zip(ids, docs, strict=True)])


def create_text_index(conn: Connection) -> None:
    """The dialect's full-text structure beside ``search_docs`` (migration 0005)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("ALTER TABLE search_docs ADD COLUMN tsv tsvector")
        conn.exec_driver_sql("CREATE INDEX ix_search_docs_tsv ON search_docs USING gin (tsv)")
    else:
        conn.exec_driver_sql(f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(body, content='', "
                             "tokenize='unicode61 remove_diacritics 2')")


# --- near-duplicates ----------------------------------------------------------


def index_signatures(conn: Connection, signatures: Mapping[str, bytes]) -> None:
    """The LSH band keys of originals' signatures."""
    # imported here: the MinHash module brings numpy, datasketch and scipy, which a process
    # that only reads the knowledge base never needs
    from touchline.ingest.dedup import band_keys

    rows = [{"key": key, "article": aid} for aid, data in signatures.items() if data
            for key in dict.fromkeys(band_keys(data))]
    for part in chunks(rows, 5000):
        conn.execute(_insert_ignore(conn, t.article_bands), list(part))


def near_duplicates(conn: Connection, keys: Sequence[int]) -> list[tuple[str, bytes]]:
    """Stored originals sharing a band key with ``keys``, with their signatures."""
    if not keys:
        return []
    a, b = t.articles, t.article_bands
    # No condition on the articles' own columns: the planner would walk the (nearly whole)
    # index of duplicate_of IS NULL instead of the few candidates.  Copies are dropped here.
    query = select(a.c.id, a.c.minhash, a.c.duplicate_of).where(
        a.c.id.in_(select(b.c.article).where(b.c.key.in_(list(keys)))))
    return [(r[0], bytes(r[1])) for r in conn.execute(query) if r[1] is not None and r[2] is None]
