"""An attendance left without its person by /olvidarme keeps a random key shared by that
person's rows (#19): the report counts a forgotten person once, not once per session, and
nobody can tell whose the rows were.

Revision ID: medidas001_attendance_key
Revises: ses001_sessions
"""

from alembic import op
import sqlalchemy as sa


revision = 'medidas001_attendance_key'
down_revision = 'ses001_sessions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sensitization_attendance', schema=None) as batch_op:
        batch_op.add_column(sa.Column('forgotten_key', sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sensitization_attendance', schema=None) as batch_op:
        batch_op.drop_column('forgotten_key')
