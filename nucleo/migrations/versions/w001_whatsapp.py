"""WhatsApp: the 24-hour service window of each chat (last inbound time, keyed by hash).

Revision ID: w001_whatsapp
Revises: 0001_core
Create Date: 2026-12-06 00:10:00.000000
"""

from alembic import op
import sqlalchemy as sa
import nucleo.db


revision = 'w001_whatsapp'
down_revision = '0001_core'
branch_labels = ('whatsapp',)
depends_on = None


def upgrade() -> None:
    op.create_table(
        'whatsapp_windows',
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('last_inbound_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_whatsapp_windows')),
    )
    op.create_index(op.f('ix_whatsapp_windows_last_inbound_at'), 'whatsapp_windows',
                    ['last_inbound_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_whatsapp_windows_last_inbound_at'), table_name='whatsapp_windows')
    op.drop_table('whatsapp_windows')
