"""Console: the login and /vincular throttles count in the database, shared by every process
(``throttle_counts``: an HMAC of the pair, never a login or an address).

Revision ID: leftovers001_throttle_counts
Revises: consola002_password_reset
Create Date: 2026-12-07 14:40:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "leftovers001_throttle_counts"
down_revision = "consola002_password_reset"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "throttle_counts",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_at", sa.Float(), nullable=False),
        sa.Column("last", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_throttle_counts")),
    )
    op.create_index(op.f("ix_throttle_counts_scope"), "throttle_counts", ["scope"], unique=False)
    op.create_index(op.f("ix_throttle_counts_last"), "throttle_counts", ["last"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_throttle_counts_last"), table_name="throttle_counts")
    op.drop_index(op.f("ix_throttle_counts_scope"), table_name="throttle_counts")
    op.drop_table("throttle_counts")
