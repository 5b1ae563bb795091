"""The ground (causal) of CPACA art. 11 that the declarant confirmed in the chat

Revision ID: decl008_ground
Revises: decl007_asset_filings
Create Date: 2026-12-06 23:55:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = 'decl008_ground'
down_revision = 'decl007_asset_filings'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('declarations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ground', sa.SmallInteger(), nullable=True))
        batch_op.create_index(batch_op.f('ix_declarations_ground'), ['ground'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('declarations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_declarations_ground'))
        batch_op.drop_column('ground')
