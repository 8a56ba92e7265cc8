"""The SQL store: one SQLAlchemy Core implementation for SQLite and PostgreSQL.

Dialect differences live in the small functions at the top (URL, connection
set-up, insert-or-ignore); nothing else asks which database it talks to.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, create_engine, event, func, select, text
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import Connection
from sqlalchemy.exc import (
    DataError,
    DBAPIError,
    IntegrityError,
    ProgrammingError,
    SQLAlchemyError,
    StatementError,
)
from sqlalchemy.sql.dml import Insert

from touchline.model import (
    Article,
    Entity,
    Event,
    Mention,
    Quote,
    SourceSpan,
    State,
    Story,
    TimeExpression,
    check_from_data,
    detail_from_fields,
)
from touchline.store import identity, indexing
from touchline.store import schema as t
from touchline.store.base import StateQuery, StoreError, StoreRejected, StoreStats, WriteBatch
from touchline.store.derived import SqlDerived, read_states
from touchline.store.migrate import upgrade
from touchline.store.stories import Wordings

logger = logging.getLogger(__name__)

# --- dialect differences ------------------------------------------------------


def sqlalchemy_url(url: str) -> str:
    """A touchline URL as SQLAlchemy wants it (psycopg 3 for PostgreSQL)."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith("sqlite:"):
        return url
    return f"sqlite:///{Path(url).expanduser()}"


# Reads go through memory-mapped pages (up to this many bytes of the file) instead of a read
# system call and a copy per page: a club's whole timeline touches some 3,000 scattered pages
# of a 100,000-article database, and mapping halved the time to read its sources (make bench).
# The mapping shares the operating system's file cache; it is not memory of the process's own.
SQLITE_MMAP_BYTES = 1 << 30


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Per connection.  The busy timeout comes first: another process opening the
    # same new database may hold its lock for a moment.  WAL mode is a property
    # of the file, set once the file is known to be touchline's (store.migrate).
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
    cur.close()


def json_loads(text: str | bytes) -> Any:
    """Stored JSON read back: orjson, two to three times as fast as the standard library on an
    event's fields (the bulk of reading a long timeline); the standard library for what orjson
    refuses and json accepts (NaN, integers beyond 64 bits), so nothing stored becomes unreadable."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


# The planner's price of a random page read, for touchline's sessions when the server keeps
# PostgreSQL's default of 4 (a spinning disk's).  At 4 the planner read a club's whole history
# by scanning all 80,000 events of a 100,000-article knowledge base to find 950 (66 ms) instead
# of looking each up by its key (17 ms; make bench); 1.1 is the usual value for SSDs and for
# data the file cache holds.  A value an administrator chose is left alone.
PG_RANDOM_PAGE_COST = "1.1"


def _pg_session(dbapi_connection: Any, _record: Any) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("SELECT current_setting('random_page_cost'), "
                "(SELECT source FROM pg_settings WHERE name = 'random_page_cost')")
    value, source = cur.fetchone()
    if source == "default" and float(value) == 4.0:
        cur.execute(f"SET random_page_cost = {PG_RANDOM_PAGE_COST}")
    cur.close()
    dbapi_connection.commit()


def _make_engine(url: str) -> Engine:
    engine = create_engine(sqlalchemy_url(url), future=True, json_deserializer=json_loads)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "connect", _pg_session)
    return engine


def _insert_ignore(conn: Connection, table: Any) -> Insert:
    """INSERT ... ON CONFLICT DO NOTHING in the connection's dialect."""
    if conn.dialect.name == "postgresql":
        return pg_dialect.insert(table).on_conflict_do_nothing()
    return sqlite_dialect.insert(table).on_conflict_do_nothing()


# --- the store ----------------------------------------------------------------


