"""Asset declarations (bienes y rentas, Ley 2013): who must file and who filed, per year

Revision ID: decl007_asset_filings
Revises: decl006_contracts
Create Date: 2026-12-06 19:35:00.000000
"""

from alembic import op
import sqlalchemy as sa

import nucleo.db


revision = 'decl007_asset_filings'
down_revision = 'decl006_contracts'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'asset_filings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('required', sa.Boolean(), nullable=False),
        sa.Column('filed_on', sa.Date(), nullable=True),
        sa.Column('source', sa.String(length=20), nullable=True),
        sa.Column('recorded_by_id', sa.Integer(), nullable=True),
        sa.Column('recorded_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['staff_accounts.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('person_id', 'year', 'kind'),
    )
    with op.batch_alter_table('asset_filings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_asset_filings_person_id'), ['person_id'])


def downgrade() -> None:
    op.drop_table('asset_filings')
