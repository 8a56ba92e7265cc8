"""states over time: readings, claims and derived states; events resolved across articles

Revision ID: 0004_states
Revises: 0003_people
Create Date: 2026-12-08 09:00:00

- ``events``: ``group_key`` (the group its readings share) and ``conflicts``;
- ``event_readings``: every article's account of every event.  An existing event
  gives one reading per article among its sources (with the event's values: what
  each article said alone was not kept before); a syndicated copy gets its
  original's readings and becomes a source of its events;
- ``claims`` and ``states``: the claims the stored events make
  (``touchline.resolve.claims``) and the states derived from them
  (``touchline.resolve.states``), every version kept.

Existing events keep their ids; a group is resolved across articles again the
next time an article adds a reading to it.  Nothing is deleted.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = '0004_states'
down_revision = '0003_people'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('group_key', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('conflicts', sa.JSON(), nullable=True))
        batch_op.create_index('ix_events_group_key', ['group_key'], unique=False)
    op.create_table('event_readings',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('article', sa.String(length=32), nullable=False),
    sa.Column('event_id', sa.String(length=64), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('group_key', sa.String(length=64), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('window_from', sa.String(length=10), nullable=True),
    sa.Column('window_to', sa.String(length=10), nullable=True),
    sa.Column('precision', sa.String(length=16), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('reference', sa.JSON(), nullable=True),
    sa.Column('hints', sa.JSON(), nullable=True),
    sa.Column('sources', sa.JSON(), nullable=False),
    sa.Column('main', sa.Integer(), nullable=False),
    sa.Column('copied_from', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['article'], ['articles.id'], name=op.f('fk_event_readings_article_articles')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_readings'))
    )
    with op.batch_alter_table('event_readings', schema=None) as batch_op:
        batch_op.create_index('ix_event_readings_article', ['article'], unique=False)
        batch_op.create_index('ix_event_readings_event_id', ['event_id'], unique=False)
        batch_op.create_index('ix_event_readings_group', ['kind', 'group_key'], unique=False)
    op.create_table('claims',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('article', sa.String(length=32), nullable=False),
    sa.Column('relation', sa.String(length=32), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('object', sa.String(length=200), nullable=True),
    sa.Column('qualifier', sa.String(length=200), nullable=True),
    sa.Column('mode', sa.String(length=16), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('sources', sa.JSON(), nullable=False),
    sa.Column('copied_from', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['article'], ['articles.id'], name=op.f('fk_claims_article_articles')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claims'))
    )
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index('ix_claims_article', ['article'], unique=False)
        batch_op.create_index('ix_claims_relation_object', ['relation', 'object'], unique=False)
        batch_op.create_index('ix_claims_relation_subject', ['relation', 'subject'], unique=False)
    op.create_table('states',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('relation', sa.String(length=32), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('object', sa.String(length=200), nullable=True),
    sa.Column('qualifier', sa.String(length=200), nullable=True),
    sa.Column('valid_from', sa.String(length=10), nullable=True),
    sa.Column('valid_to', sa.String(length=10), nullable=True),
    sa.Column('known_from', sa.Date(), nullable=True),
    sa.Column('known_to', sa.Date(), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('support', sa.Integer(), nullable=False),
    sa.Column('sources', sa.JSON(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('superseded_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_states'))
    )
    with op.batch_alter_table('states', schema=None) as batch_op:
        batch_op.create_index('ix_states_object', ['object', 'relation'], unique=False)
        batch_op.create_index('ix_states_subject', ['subject', 'relation'], unique=False)
    _backfill(op.get_bind())


def downgrade() -> None:
    op.drop_table('states')
    op.drop_table('claims')
    op.drop_table('event_readings')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_group_key')
        batch_op.drop_column('conflicts')
        batch_op.drop_column('group_key')


# --- what the stored events say, as readings, claims and states -------------------------------

_TYPES: dict[str, Any] = {'fields': sa.JSON(), 'reference': sa.JSON(), 'hints': sa.JSON(), 'sources': sa.JSON(),
                          'published': sa.Date(), 'known_from': sa.Date(), 'known_to': sa.Date(),
                          'recorded_at': sa.DateTime(timezone=True), 'superseded_at': sa.DateTime(timezone=True)}


def _table(name: str, *columns: str) -> sa.TableClause:
    return sa.table(name, *(sa.column(c, _TYPES.get(c)) for c in columns))


READINGS = _table('event_readings', 'id', 'article', 'event_id', 'kind', 'group_key', 'date', 'window_from',
                  'window_to', 'precision', 'confidence', 'fields', 'reference', 'hints', 'sources', 'main',
                  'copied_from')
CLAIMS = _table('claims', 'id', 'article', 'relation', 'subject', 'object', 'qualifier', 'mode', 'date',
                'published', 'confidence', 'sources', 'copied_from')
STATES = _table('states', 'id', 'relation', 'subject', 'object', 'qualifier', 'valid_from', 'valid_to',
                'known_from', 'known_to', 'confidence', 'support', 'sources', 'recorded_at', 'superseded_at')


def _insert(conn: sa.engine.Connection, table: sa.TableClause, rows: list[dict[str, Any]]) -> None:
    names = {c.name for c in table.columns}
    rows = [{k: v for k, v in r.items() if k in names} for r in rows]
    for i in range(0, len(rows), 500):
        conn.execute(table.insert(), rows[i:i + 500])


def _backfill(conn: sa.engine.Connection) -> None:
    from touchline.model import Analysis, Article, Event, SourceSpan, check_from_data, detail_from_fields
    from touchline.resolve.claims import claims_of, copied_claims
    from touchline.resolve.readings import copied_reading, map_span, reading_of
    from touchline.resolve.states import leaves_from, states_of
    from touchline.resolve.stories import main_event
    from touchline.store.derived import claim_row
    from touchline.store.regroup import reading_row
    from touchline.store.states import state_row

    articles = _table('articles', 'id', 'published', 'text', 'duplicate_of', 'text_hash')
    events = _table('events', 'id', 'kind', 'date', 'confidence', 'fields', 'reference', 'group_key')
    sources = _table('event_sources', 'event_id', 'article', 'start_char', 'end_char')
    arts = {a.id: Article(id=a.id, text=a.text, text_hash=a.text_hash, published=a.published,
                          duplicate_of=a.duplicate_of) for a in conn.execute(sa.select(articles))}
    spans: dict[str, list[SourceSpan]] = defaultdict(list)
    for src in conn.execute(sa.select(sources)):
        spans[src.event_id].append(SourceSpan(src.article, src.start_char, src.end_char))
    told: dict[str, list[Event]] = defaultdict(list)  # article -> its events, as stored
    for row in conn.execute(sa.select(events)).mappings():
        eid = row['id']
        for article in sorted({s.article for s in spans[eid]}):
            if article in arts and arts[article].duplicate_of is None:
                told[article].append(Event(
                    id=eid, kind=row['kind'], detail=detail_from_fields(row['kind'], row['fields']),
                    date=row['date'], confidence=row['confidence'], check=check_from_data(row['reference']),
                    sources=tuple(s for s in spans[eid] if s.article == article)))
    reading_rows: list[dict[str, Any]] = []
    claim_rows: list[dict[str, Any]] = []
    copy_sources: list[dict[str, Any]] = []
    groups: dict[str, str] = {}
    claims_by_article = {}
    readings_by_article = {}
    for article, evs in sorted(told.items()):
        analysis = Analysis(article=arts[article], events=tuple(evs))
        main = main_event(analysis)
        readings_by_article[article] = [reading_of(ev, arts[article], main is not None and ev.id == main.id)
                                        for ev in evs]
        claims_by_article[article] = claims_of(analysis)
    for art in sorted(arts.values(), key=lambda a: a.id):
        original = art.duplicate_of
        if original is None or original not in readings_by_article:
            continue
        text = arts[original].text
        for r in readings_by_article[original]:
            copied = copied_reading(r, art, tuple(map_span(text, art.text, s, art.id) for s in r.event.sources))
            readings_by_article.setdefault(art.id, []).append(copied)
            copy_sources += [{"event_id": r.event.id, "article": s.article, "start_char": s.start,
                              "end_char": s.end} for s in copied.event.sources]
        claims_by_article[art.id] = copied_claims(claims_by_article.get(original, []), text, art)
    for rs in readings_by_article.values():
        for r in rs:
            reading_rows.append({**reading_row(r), "event_id": r.event.id})
            groups.setdefault(r.event.id, r.group)
    for article, cs in claims_by_article.items():
        copied_from = arts[article].duplicate_of
        claim_rows += [claim_row(c, copied_from) for c in cs]
    _insert(conn, READINGS, reading_rows)
    _insert(conn, CLAIMS, claim_rows)
    seen = {(s["event_id"], s["article"], s["start_char"], s["end_char"]) for s in copy_sources}
    _insert(conn, sources, [dict(zip(("event_id", "article", "start_char", "end_char"), k, strict=True))
                            for k in sorted(seen)])
    for event_id, group in groups.items():
        conn.execute(events.update().where(events.c.id == event_id).values(group_key=group))
    all_claims = [c for cs in claims_by_article.values() for c in cs]
    chains: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for c in all_claims:
        chains[(c.relation, c.subject)].append(c)
    now = datetime.now(UTC)
    state_rows = []
    for (relation, subject), own in sorted(chains.items()):
        holders = {c.object for c in own}
        elsewhere = [c for c in all_claims if c.relation == relation == "head_coach" and c.object in holders]
        state_rows += [state_row(s, now) for s in states_of(relation, subject, own + leaves_from(subject, elsewhere))]
    _insert(conn, STATES, state_rows)
