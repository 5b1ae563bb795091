"""Campaigns over WhatsApp (#20): the approved template HR registers for a campaign (name,
language, body parameters) and why a campaign was paused; the media id of a piece's image
uploaded once to the Cloud API; and for each delivery the WhatsApp message id (``wamid``) with
the delivered and read times its status webhooks bring.

Revision ID: c005_whatsapp
Revises: c004_delivery_reach_index
Create Date: 2026-12-06 19:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

import nucleo.db

revision = 'c005_whatsapp'
down_revision = 'c004_delivery_reach_index'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('campaigns', sa.Column('whatsapp_template', sa.String(length=512),
                                         nullable=True))
    op.add_column('campaigns', sa.Column('whatsapp_language', sa.String(length=15),
                                         nullable=True))
    op.add_column('campaigns', sa.Column('whatsapp_parameters', sa.JSON(), nullable=True))
    op.add_column('campaigns', sa.Column('pause_reason', sa.String(length=300), nullable=True))
    op.add_column('campaign_pieces', sa.Column('whatsapp_media_id', sa.String(length=255),
                                               nullable=True))
    op.add_column('campaign_deliveries', sa.Column('wamid', sa.String(length=128),
                                                   nullable=True))
    op.add_column('campaign_deliveries', sa.Column(
        'delivered_at', nucleo.db.UTCDateTime(timezone=True), nullable=True))
    op.add_column('campaign_deliveries', sa.Column(
        'read_at', nucleo.db.UTCDateTime(timezone=True), nullable=True))
    op.create_index('uq_campaign_deliveries_wamid', 'campaign_deliveries', ['wamid'],
                    unique=True)


def downgrade() -> None:
    op.drop_index('uq_campaign_deliveries_wamid', table_name='campaign_deliveries')
    with op.batch_alter_table('campaign_deliveries') as batch:
        batch.drop_column('read_at')
        batch.drop_column('delivered_at')
        batch.drop_column('wamid')
    with op.batch_alter_table('campaign_pieces') as batch:
        batch.drop_column('whatsapp_media_id')
    with op.batch_alter_table('campaigns') as batch:
        batch.drop_column('pause_reason')
        batch.drop_column('whatsapp_parameters')
        batch.drop_column('whatsapp_language')
        batch.drop_column('whatsapp_template')
