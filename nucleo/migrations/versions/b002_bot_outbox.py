"""The bot's outbox on the shared outbox (nucleo/outbox.py): ``status`` → ``state`` with its
words, a lease (``lease_until``) and the claiming worker (``claimed_by``) instead of
``claimed_at``.

Revision ID: b002_bot_outbox
Revises: b001_bot
Create Date: 2026-12-05 09:20:00.000000
"""

from alembic import op
import sqlalchemy as sa
import nucleo.db


revision = 'b002_bot_outbox'
down_revision = 'b001_bot'
branch_labels = None
depends_on = None

WORDS = (("enviado", "enviada"), ("fallido", "fallida"), ("bloqueado", "bloqueada"))


def upgrade() -> None:
    # RENAME COLUMN, plain ADD/DROP COLUMN: no batch rebuild (which would drop the rows that
    # cascade from people on SQLite with foreign keys on).
    op.drop_index('ix_bot_outbox_status', table_name='bot_outbox')
    op.execute("ALTER TABLE bot_outbox RENAME COLUMN status TO state")
    op.create_index('ix_bot_outbox_state', 'bot_outbox', ['state'], unique=False)
    op.add_column('bot_outbox', sa.Column('claimed_by', sa.String(length=64), nullable=True))
    op.add_column('bot_outbox', sa.Column('lease_until', nucleo.db.UTCDateTime(timezone=True),
                                          nullable=True))
    op.drop_column('bot_outbox', 'claimed_at')
    for old, new in WORDS:
        op.execute(f"UPDATE bot_outbox SET state = '{new}' WHERE state = '{old}'")
    # the old worker resent messages left 'enviando'; so does the new one (resend=True)
    op.execute("UPDATE bot_outbox SET state = 'pendiente' WHERE state = 'enviando'")


def downgrade() -> None:
    op.execute("UPDATE bot_outbox SET state = 'pendiente' WHERE state = 'enviando'")
    for old, new in WORDS:
        op.execute(f"UPDATE bot_outbox SET state = '{old}' WHERE state = '{new}'")
    op.add_column('bot_outbox', sa.Column('claimed_at', nucleo.db.UTCDateTime(timezone=True),
                                          nullable=True))
    op.drop_column('bot_outbox', 'lease_until')
    op.drop_column('bot_outbox', 'claimed_by')
    op.drop_index('ix_bot_outbox_state', table_name='bot_outbox')
    op.execute("ALTER TABLE bot_outbox RENAME COLUMN state TO status")
    op.create_index('ix_bot_outbox_status', 'bot_outbox', ['status'], unique=False)
