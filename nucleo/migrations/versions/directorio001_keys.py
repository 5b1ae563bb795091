"""Directory: accent-blind search key, Spanish sort key and the date a person was retired.

Revision ID: directorio001_keys
Revises: 0001_core
"""

from alembic import op
import sqlalchemy as sa
import nucleo.db

from nucleo.directory.keys import search_key, sort_key


revision = 'directorio001_keys'
down_revision = '0001_core'
branch_labels = ('directorio',)
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch rebuild): a SQLite table rebuild would cascade-delete the rows
    # that reference people.
    op.add_column('people', sa.Column('search_key', sa.String(length=600), nullable=True))
    op.add_column('people', sa.Column('sort_key', sa.String(length=400), nullable=True))
    op.add_column('people', sa.Column('retired_at', nucleo.db.UTCDateTime(timezone=True),
                                      nullable=True))
    op.create_index(op.f('ix_people_sort_key'), 'people', ['sort_key'], unique=False)
    people = sa.table('people', sa.column('id', sa.Integer), sa.column('full_name', sa.String),
                      sa.column('document_id', sa.String), sa.column('email', sa.String),
                      sa.column('search_key', sa.String), sa.column('sort_key', sa.String))
    bind = op.get_bind()
    rows = bind.execute(sa.select(people.c.id, people.c.full_name, people.c.document_id,
                                  people.c.email)).all()
    for pid, name, document, email in rows:
        bind.execute(people.update().where(people.c.id == pid).values(
            search_key=search_key(name, document, email), sort_key=sort_key(name)))


def downgrade() -> None:
    op.drop_index(op.f('ix_people_sort_key'), table_name='people')
    op.drop_column('people', 'retired_at')
    op.drop_column('people', 'sort_key')
    op.drop_column('people', 'search_key')
