"""Consultation tickets say which office should answer them (``route``): Talento Humano,
Control Interno Disciplinario or the legal office. Existing reports go to Control Interno.

Revision ID: q002_ticket_route
Revises: q001_consultations
Create Date: 2026-12-05 13:30:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = 'q002_ticket_route'
down_revision = 'q001_consultations'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN with a server default: no batch rebuild on SQLite
    op.add_column('consultation_tickets', sa.Column(
        'route', sa.String(length=40), nullable=False, server_default='talento_humano'))
    op.execute("UPDATE consultation_tickets SET route = 'control_interno_disciplinario' "
               "WHERE reason = 'report'")
    op.create_index(op.f('ix_consultation_tickets_route'), 'consultation_tickets', ['route'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_consultation_tickets_route'), table_name='consultation_tickets')
    op.drop_column('consultation_tickets', 'route')
