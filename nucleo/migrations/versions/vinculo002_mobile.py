"""Directory link (#17): each person's mobile number in E.164, unique, to match a contact
shared in the bot.

Revision ID: vinculo002_mobile
Revises: vinculo001_link
"""

from alembic import op
import sqlalchemy as sa


revision = 'vinculo002_mobile'
down_revision = 'vinculo001_link'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN and a separate unique index (no batch rebuild): a SQLite table rebuild
    # would cascade-delete the rows that reference people.
    op.add_column('people', sa.Column('mobile', sa.String(length=16), nullable=True))
    op.create_index(op.f('uq_people_mobile'), 'people', ['mobile'], unique=True)


def downgrade() -> None:
    op.drop_index(op.f('uq_people_mobile'), table_name='people')
    op.drop_column('people', 'mobile')
