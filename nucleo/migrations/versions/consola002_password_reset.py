"""Console: an admin's password reset makes the account choose a new password at next login.

Revision ID: consola002_password_reset
Revises: consola001_sessions
"""

from alembic import op
import sqlalchemy as sa


revision = 'consola002_password_reset'
down_revision = 'consola001_sessions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('staff_accounts') as batch:
        batch.add_column(sa.Column('must_change_password', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('staff_accounts') as batch:
        batch.drop_column('must_change_password')
