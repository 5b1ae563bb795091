"""Contracts imported by HR and the flags of the cross-check against preventive declarations

Revision ID: decl006_contracts
Revises: decl005_decision_link
Create Date: 2026-12-06 19:30:00.000000
"""

from alembic import op
import sqlalchemy as sa

import nucleo.db


revision = 'decl006_contracts'
down_revision = 'decl005_decision_link'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'contracts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('number', sa.String(length=60), nullable=False),
        sa.Column('contractor_name', sa.String(length=200), nullable=False),
        sa.Column('contractor_key', sa.String(length=200), nullable=False),
        sa.Column('contractor_document', sa.String(length=20), nullable=True),
        sa.Column('object', sa.Text(), nullable=False),
        sa.Column('value', sa.Numeric(18, 2), nullable=True),
        sa.Column('signed_on', sa.Date(), nullable=True),
        sa.Column('ends_on', sa.Date(), nullable=True),
        sa.Column('department', sa.String(length=200), nullable=True),
        sa.Column('supervisor_name', sa.String(length=200), nullable=True),
        sa.Column('supervisor_document', sa.String(length=20), nullable=True),
        sa.Column('supervisor_person_id', sa.Integer(), nullable=True),
        sa.Column('imported_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('updated_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['supervisor_person_id'], ['people.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('number'),
    )
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contracts_contractor_key'), ['contractor_key'])
        batch_op.create_index(batch_op.f('ix_contracts_contractor_document'),
                              ['contractor_document'])
        batch_op.create_index(batch_op.f('ix_contracts_supervisor_person_id'),
                              ['supervisor_person_id'])
    op.create_table(
        'contract_flags',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('contract_id', sa.Integer(), nullable=False),
        sa.Column('declaration_id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=True),
        sa.Column('reason', sa.String(length=20), nullable=False),
        sa.Column('created_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('review_note', sa.Text(), nullable=True),
        sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
        sa.Column('reviewed_at', nucleo.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['contract_id'], ['contracts.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['declaration_id'], ['declarations.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['reviewed_by_id'], ['staff_accounts.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('contract_id', 'declaration_id'),
    )
    with op.batch_alter_table('contract_flags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contract_flags_declaration_id'), ['declaration_id'])
        batch_op.create_index(batch_op.f('ix_contract_flags_person_id'), ['person_id'])


def downgrade() -> None:
    op.drop_table('contract_flags')
    op.drop_table('contracts')
