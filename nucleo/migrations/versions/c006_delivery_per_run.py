"""A delivery is unique per run, person and channel (was per piece): a rotating weekly campaign
starts over with its pieces after the last one, so the same piece goes to the same person again
in a later run (#19). A run is still unique per campaign, occurrence and piece, so a send is never
doubled.

Revision ID: c006_delivery_per_run
Revises: c005_whatsapp
Create Date: 2026-12-06 19:00:00.000000
"""

from alembic import op

revision = 'c006_delivery_per_run'
down_revision = 'c005_whatsapp'
branch_labels = None
depends_on = None

OLD = 'uq_campaign_deliveries_piece_id_person_id_channel'
NEW = 'uq_campaign_deliveries_run_id_person_id_channel'


def upgrade() -> None:
    with op.batch_alter_table('campaign_deliveries') as batch_op:
        batch_op.drop_constraint(OLD, type_='unique')
        batch_op.create_unique_constraint(NEW, ['run_id', 'person_id', 'channel'])


def downgrade() -> None:
    with op.batch_alter_table('campaign_deliveries') as batch_op:
        batch_op.drop_constraint(NEW, type_='unique')
        batch_op.create_unique_constraint(OLD, ['piece_id', 'person_id', 'channel'])
