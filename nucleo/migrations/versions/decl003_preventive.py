"""Preventive declarations: no due date, who holds the interest and with whom

Revision ID: decl003_preventive
Revises: decl002_recusals
Create Date: 2026-12-06 03:40:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = 'decl003_preventive'
down_revision = 'decl002_recusals'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('declarations', schema=None) as batch_op:
        batch_op.alter_column('due_on', existing_type=sa.Date(), nullable=True)
        batch_op.add_column(sa.Column('interest_holder', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('counterparty', sa.String(length=200), nullable=True))


def downgrade() -> None:
    op.execute("DELETE FROM declarations WHERE due_on IS NULL")
    with op.batch_alter_table('declarations', schema=None) as batch_op:
        batch_op.drop_column('counterparty')
        batch_op.drop_column('interest_holder')
        batch_op.alter_column('due_on', existing_type=sa.Date(), nullable=False)
