"""The signed decision link: its nonce, whom it was made for, who decided through it

Revision ID: decl005_decision_link
Revises: decl004_notices
Create Date: 2026-12-06 03:50:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = 'decl005_decision_link'
down_revision = 'decl004_notices'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('declarations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('link_nonce', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('link_name', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('decided_by_name', sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('declarations', schema=None) as batch_op:
        batch_op.drop_column('decided_by_name')
        batch_op.drop_column('link_name')
        batch_op.drop_column('link_nonce')
