"""WhatsApp: «failed» statuses that arrive before their notice's message ids are stored, kept a
few minutes for the notice to claim them (#20).

Revision ID: wa005_early_failures
Revises: wa003_notice_messages
Create Date: 2026-12-07 01:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

import nucleo.db

revision = 'wa005_early_failures'
down_revision = 'wa003_notice_messages'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'whatsapp_early_failures',
        sa.Column('wamid', sa.String(length=200), nullable=False),
        sa.Column('code', sa.Integer(), nullable=True),
        sa.Column('at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('received_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('wamid', name=op.f('pk_whatsapp_early_failures')),
    )
    op.create_index(op.f('ix_whatsapp_early_failures_received_at'), 'whatsapp_early_failures',
                    ['received_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_whatsapp_early_failures_received_at'),
                  table_name='whatsapp_early_failures')
    op.drop_table('whatsapp_early_failures')
