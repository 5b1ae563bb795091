"""Person ids are never reused (#17): on SQLite the people table gets AUTOINCREMENT.

Without it SQLite gives a new row the largest id plus one, so deleting the newest person (a
bot user's /olvidarme) and creating another hands the new person the old id, and anything
that still names that id (an unsubscribe link, a token, a report) would name somebody else.
PostgreSQL's sequence never goes back: nothing to do there.

SQLite cannot add AUTOINCREMENT in place: the table is rebuilt with SQLite's own procedure
(https://sqlite.org/lang_altertable.html#otheralter): the same CREATE statement with
``PRIMARY KEY (id AUTOINCREMENT)``, the rows copied, the old table dropped, the new one renamed
and its indexes created again. Dropping a table that others reference deletes their rows in
cascade while foreign keys are enforced, so this refuses to run unless ``nucleo.migrate`` turned
them off, and checks every reference afterwards. The id counter starts above every id the
table or the audit log has seen, so ids already deleted are not handed out either.

Revision ID: vinculo005_people_autoincrement
Revises: vinculo004_staff_link_uses
"""

import re

from alembic import op


revision = 'vinculo005_people_autoincrement'
down_revision = 'vinculo004_staff_link_uses'
branch_labels = None
depends_on = None

_PK = re.compile(r'PRIMARY KEY \((\s*"?id"?\s*)\)', re.IGNORECASE)
_CREATE = re.compile(r'^CREATE TABLE\s+"?people"?', re.IGNORECASE)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    if bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise RuntimeError("rebuilding «people» needs foreign keys off (run it through "
                           "`valor db upgrade`, i.e. nucleo.migrate): with them on, dropping "
                           "the old table would delete every row that references a person")
    sql = str(bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'people'").scalar())
    if "AUTOINCREMENT" in sql.upper():
        return
    new_sql, found = _PK.subn(lambda m: f"PRIMARY KEY ({m.group(1)} AUTOINCREMENT)", sql)
    new_sql, named = _CREATE.subn("CREATE TABLE people_autoincrement", new_sql)
    if found != 1 or named != 1:
        raise RuntimeError("unexpected definition of the people table; not rebuilt")
    indexes = [row[0] for row in bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'people' "
        "AND sql IS NOT NULL")]
    # a copy left by an earlier attempt that failed half-way (SQLite runs CREATE TABLE
    # outside the migration's transaction) would make every retry fail
    bind.exec_driver_sql("DROP TABLE IF EXISTS people_autoincrement")
    bind.exec_driver_sql(new_sql)
    bind.exec_driver_sql("INSERT INTO people_autoincrement SELECT * FROM people")
    bind.exec_driver_sql("DROP TABLE people")
    bind.exec_driver_sql("ALTER TABLE people_autoincrement RENAME TO people")
    for index in indexes:
        bind.exec_driver_sql(index)
    # The counter: above the largest id the table has, or the audit log names (people deleted).
    highest = bind.exec_driver_sql(
        "SELECT max(coalesce((SELECT max(id) FROM people), 0), coalesce((SELECT max(CAST("
        "target_id AS INTEGER)) FROM audit_log WHERE target_type IN ('persona', 'person')), 0))"
    ).scalar()
    bind.exec_driver_sql("DELETE FROM sqlite_sequence WHERE name = 'people'")
    bind.exec_driver_sql("INSERT INTO sqlite_sequence (name, seq) VALUES ('people', "
                         f"{int(highest or 0)})")
    broken = bind.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"{len(broken)} rows lost their reference while rebuilding people")


def downgrade() -> None:
    pass  # AUTOINCREMENT does no harm to an older schema
