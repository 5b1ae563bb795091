"""Deliveries get two probe indexes for the reach measures (#19): the report counts the people
and the pieces that were sent something in a period by probing each person (about 3,000) and
each piece (a few dozen) in an index that starts with it, instead of sorting every delivery of
the period (~130,000 a year) to count them once each. (person_id, state, sent_at) replaces the
index on person_id alone, which it serves as well; (piece_id, state, sent_at) is new.

Revision ID: i001_delivery_reach_probes
Revises: wa004_piece_template
Create Date: 2026-12-07 03:40:00.000000
"""

from alembic import op

revision = 'i001_delivery_reach_probes'
down_revision = 'wa004_piece_template'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_campaign_deliveries_person_sent', 'campaign_deliveries',
                    ['person_id', 'state', 'sent_at'])
    op.drop_index('ix_campaign_deliveries_person_id', table_name='campaign_deliveries')
    op.create_index('ix_campaign_deliveries_piece_sent', 'campaign_deliveries',
                    ['piece_id', 'state', 'sent_at'])


def downgrade() -> None:
    op.drop_index('ix_campaign_deliveries_piece_sent', table_name='campaign_deliveries')
    op.create_index('ix_campaign_deliveries_person_id', 'campaign_deliveries', ['person_id'])
    op.drop_index('ix_campaign_deliveries_person_sent', table_name='campaign_deliveries')
