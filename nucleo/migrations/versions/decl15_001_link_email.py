"""Declarations (#18): the address the current decision link was e-mailed to and what became of
that e-mail, so the daily reminders reach a superior linked by hand, and a link e-mail the mail
server did not take is tried again with backoff, then flagged to the register's keepers
(``bot/declaraciones/link_retries.py``). Plain ADD COLUMNs on both engines; rows made before
keep NULL (no e-mail on record: nothing to remind by e-mail or to retry).

Revision ID: decl15_001_link_email
Revises: decl9_001_link_person
"""

from alembic import op
import sqlalchemy as sa

import nucleo.db

revision = "decl15_001_link_email"
down_revision = "decl9_001_link_person"
branch_labels = None
depends_on = None

COLUMNS = ("link_email", "link_email_state", "link_email_attempts", "link_email_retry_at")


def upgrade() -> None:
    op.add_column("declarations", sa.Column("link_email", sa.String(254), nullable=True))
    op.add_column("declarations", sa.Column("link_email_state", sa.String(12), nullable=True))
    op.add_column("declarations", sa.Column("link_email_attempts", sa.Integer(), nullable=True))
    op.add_column("declarations", sa.Column(
        "link_email_retry_at", nucleo.db.UTCDateTime(timezone=True), nullable=True))
    op.create_index("ix_declarations_link_email_retry_at", "declarations",
                    ["link_email_retry_at"])


def downgrade() -> None:
    op.drop_index("ix_declarations_link_email_retry_at", table_name="declarations")
    with op.batch_alter_table("declarations") as batch_op:
        for column in reversed(COLUMNS):
            batch_op.drop_column(column)
