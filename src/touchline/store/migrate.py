"""Run the Alembic migrations on first use (and after every upgrade of touchline).

Several processes may open one new database at the same moment (two ingests
started together, a web server's workers).  The schema is therefore checked
and changed only under a lock held for the whole migration transaction, and
checked again once the lock is held: the first process creates the schema,
the others wait and then find it current.  SQLite takes its write lock with
``BEGIN IMMEDIATE`` (the DDL then runs in that one transaction); PostgreSQL
takes a transaction-scoped advisory lock.

A database that already holds tables but no touchline schema belongs to some
other application: it is refused, and left as it was, rather than given
touchline's tables.  Only then is a SQLite file switched to WAL mode (readers
work while an ingest writes; NORMAL sync is durable in WAL mode up to the last
commit, which is what kill-safety needs).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from touchline.store.base import StoreError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
# pg_advisory_xact_lock key for schema changes: "tlsc" as a 32-bit number.
PG_SCHEMA_LOCK = 0x746C7363
VERSION_TABLE = "alembic_version"
# The newest revision in migrations/versions (a test checks it against Alembic's own head).
# Opening a current database compares its version row with this and loads no Alembic: reading
# the revision files costs a query process more than its query.
HEAD = "0007_event_sources"


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def _stored_revision(engine: Engine) -> str | None:
    """The revision the database records, or None when it records none (or cannot be read:
    the full path below tells why)."""
    try:
        with engine.connect() as conn:
            rows = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    except SQLAlchemyError:
        return None
    return rows[0] if len(rows) == 1 else None


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema; a no-op when it is current."""
    if _stored_revision(engine) != HEAD:
        _upgrade(engine)
    if engine.dialect.name == "sqlite":
        _use_wal(engine)


def _upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    head = script.get_current_head()
    with engine.connect() as conn:  # no lock needed when another process has just made it current
        current = MigrationContext.configure(conn).get_current_revision()
    if current != head:
        with _schema_lock(engine) as conn:
            current = MigrationContext.configure(conn).get_current_revision()
            if current != head:  # else another process created it while we waited for the lock
                _refuse_foreign(conn, current, {r.revision for r in script.walk_revisions()}, engine)
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")


def _use_wal(engine: Engine, patience: float = 30.0) -> None:
    """Switch a SQLite file to WAL mode.  The switch needs the file to itself and, unlike
    other statements, may fail at once ("database is locked") instead of waiting while
    another process reads it: it is tried again until that process is done."""
    deadline = time.monotonic() + patience
    while True:
        try:
            with engine.connect() as conn:
                if str(conn.exec_driver_sql("PRAGMA journal_mode").scalar()).lower() != "wal":
                    conn.exec_driver_sql("PRAGMA journal_mode=WAL")
            return
        except OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@contextmanager
def _schema_lock(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that holds the schema lock until it commits."""
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_SCHEMA_LOCK})
        yield conn
        conn.commit()


def _refuse_foreign(conn: Connection, current: str | None, ours: set[str], engine: Engine) -> None:
    where = engine.url.render_as_string(hide_password=True)
    if current is not None and current not in ours:
        raise StoreError(f"{where} holds database revision {current!r}, which this touchline does not know "
                         "(another application's, or a newer touchline's): not touching it")
    if current is None:
        others = sorted(t for t in inspect(conn).get_table_names() if t != VERSION_TABLE)
        if others:
            shown = ", ".join(others[:5]) + (", ..." if len(others) > 5 else "")
            raise StoreError(f"{where} is not a touchline database (it holds other tables: {shown}); "
                             "give a new file or an empty database")
