"""Unsubscribe links bound to a per-person nonce (#17): ``people.unsubscribe_nonce``.

Empty for every existing row: the links already e-mailed (which carry no nonce) keep working
until the person's nonce first rotates (re-subscribing, a changed address, /olvidarme, a merge).

Revision ID: unsub001_unsubscribe_nonce
Revises: decl6_001_superior
"""

from alembic import op
import sqlalchemy as sa


revision = 'unsub001_unsubscribe_nonce'
down_revision = 'decl6_001_superior'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch rebuild): a SQLite table rebuild would cascade-delete the rows
    # that reference people.
    op.add_column('people', sa.Column('unsubscribe_nonce', sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column('people', 'unsubscribe_nonce')
