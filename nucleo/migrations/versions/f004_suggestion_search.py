"""Foro: a folded search key over each suggestion's title and text.

Revision ID: f004_suggestion_search
Revises: f003_forum_outbox
"""

from alembic import op
import sqlalchemy as sa

from foro.models import suggestion_search_key


revision = 'f004_suggestion_search'
down_revision = 'f003_forum_outbox'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('suggestions', sa.Column('search_key', sa.Text(), nullable=True))
    suggestions = sa.table('suggestions', sa.column('id', sa.Integer),
                           sa.column('title', sa.String), sa.column('text', sa.Text),
                           sa.column('search_key', sa.Text))
    bind = op.get_bind()
    rows = bind.execute(sa.select(suggestions.c.id, suggestions.c.title,
                                  suggestions.c.text)).all()
    for sid, title, text in rows:
        bind.execute(suggestions.update().where(suggestions.c.id == sid).values(
            search_key=suggestion_search_key(title, text)))


def downgrade() -> None:
    op.drop_column('suggestions', 'search_key')
