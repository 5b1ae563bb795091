"""WhatsApp: the message ids of the bot's notices, so their «failed» statuses reach the outbox.

Revision ID: wa003_notice_messages
Revises: w002_contacts
Create Date: 2026-12-06 23:55:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = 'wa003_notice_messages'
down_revision = 'w002_contacts'
branch_labels = None
depends_on = 'b002_bot_outbox'


def upgrade() -> None:
    op.create_table(
        'whatsapp_notice_messages',
        sa.Column('wamid', sa.String(length=200), nullable=False),
        sa.Column('outbox_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['outbox_id'], ['bot_outbox.id'],
                                name=op.f('fk_whatsapp_notice_messages_outbox_id_bot_outbox'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('wamid', name=op.f('pk_whatsapp_notice_messages')),
    )
    op.create_index(op.f('ix_whatsapp_notice_messages_outbox_id'), 'whatsapp_notice_messages',
                    ['outbox_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_whatsapp_notice_messages_outbox_id'),
                  table_name='whatsapp_notice_messages')
    op.drop_table('whatsapp_notice_messages')
