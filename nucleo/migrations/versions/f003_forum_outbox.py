"""The forum outbox on the shared outbox (nucleo/outbox.py): its state words, a lease
(``locked_until`` → ``lease_until``) and the claiming worker (``claimed_by``).

Revision ID: f003_forum_outbox
Revises: f002_portal_sessions
Create Date: 2026-12-05 09:10:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = 'f003_forum_outbox'
down_revision = 'f002_portal_sessions'
branch_labels = None
depends_on = None

WORDS = (("pending", "pendiente"), ("done", "enviada"), ("failed", "fallida"))


def upgrade() -> None:
    # RENAME COLUMN and plain ADD COLUMN work on both engines without a batch rebuild.
    op.execute("ALTER TABLE forum_outbox RENAME COLUMN locked_until TO lease_until")
    op.add_column('forum_outbox', sa.Column('claimed_by', sa.String(length=64), nullable=True))
    for old, new in WORDS:
        op.execute(f"UPDATE forum_outbox SET state = '{new}' WHERE state = '{old}'")
    # an old lease held a row still 'pending' (in flight or not): back to the queue
    op.execute("UPDATE forum_outbox SET lease_until = NULL")


def downgrade() -> None:
    op.execute("UPDATE forum_outbox SET state = 'pendiente' WHERE state = 'enviando'")
    for old, new in WORDS:
        op.execute(f"UPDATE forum_outbox SET state = '{old}' WHERE state = '{new}'")
    op.drop_column('forum_outbox', 'claimed_by')
    op.execute("ALTER TABLE forum_outbox RENAME COLUMN lease_until TO locked_until")
