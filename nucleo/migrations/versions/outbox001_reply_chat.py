"""The bot's replies on Telegram go through ``bot_outbox`` too: a row may name the chat it goes
to (``chat_id``, a reply to whoever wrote, linked to a person or not) instead of a person.

Revision ID: outbox001_reply_chat
Revises: b002_bot_outbox
Create Date: 2026-12-07 00:00:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = 'outbox001_reply_chat'
down_revision = 'b002_bot_outbox'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # bot_outbox is a child table only (nothing references it), so the batch rebuild SQLite
    # needs to drop NOT NULL keeps every row.
    with op.batch_alter_table('bot_outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('chat_id', sa.BigInteger(), nullable=True))
        batch_op.alter_column('person_id', existing_type=sa.Integer(), nullable=True)
        batch_op.create_index(batch_op.f('ix_bot_outbox_chat_id'), ['chat_id'], unique=False)


def downgrade() -> None:
    op.execute("DELETE FROM bot_outbox WHERE person_id IS NULL")
    with op.batch_alter_table('bot_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bot_outbox_chat_id'))
        batch_op.alter_column('person_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('chat_id')