class SqlStore:
    """A Store on SQLite (embedded default) or PostgreSQL."""

    def __init__(self, url: str, *, schema_name: str | None = None) -> None:
        self.url = url
        self._wordings = Wordings()  # words of the articles stories compare, kept between writes
        try:
            self.engine = _make_engine(url)
            if schema_name:
                self._use_schema(schema_name)
            upgrade(self.engine)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open database {url}: {_short(exc)}") from exc

    def _use_schema(self, name: str) -> None:
        # PostgreSQL tests run each in a schema of their own.
        @event.listens_for(self.engine, "connect")
        def _set_path(dbapi_connection: Any, _record: Any) -> None:
            cur = dbapi_connection.cursor()
            cur.execute(f'CREATE SCHEMA IF NOT EXISTS "{name}"')
            cur.execute(f'SET search_path TO "{name}"')
            cur.close()
            dbapi_connection.commit()

    # -- writing --

    def known_articles(self, ids: Iterable[str]) -> set[str]:
        with self.engine.connect() as conn:
            return self._present(conn, list(ids))

    @staticmethod
    def _present(conn: Connection, ids: list[str]) -> set[str]:
        if not ids:
            return set()
        return {r[0] for r in conn.execute(select(t.articles.c.id).where(t.articles.c.id.in_(ids)))}

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        query = select(t.articles.c.id, t.articles.c.minhash).where(
            t.articles.c.duplicate_of.is_(None), t.articles.c.minhash.is_not(None)
        )
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=1000).execute(query):
                yield row[0], bytes(row[1])

    def write(self, batch: WriteBatch) -> None:
        """One transaction.  StoreRejected when the database refused a value the batch
        holds (the rest of the run can go on), StoreError when the database itself failed."""
        try:
            with self.engine.begin() as conn:
                self._write(conn, batch)
        except (SQLAlchemyError, ValueError, TypeError) as exc:
            if _refused(exc):
                raise StoreRejected(f"the database refused it ({_short(exc)})") from exc
            raise StoreError(f"write to {self.url} failed: {_short(exc)}") from exc

    def _write(self, conn: Connection, batch: WriteBatch) -> None:
        now = datetime.now(UTC)
        # An article lands once: re-writing a batch (a re-run after a kill) adds nothing.
        present = self._present(conn, [a.article.id for a in batch.analyses])
        analyses = [a for a in batch.analyses if a.article.id not in present]
        article_rows: list[dict[str, Any]] = []
        additions: list[Entity] = []
        mention_rows: list[dict[str, Any]] = []
        quote_rows: list[dict[str, Any]] = []
        timex_rows: list[dict[str, Any]] = []
        for a in analyses:
            art = a.article
            article_rows.append({
                "id": art.id, "source": art.source, "url": art.url, "title": art.title,
                "published": art.published, "text": art.text, "text_hash": art.text_hash,
                "duplicate_of": art.duplicate_of, "story": art.story,
                "minhash": batch.signatures.get(art.id), "ingested_at": now,
            })
            additions.extend(a.entities)
            mention_rows.extend({
                "article": m.article, "start_char": m.start, "end_char": m.end, "text": m.text,
                "kind": m.kind, "entity": m.entity, "confidence": m.confidence, "method": m.method,
            } for m in a.mentions)
            quote_rows.extend({
                "id": q.id, "article": q.article, "start_char": q.start, "end_char": q.end,
                "text": q.text, "kind": q.kind, "speaker": q.speaker, "verb": q.verb,
                "confidence": q.confidence, "joined": q.joined,
                "segments": [list(seg) for seg in q.segments] or None, "speaker_name": q.speaker_name,
            } for q in a.quotes)
            timex_rows.extend({
                "article": x.article, "start_char": x.start, "end_char": x.end, "text": x.text,
                "type": x.type, "value": x.value, "reason": x.reason, "anchor": x.anchor,
            } for x in a.timexes)
        # Order follows the foreign keys: stories, then originals before their copies.
        article_rows.sort(key=lambda r: r["duplicate_of"] is not None)
        story_rows = [{"id": s, "label": None} for s in sorted({r["story"] for r in article_rows} - {None})]
        for table, rows in ((t.stories, story_rows), (t.articles, article_rows)):
            if rows:
                conn.execute(_insert_ignore(conn, table), rows)
        identity.upsert_entities(conn, additions)
        for table, rows in ((t.mentions, mention_rows), (t.quotes, quote_rows), (t.timexes, timex_rows)):
            if rows:
                conn.execute(_insert_ignore(conn, table), rows)
        # Events across articles, claims and states, stories (a copy's is its original's).
        SqlDerived(conn, now, self._wordings).write(analyses)
        indexing.index_entity_words(conn, additions)
        originals = [r for r in article_rows if r["duplicate_of"] is None]
        published = {r["id"]: r["published"] for r in article_rows}
        indexing.index_texts(conn, [
            *(("article", r["id"], r["id"], r["published"], f"{r['title'] or ''}\n{r['text']}")
              for r in originals),
            *(("quote", q["id"], q["article"], published.get(q["article"]), q["joined"] or q["text"])
              for q in quote_rows)])
        indexing.index_signatures(conn, {r["id"]: r["minhash"] for r in originals if r["minhash"]})

    # -- reading --

    def articles_mentioning(self, entity_id: str) -> set[str]:
        query = select(t.mentions.c.article).where(t.mentions.c.entity == entity_id).distinct()
        with self.engine.connect() as conn:
            return {r[0] for r in conn.execute(query)}

    def mentions(self, article: str) -> Iterator[Mention]:
        query = (select(t.mentions).where(t.mentions.c.article == article)
                 .order_by(t.mentions.c.start_char, t.mentions.c.end_char))
        with self.engine.connect() as conn:
            for r in conn.execute(query).mappings():
                yield Mention(article=r["article"], start=r["start_char"], end=r["end_char"], text=r["text"],
                              kind=r["kind"], entity=r["entity"], confidence=r["confidence"],
                              method=r["method"] or "gazetteer")

    def articles(self) -> Iterator[Article]:
        query = select(t.articles).order_by(t.articles.c.published, t.articles.c.id)
        with self.engine.connect() as conn:
            for r in conn.execution_options(yield_per=500).execute(query).mappings():
                yield Article(id=r["id"], text=r["text"], text_hash=r["text_hash"], source=r["source"],
                              url=r["url"], title=r["title"], published=r["published"],
                              duplicate_of=r["duplicate_of"], story=r["story"],
                              ingested_at=r["ingested_at"])

    def articles_by_id(self, ids: Sequence[str]) -> dict[str, Article]:
        """The stored articles with these ids (one query per 500 ids)."""
        out: dict[str, Article] = {}
        wanted = sorted(set(ids))
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 500):
                query = select(t.articles).where(t.articles.c.id.in_(wanted[i:i + 500]))
                for r in conn.execute(query).mappings():
                    out[r["id"]] = Article(id=r["id"], text=r["text"], text_hash=r["text_hash"],
                                           source=r["source"], url=r["url"], title=r["title"],
                                           published=r["published"], duplicate_of=r["duplicate_of"],
                                           story=r["story"], ingested_at=r["ingested_at"])
        return out

    def entities(self, ids: Sequence[str] | None = None) -> Iterator[Entity]:
        if ids is not None:
            with self.engine.connect() as conn:
                found: dict[str, Entity] = {}
                for chunk in indexing.chunks(sorted(set(ids))):
                    found.update(identity.read_entities(conn, chunk))
            yield from (found[i] for i in sorted(found))
            return
        query = select(t.entities).order_by(t.entities.c.id)
        alias_query = select(t.entity_aliases).order_by(t.entity_aliases.c.entity_id,
                                                        t.entity_aliases.c.alias)
        with self.engine.connect() as conn:
            aliases: dict[str, list[str]] = {}
            for row in conn.execute(alias_query):
                aliases.setdefault(row.entity_id, []).append(row.alias)
            for r in conn.execution_options(yield_per=1000).execute(query).mappings():
                names = [a for a in aliases.get(r["id"], []) if a != r["name"]]
                yield Entity(id=r["id"], kind=r["kind"], name=r["name"], aliases=tuple(names),
                             attrs=r["attrs"] or {})

    def entities_by_keys(self, keys: Iterable[str]) -> dict[str, list[Entity]]:
        with self.engine.connect() as conn:
            return identity.entities_by_keys(conn, keys)

    def _read_events(self, conn: Connection, query: Any) -> Iterator[Event]:
        """The events a (small) query selects, with their sources."""
        rows = list(conn.execute(query).mappings())
        sources: dict[str, list[SourceSpan]] = {}
        for chunk in indexing.chunks([r["id"] for r in rows]):
            src_query = select(t.event_sources).where(t.event_sources.c.event_id.in_(chunk))
            for s in conn.execute(src_query):
                sources.setdefault(s.event_id, []).append(SourceSpan(s.article, s.start_char, s.end_char))
        for r in rows:
            yield _event(r, sorted(sources.get(r["id"], ()), key=lambda s: (s.article, s.start)))

    def events(self, kinds: Sequence[str] | None = None) -> Iterator[Event]:
        """Every event (of ``kinds``), streamed: one query joins the sources, whatever the count."""
        e, s = t.events, t.event_sources
        query = (select(e, s.c.article, s.c.start_char, s.c.end_char)
                 .select_from(e.outerjoin(s, s.c.event_id == e.c.id))
                 .order_by(e.c.date, e.c.kind, e.c.id, s.c.article, s.c.start_char))
        if kinds:
            query = query.where(e.c.kind.in_(list(kinds)))
        with self.engine.connect() as conn:
            current: Any = None
            spans: list[SourceSpan] = []
            for r in conn.execution_options(yield_per=2000).execute(query).mappings():
                if current is not None and r["id"] != current["id"]:
                    yield _event(current, spans)
                    spans = []
                current = r
                if r["article"] is not None:
                    spans.append(SourceSpan(r["article"], r["start_char"], r["end_char"]))
            if current is not None:
                yield _event(current, spans)

    def near_duplicates(self, keys: Sequence[int]) -> list[tuple[str, bytes]]:
        """Stored originals sharing an LSH band key with a new text's signature, with their signatures."""
        with self.engine.connect() as conn:
            return indexing.near_duplicates(conn, keys)

    def quotes(self) -> Iterator[Quote]:
        query = select(t.quotes).order_by(t.quotes.c.article, t.quotes.c.start_char)
        with self.engine.connect() as conn:
            for r in conn.execution_options(yield_per=2000).execute(query).mappings():
                yield Quote(id=r["id"], article=r["article"], start=r["start_char"], end=r["end_char"],
                            text=r["text"], kind=r["kind"], speaker=r["speaker"], verb=r["verb"],
                            confidence=r["confidence"], joined=r["joined"],
                            segments=tuple((int(a), int(b)) for a, b in r["segments"] or ()),
                            speaker_name=r["speaker_name"])

    def timexes(self) -> Iterator[TimeExpression]:
        query = select(t.timexes).order_by(t.timexes.c.article, t.timexes.c.start_char)
        with self.engine.connect() as conn:
            for r in conn.execution_options(yield_per=2000).execute(query).mappings():
                yield TimeExpression(article=r["article"], start=r["start_char"], end=r["end_char"],
                                     text=r["text"], type=r["type"], value=r["value"],
                                     reason=r["reason"], anchor=r["anchor"])

    def stories(self) -> Iterator[Story]:
        with self.engine.connect() as conn:
            members: dict[str, list[str]] = {}
            for row in conn.execute(select(t.articles.c.id, t.articles.c.story)
                                    .where(t.articles.c.story.is_not(None))
                                    .order_by(t.articles.c.id)):
                members.setdefault(row.story, []).append(row.id)
            for r in conn.execute(select(t.stories).order_by(t.stories.c.id)):
                yield Story(id=r.id, articles=tuple(members.get(r.id, ())), label=r.label)

    def states(self, query: StateQuery) -> Iterator[State]:
        with self.engine.connect() as conn:
            yield from list(read_states(conn, query))

    def stats(self) -> StoreStats:
        with self.engine.connect() as conn:
            def count(q: Any) -> int:
                return int(conn.execute(q).scalar_one())

            by_kind = Counter({k: n for k, n in conn.execute(
                select(t.events.c.kind, func.count()).group_by(t.events.c.kind))})
            checks = Counter({s: n for s, n in conn.execute(
                select(t.events.c.check_state, func.count()).where(t.events.c.check_state.is_not(None))
                .group_by(t.events.c.check_state))})
            return StoreStats(
                articles=count(select(func.count()).select_from(t.articles)),
                duplicates=count(select(func.count()).select_from(t.articles)
                                 .where(t.articles.c.duplicate_of.is_not(None))),
                entities=count(select(func.count()).select_from(t.entities)),
                events_by_kind=dict(sorted(by_kind.items())),
                quotes=count(select(func.count()).select_from(t.quotes)),
                timexes=count(select(func.count()).select_from(t.timexes)),
                checks=dict(sorted(checks.items())),
            )

    def optimize(self) -> None:
        """Keep PostgreSQL's planner statistics current after a write that changed much:
        ANALYZE each touchline table changed by more than a tenth since its last analysis (what
        autovacuum does, which a server may have switched off).  SQLite's plans need no
        statistics (and stay as the tests check them).  A failure is logged, never raised."""
        if self.engine.dialect.name != "postgresql":
            return
        try:
            with self.engine.begin() as conn:
                stale = conn.execute(text(
                    "SELECT relname FROM pg_stat_user_tables WHERE schemaname = current_schema() "
                    "AND n_mod_since_analyze > 50 + 0.1 * n_live_tup")).scalars().all()
                for name in sorted(set(stale) & set(t.metadata.tables)):
                    conn.exec_driver_sql(f'ANALYZE "{name}"')
        except SQLAlchemyError as exc:
            logger.warning("could not refresh the planner's statistics of %s: %s", self.url, _short(exc))

    def close(self) -> None:
        self.engine.dispose()


def _event(r: Any, sources: Sequence[SourceSpan]) -> Event:
    return Event(id=r["id"], kind=r["kind"], detail=detail_from_fields(r["kind"], r["fields"]),
                 date=r["date"], confidence=r["confidence"], sources=tuple(sources),
                 check=check_from_data(r["reference"]), conflicts=r["conflicts"] or {})


def _refused(exc: Exception) -> bool:
    """An error about the data written, not the database: a value a column cannot
    hold (a NUL in PostgreSQL text, an over-long id), a broken reference, a value
    the driver cannot bind (a bare StatementError wraps those; some drivers raise
    ValueError or TypeError raw).  A lost connection, a lock not granted or a
    full disk are not: those end the run."""
    if isinstance(exc, DataError | IntegrityError | ProgrammingError | ValueError | TypeError):
        return True
    return isinstance(exc, StatementError) and not isinstance(exc, DBAPIError)


def _short(exc: Exception) -> str:
    lines = str(exc).splitlines()
    return lines[0][:300] if lines else type(exc).__name__
