"""Deliveries get a covering index for the reach measures (#19): the report and the plan count
the people and pieces sent in a period (``state = 'enviada'`` and ``sent_at`` in range), which
with a year of deliveries (~150,000 rows for 3,000 people) scanned the table through the claim
index. With (state, sent_at, person_id, piece_id) both databases answer from the index alone.

Revision ID: c004_delivery_reach_index
Revises: c003_delivery_lease
Create Date: 2026-12-06 04:30:00.000000
"""

from alembic import op

revision = 'c004_delivery_reach_index'
down_revision = 'c003_delivery_lease'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_campaign_deliveries_sent', 'campaign_deliveries',
                    ['state', 'sent_at', 'person_id', 'piece_id'])


def downgrade() -> None:
    op.drop_index('ix_campaign_deliveries_sent', table_name='campaign_deliveries')
