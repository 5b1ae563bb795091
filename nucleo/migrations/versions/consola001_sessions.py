"""Console: server-side sessions and the one-time form tokens already used.

Revision ID: consola001_sessions
Revises: 0001_core
"""

from alembic import op
import sqlalchemy as sa
import nucleo.db


revision = 'consola001_sessions'
down_revision = '0001_core'
branch_labels = ('consola',)
depends_on = None


def upgrade() -> None:
    op.create_table('console_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('token_version', sa.Integer(), nullable=False),
    sa.Column('csrf_secret', sa.String(length=64), nullable=False),
    sa.Column('flash', sa.Text(), nullable=True),
    sa.Column('created_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff_accounts.id'], name=op.f('fk_console_sessions_staff_id_staff_accounts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_console_sessions')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_console_sessions_token_hash'))
    )
    with op.batch_alter_table('console_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_console_sessions_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_console_sessions_staff_id'), ['staff_id'], unique=False)

    op.create_table('console_form_uses',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('nonce', sa.String(length=64), nullable=False),
    sa.Column('used_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['console_sessions.id'], name=op.f('fk_console_form_uses_session_id_console_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', 'nonce', name=op.f('pk_console_form_uses'))
    )


def downgrade() -> None:
    op.drop_table('console_form_uses')
    with op.batch_alter_table('console_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_console_sessions_staff_id'))
        batch_op.drop_index(batch_op.f('ix_console_sessions_expires_at'))

    op.drop_table('console_sessions')
