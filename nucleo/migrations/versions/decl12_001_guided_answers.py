"""Declarations (#18): the guided answers of /declarar — the type of matter (indexed: the
register filters by it), the declarant's role in it, which relative holds the interest and
the degree (who holds it goes in the existing ``interest_holder``).

Plain ADD COLUMNs on both engines (no batch rebuild of declarations).

Revision ID: decl12_001_guided_answers
Revises: decl9_001_link_person
"""

from alembic import op
import sqlalchemy as sa


revision = "decl12_001_guided_answers"
down_revision = "decl9_001_link_person"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("declarations", sa.Column("matter_type", sa.String(length=20), nullable=True))
    op.add_column("declarations", sa.Column("role", sa.String(length=20), nullable=True))
    op.add_column("declarations", sa.Column("relation", sa.String(length=20), nullable=True))
    op.add_column("declarations", sa.Column("kinship_degree", sa.SmallInteger(), nullable=True))
    op.create_index(op.f("ix_declarations_matter_type"), "declarations", ["matter_type"],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_declarations_matter_type"), table_name="declarations")
    with op.batch_alter_table("declarations") as batch_op:
        batch_op.drop_column("kinship_degree")
        batch_op.drop_column("relation")
        batch_op.drop_column("role")
        batch_op.drop_column("matter_type")
