"""WhatsApp: every status (sent, delivered, read, failed) that arrives before its message id is
recorded is kept, for campaign deliveries as for the bot's notices, and applied when the id is
recorded; it replaces the notices' own table of early failures (#20).

Revision ID: wa006_kept_statuses
Revises: wa005_early_failures
Create Date: 2026-12-07 11:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

import nucleo.db

revision = 'wa006_kept_statuses'
down_revision = 'wa005_early_failures'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'whatsapp_kept_statuses',
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('code', sa.Integer(), nullable=True),
        sa.Column('received_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('key', 'status', name=op.f('pk_whatsapp_kept_statuses')),
    )
    op.create_index(op.f('ix_whatsapp_kept_statuses_received_at'), 'whatsapp_kept_statuses',
                    ['received_at'], unique=False)
    # the early failures (kept minutes) are dropped, not copied: the new table keeps only
    # digests of message ids, and a wamid carries the recipient's number
    op.drop_index(op.f('ix_whatsapp_early_failures_received_at'),
                  table_name='whatsapp_early_failures')
    op.drop_table('whatsapp_early_failures')


def downgrade() -> None:
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
    # the kept digests cannot become message ids again: what was kept (an hour at most) goes
    op.drop_index(op.f('ix_whatsapp_kept_statuses_received_at'),
                  table_name='whatsapp_kept_statuses')
    op.drop_table('whatsapp_kept_statuses')
