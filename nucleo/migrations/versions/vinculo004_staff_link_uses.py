"""Directory link (#17): the staff «Vincular mi Telegram» links already used, so one works
once even after the account loses its chat.

Revision ID: vinculo004_staff_link_uses
Revises: vinculo003_portal_nonce
"""

from alembic import op
import sqlalchemy as sa

import nucleo.db


revision = 'vinculo004_staff_link_uses'
down_revision = 'vinculo003_portal_nonce'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'staff_link_uses',
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=False),
        sa.Column('used_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['staff_id'], ['staff_accounts.id'],
                                name=op.f('fk_staff_link_uses_staff_id_staff_accounts'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_staff_link_uses')),
    )
    op.create_index(op.f('ix_staff_link_uses_staff_id'), 'staff_link_uses', ['staff_id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_staff_link_uses_staff_id'), table_name='staff_link_uses')
    op.drop_table('staff_link_uses')
