"""Directory link (#17): the portal's own nonce, so a portal logout voids the portal's login
links and leaves the person's invitations alone.

Revision ID: vinculo003_portal_nonce
Revises: vinculo002_mobile
"""

from alembic import op
import sqlalchemy as sa


revision = 'vinculo003_portal_nonce'
down_revision = 'vinculo002_mobile'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch rebuild): a SQLite table rebuild would cascade-delete the rows
    # that reference people.
    op.add_column('people', sa.Column('portal_nonce', sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column('people', 'portal_nonce')
