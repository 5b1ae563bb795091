"""Survey pool: finished responses wait without identity and are counted in batches.

Adds ``survey_pool`` and ``surveys.closing_batch``, and stores the counters per dimension
(``*``, ``d:<department>``, ``k:<kind>``) instead of per department and kind together. On
PostgreSQL the draft and pool tables are UNLOGGED: what they hold never reaches the WAL.

Revision ID: s002_survey_pool
Revises: s001_surveys
"""

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = 's002_survey_pool'
down_revision = 's001_surveys'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('survey_pool',
    sa.Column('key', sa.String(length=32), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('group_key', sa.String(length=80), nullable=False),
    sa.Column('choices', sa.JSON(), nullable=False),
    sa.Column('texts', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_pool_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_survey_pool')),
    sqlite_with_rowid=False
    )
    with op.batch_alter_table('survey_pool', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_pool_survey_id'), ['survey_id'], unique=False)
    with op.batch_alter_table('surveys', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closing_batch', sa.Integer(), server_default='0',
                                      nullable=False))
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('ALTER TABLE survey_drafts SET UNLOGGED')
        op.execute('ALTER TABLE survey_pool SET UNLOGGED')
    _split_groups()


def _split_groups() -> None:
    """Old counters were per "<department>:<kind>"; sum them into one cell per dimension."""
    bind = op.get_bind()
    tallies = sa.table('survey_tallies', sa.column('survey_id'), sa.column('question_id'),
                       sa.column('option'), sa.column('group_key'), sa.column('department_id'),
                       sa.column('kind'), sa.column('count'))
    respondents = sa.table('survey_respondents', sa.column('survey_id'), sa.column('group_key'),
                           sa.column('department_id'), sa.column('kind'), sa.column('count'))
    old_tallies = bind.execute(sa.select(tallies)).mappings().all()
    old_respondents = bind.execute(sa.select(respondents)).mappings().all()
    if not old_tallies and not old_respondents:
        return

    def keys(department_id, kind):
        return [('*', None, None),
                (f"d:{department_id if department_id is not None else '-'}", department_id, None),
                (f"k:{kind or '-'}", None, kind)]

    new_tallies: dict[tuple, int] = defaultdict(int)
    for row in old_tallies:
        for key, dep, kind in keys(row['department_id'], row['kind']):
            new_tallies[(row['survey_id'], row['question_id'], row['option'], key, dep, kind)] += row['count']
    new_respondents: dict[tuple, int] = defaultdict(int)
    for row in old_respondents:
        for key, dep, kind in keys(row['department_id'], row['kind']):
            new_respondents[(row['survey_id'], key, dep, kind)] += row['count']
    bind.execute(sa.delete(tallies))
    bind.execute(sa.delete(respondents))
    if new_tallies:
        bind.execute(sa.insert(tallies), [
            {'survey_id': s, 'question_id': q, 'option': o, 'group_key': k, 'department_id': d,
             'kind': kd, 'count': n} for (s, q, o, k, d, kd), n in sorted(new_tallies.items(), key=str)])
    if new_respondents:
        bind.execute(sa.insert(respondents), [
            {'survey_id': s, 'group_key': k, 'department_id': d, 'kind': kd, 'count': n}
            for (s, k, d, kd), n in sorted(new_respondents.items(), key=str)])


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('ALTER TABLE survey_drafts SET LOGGED')
    with op.batch_alter_table('surveys', schema=None) as batch_op:
        batch_op.drop_column('closing_batch')
    with op.batch_alter_table('survey_pool', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_pool_survey_id'))
    op.drop_table('survey_pool')
