"""Deliveries get a lease (``lease_until``): claimed rows stay 'pendiente' until their send
starts, and any process reclaims expired leases (nucleo/outbox.py).

Revision ID: c003_delivery_lease
Revises: c002_campaign_kinds
Create Date: 2026-12-05 09:00:00.000000
"""

from alembic import op
import sqlalchemy as sa
import nucleo.db


revision = 'c003_delivery_lease'
down_revision = 'c002_campaign_kinds'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch rebuild; see c002). Rows left 'enviando' by the old engine get
    # an expired lease, so the first reclaim makes them 'incierta' as before.
    op.add_column('campaign_deliveries',
                  sa.Column('lease_until', nucleo.db.UTCDateTime(timezone=True), nullable=True))
    op.execute("UPDATE campaign_deliveries SET lease_until = claimed_at "
               "WHERE state = 'enviando'")
    op.drop_column('campaign_deliveries', 'claimed_at')  # plain DROP COLUMN (SQLite 3.35+)


def downgrade() -> None:
    op.add_column('campaign_deliveries',
                  sa.Column('claimed_at', nucleo.db.UTCDateTime(timezone=True), nullable=True))
    op.drop_column('campaign_deliveries', 'lease_until')
