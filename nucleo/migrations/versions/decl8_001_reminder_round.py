"""Runs get the reminder round they belong to (#18): an automatic declaration reminder campaign
(``campañas.asset_reminders``) reminds each pending person again every N days, one run per
round and text, so a person gets at most one delivery per round. Runs of the automatic
reminder campaigns made before this migration are round 1. A plain ADD COLUMN on both engines.

Revision ID: decl8_001_reminder_round
Revises: i001_delivery_reach_probes
Create Date: 2026-12-07 16:45:00.000000
"""

from alembic import op
import sqlalchemy as sa

revision = 'decl8_001_reminder_round'
down_revision = 'i001_delivery_reach_probes'
branch_labels = None
depends_on = None

INDEX = 'uq_campaign_runs_reminder_round'


def upgrade() -> None:
    op.add_column('campaign_runs', sa.Column('reminder_round', sa.Integer(), nullable=True))
    op.execute("UPDATE campaign_runs SET reminder_round = 1 WHERE campaign_id IN "
               "(SELECT id FROM campaigns WHERE origin LIKE 'recordatorio:%')")
    op.create_index(INDEX, 'campaign_runs', ['campaign_id', 'piece_id', 'reminder_round'],
                    unique=True)


def downgrade() -> None:
    op.drop_index(INDEX, table_name='campaign_runs')
    with op.batch_alter_table('campaign_runs') as batch_op:
        batch_op.drop_column('reminder_round')
