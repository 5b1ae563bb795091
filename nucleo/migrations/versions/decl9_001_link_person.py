"""Declarations (#18): the directory person the decision link was sent to (the jefe inmediato),
so the daily reminders reach a superior without a console account.

A plain ADD COLUMN on both engines (no batch rebuild of declarations); SQLite takes the reference
inline, PostgreSQL as a named constraint.

Revision ID: decl9_001_link_person
Revises: decl009_asset_reminder_window
"""

from alembic import op
import sqlalchemy as sa


revision = "decl9_001_link_person"
down_revision = "decl009_asset_reminder_window"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE declarations ADD COLUMN link_person_id INTEGER "
            "REFERENCES people (id) ON DELETE SET NULL"
        )
    else:
        op.add_column("declarations", sa.Column("link_person_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_declarations_link_person_id_people"),
            "declarations",
            "people",
            ["link_person_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f("fk_declarations_link_person_id_people"), "declarations",
                           type_="foreignkey")
    op.drop_column("declarations", "link_person_id")
