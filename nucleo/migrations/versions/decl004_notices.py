"""Reminders already given by the declarations' daily job (one per key)

Revision ID: decl004_notices
Revises: decl003_preventive
Create Date: 2026-12-06 03:45:00.000000
"""

from alembic import op
import sqlalchemy as sa
import nucleo.db


revision = 'decl004_notices'
down_revision = 'decl003_preventive'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('declaration_notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('created_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_declaration_notices')),
    sa.UniqueConstraint('key', name=op.f('uq_declaration_notices_key'))
    )


def downgrade() -> None:
    op.drop_table('declaration_notices')
