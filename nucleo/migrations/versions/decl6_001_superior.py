"""Directory (#18): each person's immediate superior (jefe inmediato), from HR's import, so an
impediment goes to the person who decides it.

A plain ADD COLUMN on both engines (no batch rebuild: rebuilding people on SQLite would
cascade-delete the rows that reference it); SQLite takes the reference inline, PostgreSQL as a
named constraint.

Revision ID: decl6_001_superior
Revises: vinculo005_people_autoincrement
"""

from alembic import op
import sqlalchemy as sa


revision = "decl6_001_superior"
down_revision = "vinculo005_people_autoincrement"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE people ADD COLUMN superior_id INTEGER REFERENCES people (id) ON DELETE SET NULL"
        )
    else:
        op.add_column("people", sa.Column("superior_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_people_superior_id_people"),
            "people",
            "people",
            ["superior_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_index(op.f("ix_people_superior_id"), "people", ["superior_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_people_superior_id"), table_name="people")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f("fk_people_superior_id_people"), "people", type_="foreignkey")
    op.drop_column("people", "superior_id")
