"""Directory link (#17): when a chat was linked, the per-person token nonce, used invitation
tokens and the e-mail codes of /vincular.

Revision ID: vinculo001_link
Revises: directorio001_keys
"""

from alembic import op
import sqlalchemy as sa
import nucleo.db


revision = 'vinculo001_link'
down_revision = 'directorio001_keys'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch rebuild): a SQLite table rebuild would cascade-delete the rows
    # that reference people.
    op.add_column('people', sa.Column('linked_at', nucleo.db.UTCDateTime(timezone=True),
                                      nullable=True))
    op.add_column('people', sa.Column('token_nonce', sa.Integer(), nullable=True))
    op.create_table(
        'link_token_uses',
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('used_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'],
                                name=op.f('fk_link_token_uses_person_id_people'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_link_token_uses')),
    )
    op.create_index(op.f('ix_link_token_uses_person_id'), 'link_token_uses', ['person_id'],
                    unique=False)
    op.create_table(
        'link_codes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('chat_key', sa.String(length=64), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=True),
        sa.Column('code_hash', sa.String(length=64), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('created_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('expires_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('used_at', nucleo.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'],
                                name=op.f('fk_link_codes_person_id_people'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_link_codes')),
    )
    op.create_index(op.f('ix_link_codes_chat_key'), 'link_codes', ['chat_key'], unique=False)
    op.create_index(op.f('ix_link_codes_person_id'), 'link_codes', ['person_id'], unique=False)
    op.create_index(op.f('ix_link_codes_created_at'), 'link_codes', ['created_at'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_link_codes_created_at'), table_name='link_codes')
    op.drop_index(op.f('ix_link_codes_person_id'), table_name='link_codes')
    op.drop_index(op.f('ix_link_codes_chat_key'), table_name='link_codes')
    op.drop_table('link_codes')
    op.drop_index(op.f('ix_link_token_uses_person_id'), table_name='link_token_uses')
    op.drop_table('link_token_uses')
    op.drop_column('people', 'token_nonce')
    op.drop_column('people', 'linked_at')
