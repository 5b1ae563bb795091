"""Informe: the plan de acción's activities and their evidence.

Revision ID: informe001_plan
Revises: 0001_core
"""

from alembic import op
import sqlalchemy as sa
import nucleo.db


revision = 'informe001_plan'
down_revision = '0001_core'
branch_labels = ('informe',)
depends_on = None


def upgrade() -> None:
    op.create_table('plan_activities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('component', sa.String(length=120), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('target', sa.Text(), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('measure_key', sa.String(length=60), nullable=True),
    sa.Column('goal_percent', sa.Integer(), nullable=True),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('done', sa.Text(), nullable=False),
    sa.Column('missing', sa.Text(), nullable=False),
    sa.Column('created_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_activities'))
    )
    op.create_table('plan_evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('file_name', sa.String(length=200), nullable=True),
    sa.Column('file_type', sa.String(length=100), nullable=True),
    sa.Column('file_size', sa.Integer(), nullable=True),
    sa.Column('content', sa.LargeBinary(), nullable=True),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['plan_activities.id'], name=op.f('fk_plan_evidence_activity_id_plan_activities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_evidence'))
    )
    with op.batch_alter_table('plan_evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_evidence_activity_id'), ['activity_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('plan_evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_evidence_activity_id'))
    op.drop_table('plan_evidence')
    op.drop_table('plan_activities')
