"""Forum: suggestions, official answers, portal posts, forum links, outbox, webhook keys and
used portal links.

Revision ID: f001_foro
Revises: 0001_core
Create Date: 2026-11-24 05:53:54.231279
"""

from alembic import op
import sqlalchemy as sa
import nucleo.db


revision = 'f001_foro'
down_revision = '0001_core'
branch_labels = ('foro',)
depends_on = None


def upgrade() -> None:
    op.create_table('forum_webhook_keys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('received_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_webhook_keys')),
    sa.UniqueConstraint('key', name=op.f('uq_forum_webhook_keys_key'))
    )
    op.create_table('portal_login_uses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('jti', sa.String(length=64), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('used_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_portal_login_uses_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_portal_login_uses')),
    sa.UniqueConstraint('jti', name=op.f('uq_portal_login_uses_jti'))
    )
    op.create_table('suggestions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('value', sa.String(length=40), nullable=True),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('author_person_id', sa.Integer(), nullable=True),
    sa.Column('forum_username', sa.String(length=60), nullable=True),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('hidden_at', nucleo.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('hidden_reason', sa.String(length=20), nullable=True),
    sa.Column('created_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_person_id'], ['people.id'], name=op.f('fk_suggestions_author_person_id_people'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_suggestions_department_id_departments'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_suggestions')),
    sa.UniqueConstraint('ref', name=op.f('uq_suggestions_ref'))
    )
    with op.batch_alter_table('suggestions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_suggestions_author_person_id'), ['author_person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_suggestions_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_suggestions_department_id'), ['department_id'], unique=False)
        batch_op.create_index('ix_suggestions_status_value', ['status', 'value'], unique=False)

    op.create_table('forum_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('suggestion_id', sa.Integer(), nullable=False),
    sa.Column('backend', sa.String(length=20), nullable=False),
    sa.Column('external_topic_id', sa.Integer(), nullable=False),
    sa.Column('first_post_id', sa.Integer(), nullable=True),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('created_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['suggestion_id'], ['suggestions.id'], name=op.f('fk_forum_links_suggestion_id_suggestions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_links')),
    sa.UniqueConstraint('backend', 'external_topic_id', name=op.f('uq_forum_links_backend_external_topic_id')),
    sa.UniqueConstraint('suggestion_id', name=op.f('uq_forum_links_suggestion_id'))
    )
    op.create_table('forum_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('suggestion_id', sa.Integer(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('locked_until', nucleo.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('done_at', nucleo.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['suggestion_id'], ['suggestions.id'], name=op.f('fk_forum_outbox_suggestion_id_suggestions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_outbox')),
    sa.UniqueConstraint('key', name=op.f('uq_forum_outbox_key'))
    )
    with op.batch_alter_table('forum_outbox', schema=None) as batch_op:
        batch_op.create_index('ix_forum_outbox_due', ['state', 'next_attempt_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_outbox_suggestion_id'), ['suggestion_id'], unique=False)

    op.create_table('forum_posts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('suggestion_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('author_person_id', sa.Integer(), nullable=True),
    sa.Column('author_staff_id', sa.Integer(), nullable=True),
    sa.Column('author_label', sa.String(length=80), nullable=False),
    sa.Column('external_post_id', sa.Integer(), nullable=True),
    sa.Column('hidden_at', nucleo.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('hidden_reason', sa.String(length=20), nullable=True),
    sa.Column('hidden_by', sa.Integer(), nullable=True),
    sa.Column('created_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_person_id'], ['people.id'], name=op.f('fk_forum_posts_author_person_id_people'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['author_staff_id'], ['staff_accounts.id'], name=op.f('fk_forum_posts_author_staff_id_staff_accounts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['hidden_by'], ['staff_accounts.id'], name=op.f('fk_forum_posts_hidden_by_staff_accounts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['suggestion_id'], ['suggestions.id'], name=op.f('fk_forum_posts_suggestion_id_suggestions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_posts')),
    sa.UniqueConstraint('external_post_id', name=op.f('uq_forum_posts_external_post_id'))
    )
    with op.batch_alter_table('forum_posts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_posts_author_person_id'), ['author_person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_posts_suggestion_id'), ['suggestion_id'], unique=False)

    op.create_table('suggestion_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('suggestion_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('action_plan', sa.Text(), nullable=True),
    sa.Column('action_due', sa.Date(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('duplicate_of_id', sa.Integer(), nullable=True),
    sa.Column('drafted_by', sa.Integer(), nullable=True),
    sa.Column('drafted_at', nucleo.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('published_by', sa.Integer(), nullable=True),
    sa.Column('published_at', nucleo.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['drafted_by'], ['staff_accounts.id'], name=op.f('fk_suggestion_answers_drafted_by_staff_accounts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['duplicate_of_id'], ['suggestions.id'], name=op.f('fk_suggestion_answers_duplicate_of_id_suggestions'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['published_by'], ['staff_accounts.id'], name=op.f('fk_suggestion_answers_published_by_staff_accounts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['suggestion_id'], ['suggestions.id'], name=op.f('fk_suggestion_answers_suggestion_id_suggestions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_suggestion_answers')),
    sa.UniqueConstraint('suggestion_id', 'revision', name=op.f('uq_suggestion_answers_suggestion_id_revision'))
    )


def downgrade() -> None:
    op.drop_table('suggestion_answers')
    with op.batch_alter_table('forum_posts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_posts_suggestion_id'))
        batch_op.drop_index(batch_op.f('ix_forum_posts_author_person_id'))

    op.drop_table('forum_posts')
    with op.batch_alter_table('forum_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_outbox_suggestion_id'))
        batch_op.drop_index('ix_forum_outbox_due')

    op.drop_table('forum_outbox')
    op.drop_table('forum_links')
    with op.batch_alter_table('suggestions', schema=None) as batch_op:
        batch_op.drop_index('ix_suggestions_status_value')
        batch_op.drop_index(batch_op.f('ix_suggestions_department_id'))
        batch_op.drop_index(batch_op.f('ix_suggestions_created_at'))
        batch_op.drop_index(batch_op.f('ix_suggestions_author_person_id'))

    op.drop_table('suggestions')
    op.drop_table('portal_login_uses')
    op.drop_table('forum_webhook_keys')
