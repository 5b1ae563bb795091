"""Recusals in the declarations register: a series per kind of radicado and the recused
official's answer

Revision ID: decl002_recusals
Revises: decl001_declarations
Create Date: 2026-12-06 03:40:00.000000
"""

from alembic import op
import sqlalchemy as sa
import nucleo.db


revision = 'decl002_recusals'
down_revision = 'decl001_declarations'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('declarations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('series', sa.String(length=4), nullable=False,
                                      server_default='DI'))
        batch_op.add_column(sa.Column('recused_person_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('recused_name', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('recusant_name', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('filed_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('answer_due_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('answered_at', nucleo.db.UTCDateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('recused_accepts', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('recused_answer', sa.Text(), nullable=True))
        batch_op.drop_constraint('uq_declarations_year_number', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_declarations_series_year_number'),
                                          ['series', 'year', 'number'])
        batch_op.create_foreign_key(
            batch_op.f('fk_declarations_recused_person_id_people'), 'people',
            ['recused_person_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(
            batch_op.f('fk_declarations_filed_by_id_staff_accounts'), 'staff_accounts',
            ['filed_by_id'], ['id'], ondelete='SET NULL')
        batch_op.create_index(batch_op.f('ix_declarations_recused_person_id'),
                              ['recused_person_id'], unique=False)
    with op.batch_alter_table('declarations', schema=None) as batch_op:
        batch_op.alter_column('series', server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('declarations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_declarations_recused_person_id'))
        batch_op.drop_constraint(batch_op.f('fk_declarations_filed_by_id_staff_accounts'),
                                 type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_declarations_recused_person_id_people'),
                                 type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_declarations_series_year_number'),
                                 type_='unique')
        batch_op.create_unique_constraint('uq_declarations_year_number', ['year', 'number'])
        for column in ('recused_answer', 'recused_accepts', 'answered_at', 'answer_due_on',
                       'filed_by_id', 'recusant_name', 'recused_name', 'recused_person_id',
                       'series'):
            batch_op.drop_column(column)
