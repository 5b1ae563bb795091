"""A finished survey participation may outlive its person (#17): when someone who exists only
in the bot asks /olvidarme, their finished participations stay without the person, so
«terminadas» stays equal to the responses counted.

Revision ID: s003_participation_no_person
Revises: s002_survey_pool
"""

from alembic import op
import sqlalchemy as sa


revision = 's003_participation_no_person'
down_revision = 's002_survey_pool'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # On SQLite a batch rebuild: nothing references survey_participation, so dropping the old
    # copy deletes nothing else.
    with op.batch_alter_table('survey_participation', schema=None) as batch_op:
        batch_op.alter_column('person_id', existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM survey_participation WHERE person_id IS NULL")
    with op.batch_alter_table('survey_participation', schema=None) as batch_op:
        batch_op.alter_column('person_id', existing_type=sa.Integer(), nullable=False)
