"""events' sources: each event's sources as a query shows them, stored with the event

Revision ID: 0007_event_sources
Revises: 0006_expected
Create Date: 2026-12-08 00:10:00

- ``events.sources``: [[article, start, end, source, url, title, published], ...] by article
  and start, written with the event from the spans of its event_sources rows and the facts
  its articles give of themselves (which never change once stored).  Filled here for the
  events already stored.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007_event_sources'
down_revision = '0006_expected'
branch_labels = None
depends_on = None

ROWS_PER_STATEMENT = 5000


def upgrade() -> None:
    with op.batch_alter_table('events') as batch:
        batch.add_column(sa.Column('sources', sa.JSON(), nullable=True))
    conn = op.get_bind()
    s = sa.table('event_sources', sa.column('event_id'), sa.column('article'), sa.column('start_char'),
                 sa.column('end_char'))
    a = sa.table('articles', sa.column('id'), sa.column('source'), sa.column('url'), sa.column('title'),
                 sa.column('published', sa.Date()))
    events = sa.table('events', sa.column('id'), sa.column('sources', sa.JSON()))
    query = (sa.select(s.c.event_id, s.c.article, s.c.start_char, s.c.end_char, a.c.source, a.c.url,
                       a.c.title, a.c.published)
             .select_from(s.join(a, a.c.id == s.c.article))
             .order_by(s.c.event_id, s.c.article, s.c.start_char, s.c.end_char))
    update = (sa.update(events).where(events.c.id == sa.bindparam('event_id'))
              .values(sources=sa.bindparam('spans', type_=sa.JSON())))
    filled: dict[str, list[list[object]]] = {}
    for event_id, article, start, end, source, url, title, published in conn.execute(query).all():
        filled.setdefault(event_id, []).append(
            [article, start, end, source, url, title, published.isoformat() if published else None])
    rows = [{'event_id': event_id, 'spans': spans} for event_id, spans in filled.items()]
    for i in range(0, len(rows), ROWS_PER_STATEMENT):
        conn.execute(update, rows[i:i + ROWS_PER_STATEMENT])
    conn.execute(sa.update(events).where(events.c.sources.is_(None)).values(sources=sa.text("'[]'")))


def downgrade() -> None:
    with op.batch_alter_table('events') as batch:
        batch.drop_column('sources')
