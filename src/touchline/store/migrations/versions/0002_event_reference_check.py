"""events: the results reference's check (state and linked result)

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07 05:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('check_state', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('reference', sa.JSON(), nullable=True))
        batch_op.create_index('ix_events_check_state', ['check_state'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_check_state')
        batch_op.drop_column('reference')
        batch_op.drop_column('check_state')
