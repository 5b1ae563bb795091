"""Declarations (#18): the nonce of the declarant's download link of the constancia, so each
link the chat hands out opens once (``bot/declaraciones/constancia_link.py``).

A plain ADD COLUMN with a default on both engines (no batch rebuild of declarations).

Revision ID: decl13_001_constancia_nonce
Revises: decl9_001_link_person
"""

from alembic import op
import sqlalchemy as sa


revision = "decl13_001_constancia_nonce"
down_revision = "decl9_001_link_person"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("declarations", sa.Column("constancia_nonce", sa.Integer(), nullable=False,
                                            server_default="0"))


def downgrade() -> None:
    op.drop_column("declarations", "constancia_nonce")
