"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-24 10:59:05.370019
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('entities',
    sa.Column('id', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('attrs', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entities'))
    )
    op.create_table('events',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events_kind_date', ['kind', 'date'], unique=False)

    op.create_table('stories',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('label', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stories'))
    )
    op.create_table('articles',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('text_hash', sa.String(length=64), nullable=False),
    sa.Column('duplicate_of', sa.String(length=32), nullable=True),
    sa.Column('story', sa.String(length=64), nullable=True),
    sa.Column('minhash', sa.LargeBinary(), nullable=True),
    sa.Column('ingested_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['duplicate_of'], ['articles.id'], name=op.f('fk_articles_duplicate_of_articles')),
    sa.ForeignKeyConstraint(['story'], ['stories.id'], name=op.f('fk_articles_story_stories')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_articles'))
    )
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.create_index('ix_articles_published', ['published'], unique=False)
        batch_op.create_index('ix_articles_text_hash', ['text_hash'], unique=False)

    op.create_table('entity_aliases',
    sa.Column('entity_id', sa.String(length=200), nullable=False),
    sa.Column('alias', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_entity_aliases_entity_id_entities')),
    sa.PrimaryKeyConstraint('entity_id', 'alias', name=op.f('pk_entity_aliases'))
    )
    with op.batch_alter_table('entity_aliases', schema=None) as batch_op:
        batch_op.create_index('ix_entity_aliases_alias', ['alias'], unique=False)

    op.create_table('event_sources',
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('article', sa.String(length=32), nullable=False),
    sa.Column('start_char', sa.Integer(), nullable=False),
    sa.Column('end_char', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article'], ['articles.id'], name=op.f('fk_event_sources_article_articles')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_sources_event_id_events')),
    sa.PrimaryKeyConstraint('event_id', 'article', 'start_char', 'end_char', name=op.f('pk_event_sources'))
    )
    with op.batch_alter_table('event_sources', schema=None) as batch_op:
        batch_op.create_index('ix_event_sources_article', ['article'], unique=False)

    op.create_table('mentions',
    sa.Column('article', sa.String(length=32), nullable=False),
    sa.Column('start_char', sa.Integer(), nullable=False),
    sa.Column('end_char', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('entity', sa.String(length=200), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('method', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['article'], ['articles.id'], name=op.f('fk_mentions_article_articles')),
    sa.ForeignKeyConstraint(['entity'], ['entities.id'], name=op.f('fk_mentions_entity_entities')),
    sa.PrimaryKeyConstraint('article', 'start_char', 'end_char', name=op.f('pk_mentions'))
    )
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.create_index('ix_mentions_entity', ['entity'], unique=False)

    op.create_table('quotes',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('article', sa.String(length=32), nullable=False),
    sa.Column('start_char', sa.Integer(), nullable=False),
    sa.Column('end_char', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('speaker', sa.String(length=200), nullable=True),
    sa.Column('verb', sa.String(length=64), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['article'], ['articles.id'], name=op.f('fk_quotes_article_articles')),
    sa.ForeignKeyConstraint(['speaker'], ['entities.id'], name=op.f('fk_quotes_speaker_entities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quotes'))
    )
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.create_index('ix_quotes_article', ['article'], unique=False)
        batch_op.create_index('ix_quotes_speaker', ['speaker'], unique=False)

    op.create_table('timexes',
    sa.Column('article', sa.String(length=32), nullable=False),
    sa.Column('start_char', sa.Integer(), nullable=False),
    sa.Column('end_char', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('value', sa.String(length=64), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('anchor', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['article'], ['articles.id'], name=op.f('fk_timexes_article_articles')),
    sa.PrimaryKeyConstraint('article', 'start_char', 'end_char', name=op.f('pk_timexes'))
    )


def downgrade() -> None:
    op.drop_table('timexes')
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.drop_index('ix_quotes_speaker')
        batch_op.drop_index('ix_quotes_article')

    op.drop_table('quotes')
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.drop_index('ix_mentions_entity')

    op.drop_table('mentions')
    with op.batch_alter_table('event_sources', schema=None) as batch_op:
        batch_op.drop_index('ix_event_sources_article')

    op.drop_table('event_sources')
    with op.batch_alter_table('entity_aliases', schema=None) as batch_op:
        batch_op.drop_index('ix_entity_aliases_alias')

    op.drop_table('entity_aliases')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index('ix_articles_text_hash')
        batch_op.drop_index('ix_articles_published')

    op.drop_table('articles')
    op.drop_table('stories')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_kind_date')

    op.drop_table('events')
    op.drop_table('entities')
