"""Contracts cross-check (#18): the legal representative of a contract's company (SECOP's
«Nombre / Identificación Representante Legal»), the directory people the contractor and the
representative are, and on a flag the contractor's own preventive declaration that named the
company («empresa» flags).

Plain ADD COLUMNs on both engines (no batch rebuild); SQLite takes the references inline,
PostgreSQL as named constraints.

Revision ID: decl14_001_contract_people
Revises: decl9_001_link_person
"""

from alembic import op
import sqlalchemy as sa


revision = "decl14_001_contract_people"
down_revision = "decl9_001_link_person"
branch_labels = None
depends_on = None

REFERENCES = [("contracts", "contractor_person_id", "people"),
              ("contracts", "representative_person_id", "people"),
              ("contract_flags", "via_declaration_id", "declarations")]


def upgrade() -> None:
    op.add_column("contracts", sa.Column("representative_name", sa.String(200), nullable=True))
    op.add_column("contracts", sa.Column("representative_key", sa.String(200), nullable=True))
    op.add_column("contracts", sa.Column("representative_document", sa.String(20),
                                         nullable=True))
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, column, target in REFERENCES:
        if sqlite:
            op.execute(f"ALTER TABLE {table} ADD COLUMN {column} INTEGER "
                       f"REFERENCES {target} (id) ON DELETE SET NULL")
        else:
            op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
            op.create_foreign_key(op.f(f"fk_{table}_{column}_{target}"), table, target,
                                  [column], ["id"], ondelete="SET NULL")
    op.create_index(op.f("ix_contracts_contractor_person_id"), "contracts",
                    ["contractor_person_id"])
    op.create_index(op.f("ix_contracts_representative_person_id"), "contracts",
                    ["representative_person_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_contracts_representative_person_id"), table_name="contracts")
    op.drop_index(op.f("ix_contracts_contractor_person_id"), table_name="contracts")
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, column, target in reversed(REFERENCES):
        if not sqlite:
            op.drop_constraint(op.f(f"fk_{table}_{column}_{target}"), table, type_="foreignkey")
        op.drop_column(table, column)
    for column in ("representative_document", "representative_key", "representative_name"):
        op.drop_column("contracts", column)
