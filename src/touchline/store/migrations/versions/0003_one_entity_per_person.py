"""one entity per person: entity keys, quote parts, entities of existing knowledge bases merged

Revision ID: 0003_people
Revises: 0002
Create Date: 2026-12-07 05:30:00

- ``entity_keys`` (key, entity_id): the keys entities are found by
  (``touchline.resolve.identity.entity_keys``), filled for every entity;
- ``quotes``: ``joined`` (the parts of a quotation joined), ``segments``
  (the parts' spans) and ``speaker_name``; a stored quote's ``text`` becomes
  the article's exact text at its span and its old text, which joined the
  parts, moves to ``joined``;
- entities that are one person under several ids (``coach:alex-ferguson``,
  ``person:alex-ferguson``, ``coach:sir-alex-ferguson``; a name with junk
  glued to it, "Arsene Wenger - he") are merged into one ``person:`` id, and
  a "person" whose name is a club, competition or venue the gazetteer knows
  into that entity; mentions, quote speakers, event fields and scorers, aliases and keys
  follow (``touchline.store.identity.merge_ids``).  Nothing else is deleted.

The merge uses touchline's identity rules as of this revision.
"""
from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = '0003_people'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('entity_keys',
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('entity_id', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_entity_keys_entity_id_entities')),
    sa.PrimaryKeyConstraint('key', 'entity_id', name=op.f('pk_entity_keys'))
    )
    with op.batch_alter_table('entity_keys', schema=None) as batch_op:
        batch_op.create_index('ix_entity_keys_entity_id', ['entity_id'], unique=False)
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('joined', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('segments', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('speaker_name', sa.Text(), nullable=True))
    conn = op.get_bind()
    _quote_texts(conn)
    _merge_entities(conn)


def _quote_texts(conn: sa.engine.Connection) -> None:
    quotes = sa.table('quotes', sa.column('id'), sa.column('article'), sa.column('start_char'),
                      sa.column('end_char'), sa.column('text'), sa.column('joined'))
    articles = sa.table('articles', sa.column('id'), sa.column('text'))
    texts: dict[str, str] = {}
    rows = conn.execute(sa.select(quotes.c.id, quotes.c.article, quotes.c.start_char, quotes.c.end_char,
                                  quotes.c.text)).all()
    for qid, article, start, end, old in rows:
        if article not in texts:
            texts[article] = conn.execute(sa.select(articles.c.text)
                                          .where(articles.c.id == article)).scalar_one_or_none() or ""
        exact = texts[article][start:end]
        conn.execute(quotes.update().where(quotes.c.id == qid).values(text=exact or old, joined=old))


def _merge_entities(conn: sa.engine.Connection) -> None:
    from touchline.nlp import gazetteer_data
    from touchline.resolve.entity_records import entity_keys, is_person, person_id, person_keys, thing_key
    from touchline.store import schema as t
    from touchline.store.identity import _write_names, merge_ids, read_entities

    ids = [r[0] for r in conn.execute(sa.select(t.entities.c.id))]
    entities = read_entities(conn, ids)
    gazetteer = gazetteer_data.load_default()
    things: dict[str, list[str]] = defaultdict(list)
    for e in entities.values():
        if not is_person(e) and e.id in gazetteer.entries:
            # Only a thing the gazetteer knows: one guessed from the text may be the person.
            things[thing_key("any", e.name)].append(e.id)
    mapping: dict[str, str] = {}
    groups: dict[str, list[str]] = defaultdict(list)
    for e in sorted(entities.values(), key=lambda e: e.id):
        if not is_person(e):
            continue
        same_thing = things.get(thing_key("any", e.name), [])
        if len(e.name.split()) >= 2 and len(same_thing) == 1:
            mapping[e.id] = same_thing[0]  # "La Liga" taken for a person
            continue
        namesakes = gazetteer.folded_people.get(gazetteer_data.fold_name(e.name), set())
        if len(namesakes) > 1:
            # Two people of one name the gazetteer tells apart keep apart ("Emiliano Martinez").
            if e.id in namesakes:
                mapping[e.id] = f"person:{e.id.split(':', 1)[1]}"
            continue
        keys = person_keys(e.name)
        groups[keys[0] if keys else e.id].append(e.id)
    for ids in groups.values():
        # One person under several ids: the id the name's plain spelling gives, else the first.
        targets = sorted({person_id(entities[i].name) for i in ids})
        target = next((i for i in ids if i in targets), targets[0])
        mapping.update({i: target for i in ids if i != target})
    merge_ids(conn, mapping)
    for entity in read_entities(conn, [r[0] for r in conn.execute(sa.select(t.entities.c.id))]).values():
        if entity_keys(entity):
            _write_names(conn, entity)


def downgrade() -> None:
    # Merged entities stay merged: the quote columns and the key index go.
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.drop_column('speaker_name')
        batch_op.drop_column('segments')
        batch_op.drop_column('joined')
    with op.batch_alter_table('entity_keys', schema=None) as batch_op:
        batch_op.drop_index('ix_entity_keys_entity_id')
    op.drop_table('entity_keys')
