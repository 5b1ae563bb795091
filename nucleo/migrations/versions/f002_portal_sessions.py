"""foro: portal sessions kept on the server (logout ends them)

Revision ID: f002_portal_sessions
Revises: f001_foro
"""
from alembic import op
import sqlalchemy as sa
import nucleo.db


revision = 'f002_portal_sessions'
down_revision = 'f001_foro'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('portal_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('csrf_secret', sa.String(length=64), nullable=False),
    sa.Column('created_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_portal_sessions_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_portal_sessions')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_portal_sessions_token_hash'))
    )
    with op.batch_alter_table('portal_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_portal_sessions_person_id'), ['person_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('portal_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_portal_sessions_person_id'))
    op.drop_table('portal_sessions')
