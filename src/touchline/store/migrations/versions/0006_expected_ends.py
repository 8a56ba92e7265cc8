"""expected ends: a claim's expected end, and whether a state's end is expected or told

Revision ID: 0006_expected
Revises: 0005_queries
Create Date: 2026-12-07 15:00:00

- ``claims.until``: the day an article expects a state to end ("out for three weeks": the
  injury's expected return), as world time;
- ``states.until_expected``: true when a state's ``valid_to`` is an expectation (an expected
  return, or the default horizon of an injury or a place in a table), not an end an article told.

States written before this revision say false until their chain is derived again.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006_expected'
down_revision = '0005_queries'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('claims') as batch:
        batch.add_column(sa.Column('until', sa.String(length=10), nullable=True))
    with op.batch_alter_table('states') as batch:
        batch.add_column(sa.Column('until_expected', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('states') as batch:
        batch.drop_column('until_expected')
    with op.batch_alter_table('claims') as batch:
        batch.drop_column('until')
