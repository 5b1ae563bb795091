"""Campaign kinds: the value of the week, or a survey invitation sent by the same engine.

Revision ID: c002_campaign_kinds
Revises: c001_campaigns
Create Date: 2026-12-01 10:00:00.000000
"""

from alembic import op
import sqlalchemy as sa
import nucleo.db


revision = 'c002_campaign_kinds'
down_revision = 'c001_campaigns'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch rebuild): SQLite would cascade-delete the pieces, runs and
    # deliveries that reference campaigns if the table were recreated with foreign keys on.
    op.add_column('campaigns', sa.Column('kind', sa.String(length=20), nullable=False,
                                         server_default='valor'))
    op.add_column('campaigns', sa.Column('origin', sa.String(length=60), nullable=True))
    op.create_index('uq_campaigns_origin', 'campaigns', ['origin'], unique=True)


def downgrade() -> None:
    op.drop_index('uq_campaigns_origin', table_name='campaigns')
    op.drop_column('campaigns', 'origin')  # plain DROP COLUMN (SQLite 3.35+), no rebuild
    op.drop_column('campaigns', 'kind')
