"""query indexes: event entities, entity words, full text, near-duplicate bands

Revision ID: 0005_queries
Revises: 0003_people
Create Date: 2026-12-08 09:00:00

- ``event_entities`` (entity, event, role, the event's kind): the entities each event involves, so that
  timeline and matches read an index instead of every event;
- ``entity_words`` (word, entity): folded words of entity names and aliases (``entities SEARCH``);
- ``search_docs`` and, on SQLite, the FTS5 table ``search_fts`` / on PostgreSQL the
  ``tsv`` column with a GIN index: full text of original articles and of quotes;
- ``article_bands`` (key, article): LSH band keys of originals' MinHash signatures, so that
  an ingest finds near-copies in the store instead of loading every signature;
- indexes on ``articles.duplicate_of``, ``articles.story``, ``entities.kind`` and
  ``mentions (entity, article)``.

Every index is filled from what the knowledge base holds; nothing else changes.
(0004 is taken by the knowledge branch; when both are merged this revision follows it.)
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005_queries'
down_revision = '0004_states'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('event_entities',
    sa.Column('entity_id', sa.String(length=200), nullable=False),
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=24), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_entities_event_id_events')),
    sa.PrimaryKeyConstraint('entity_id', 'event_id', 'role', name=op.f('pk_event_entities')),
    sqlite_with_rowid=False,
    )
    op.create_index('ix_event_entities_event_id', 'event_entities', ['event_id'], unique=False)
    op.create_table('entity_words',
    sa.Column('word', sa.String(length=100), nullable=False),
    sa.Column('entity_id', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('word', 'entity_id', name=op.f('pk_entity_words')),
    sqlite_with_rowid=False,
    )
    op.create_table('search_docs',
    sa.Column('id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('ref', sa.String(length=64), nullable=False),
    sa.Column('article', sa.String(length=32), nullable=False),
    sa.Column('published', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['article'], ['articles.id'], name=op.f('fk_search_docs_article_articles')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_docs'))
    )
    op.create_index('ix_search_docs_ref', 'search_docs', ['ref'], unique=False)
    op.create_index('ix_search_docs_published', 'search_docs', ['published'], unique=False)
    op.create_table('article_bands',
    sa.Column('key', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('article', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['article'], ['articles.id'], name=op.f('fk_article_bands_article_articles')),
    sa.PrimaryKeyConstraint('key', 'article', name=op.f('pk_article_bands')),
    sqlite_with_rowid=False,
    )
    op.create_index('ix_articles_duplicate_of', 'articles', ['duplicate_of'], unique=False)
    op.create_index('ix_articles_story', 'articles', ['story'], unique=False)
    op.create_index('ix_entities_kind', 'entities', ['kind'], unique=False)
    op.create_index('ix_mentions_entity_article', 'mentions', ['entity', 'article'], unique=False)
    conn = op.get_bind()
    from touchline.store.indexing import create_text_index

    create_text_index(conn)
    _fill(conn)


def _fill(conn: sa.engine.Connection) -> None:
    from touchline.store import identity
    from touchline.store import schema as t
    from touchline.store.indexing import (
        chunks,
        index_entity_words,
        index_events,
        index_signatures,
        index_texts,
    )

    events = conn.execute(sa.select(t.events.c.id, t.events.c.kind, t.events.c.fields)).all()
    for part in chunks(events, 2000):
        index_events(conn, [(i, k, f if isinstance(f, dict) else {}) for i, k, f in part], replace=False)
    ids = [r[0] for r in conn.execute(sa.select(t.entities.c.id))]
    for part in chunks(ids):
        index_entity_words(conn, identity.read_entities(conn, part).values())
    a, q = t.articles, t.quotes
    originals = [r[0] for r in conn.execute(sa.select(a.c.id).where(a.c.duplicate_of.is_(None))
                                            .order_by(a.c.id))]
    for part in chunks(originals, 200):
        rows = conn.execute(sa.select(a.c.id, a.c.title, a.c.text, a.c.published, a.c.minhash)
                            .where(a.c.id.in_(part))).all()
        index_texts(conn, [("article", r.id, r.id, r.published, f"{r.title or ''}\n{r.text}") for r in rows])
        index_signatures(conn, {r.id: bytes(r.minhash) for r in rows if r.minhash})
    quotes = conn.execute(sa.select(q.c.id, q.c.article, q.c.text, q.c.joined, a.c.published)
                          .join(a, a.c.id == q.c.article).order_by(q.c.article, q.c.start_char)).all()
    for part in chunks(quotes, 2000):
        index_texts(conn, [("quote", r.id, r.article, r.published, r.joined or r.text) for r in part])


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("DROP TABLE IF EXISTS search_fts")
    op.drop_index('ix_mentions_entity_article', table_name='mentions')
    op.drop_index('ix_entities_kind', table_name='entities')
    op.drop_index('ix_articles_story', table_name='articles')
    op.drop_index('ix_articles_duplicate_of', table_name='articles')
    op.drop_table('article_bands')
    op.drop_table('search_docs')
    op.drop_table('entity_words')
    op.drop_index('ix_event_entities_event_id', table_name='event_entities')
    op.drop_table('event_entities')
