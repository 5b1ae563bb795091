"""The window in which the reminders of an asset declaration go out, set by HR per year and kind

Revision ID: decl009_asset_reminder_window
Revises: decl008_ground
Create Date: 2026-12-07 11:30:00.000000
"""

from alembic import op
import sqlalchemy as sa

import nucleo.db


revision = 'decl009_asset_reminder_window'
down_revision = 'decl008_ground'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'asset_reminder_windows',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('opens_on', sa.Date(), nullable=False),
        sa.Column('closes_on', sa.Date(), nullable=False),
        sa.Column('set_by_id', sa.Integer(), nullable=True),
        sa.Column('set_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['set_by_id'], ['staff_accounts.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('year', 'kind'),
    )


def downgrade() -> None:
    op.drop_table('asset_reminder_windows')
