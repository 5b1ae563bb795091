"""Campaigns: a piece may go out as its own WhatsApp template (name, language, parameters);
without one it keeps its campaign's (#20).

Revision ID: wa004_piece_template
Revises: c006_delivery_per_run
Create Date: 2026-12-07 00:05:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = 'wa004_piece_template'
down_revision = 'c006_delivery_per_run'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('campaign_pieces', sa.Column('whatsapp_template', sa.String(length=512),
                                               nullable=True))
    op.add_column('campaign_pieces', sa.Column('whatsapp_language', sa.String(length=15),
                                               nullable=True))
    op.add_column('campaign_pieces', sa.Column('whatsapp_parameters', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('campaign_pieces') as batch:
        batch.drop_column('whatsapp_parameters')
        batch.drop_column('whatsapp_language')
        batch.drop_column('whatsapp_template')
