"""A consultation ticket may be assigned to one advisor (``assigned_to_id``).

Revision ID: q003_ticket_assignee
Revises: q002_ticket_route
Create Date: 2026-12-06 04:00:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = 'q003_ticket_assignee'
down_revision = 'q002_ticket_route'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('consultation_tickets') as batch:
        batch.add_column(sa.Column('assigned_to_id', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_consultation_tickets_assigned_to_id', 'staff_accounts',
                                 ['assigned_to_id'], ['id'], ondelete='SET NULL')
        batch.create_index(batch.f('ix_consultation_tickets_assigned_to_id'), ['assigned_to_id'],
                           unique=False)


def downgrade() -> None:
    with op.batch_alter_table('consultation_tickets') as batch:
        batch.drop_index(batch.f('ix_consultation_tickets_assigned_to_id'))
        batch.drop_constraint('fk_consultation_tickets_assigned_to_id', type_='foreignkey')
        batch.drop_column('assigned_to_id')
