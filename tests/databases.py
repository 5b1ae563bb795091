"""Migrated test databases, built once and reused: a SQLite file copied for each test, and on
PostgreSQL a template database cloned once per pytest process (one per xdist worker) and emptied
before each test.

The template's name carries a hash of the migration files, so a changed migration builds a new
one; an advisory lock lets concurrent workers (and concurrent pytest runs) build it only once.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import asyncpg
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData

from nucleo.db import Database
from nucleo.migrate import alembic_config, upgrade_database

TEMPLATE_PREFIX = "valor_tpl_"
WORKER_PREFIX = "valor_w_"
LOCK_KEY = 72657  # pg_advisory_lock key for building and cloning the template


def migrations_hash() -> str:
    """A short hash of every migration script: a changed migration means a new template."""
    digest = hashlib.sha256()
    scripts = ScriptDirectory.from_config(alembic_config())
    for path in sorted(script.path for script in scripts.walk_revisions()):
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:12]


async def build_sqlite_template(path: Path) -> None:
    db = Database(f"sqlite+aiosqlite:///{path}")
    await upgrade_database(db)
    await db.dispose()


def _with_database(dsn: str, name: str) -> str:
    return dsn.rsplit("/", 1)[0] + "/" + name


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class WorkerDatabase:
    """This process's PostgreSQL database and the statement that empties it."""

    dsn: str  # postgresql://… (asyncpg)
    reset_sql: str

    @property
    def url(self) -> str:
        return self.dsn.replace("postgresql://", "postgresql+asyncpg://", 1)

    async def reset(self) -> None:
        """Delete every row (children first) and restart every sequence, so ids start at 1."""
        conn = await asyncpg.connect(self.dsn)
        try:
            await conn.execute(self.reset_sql)
        finally:
            await conn.close()


async def _drop_stale(admin: asyncpg.Connection, template: str) -> None:
    """Drop templates of other migration sets and databases of processes that are gone."""
    names = [r["datname"] for r in await admin.fetch(
        "SELECT datname FROM pg_database WHERE datname LIKE 'valor\\_tpl\\_%' "
        "OR datname LIKE 'valor\\_w\\_%'")]
    for name in names:
        if name == template:
            continue
        if name.startswith(WORKER_PREFIX):
            pid = name.rsplit("_", 1)[1]
            if not pid.isdigit() or _pid_alive(int(pid)):
                continue
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        except asyncpg.PostgresError:  # in use by another run: leave it
            pass


async def _reset_sql(dsn: str) -> str:
    """One statement list that empties the tables in foreign-key order and resets sequences."""
    db = Database(dsn.replace("postgresql://", "postgresql+asyncpg://", 1))
    metadata = MetaData()
    try:
        async with db.engine.connect() as conn:
            await conn.run_sync(metadata.reflect)
    finally:
        await db.dispose()
    tables = [t.name for t in reversed(metadata.sorted_tables) if t.name != "alembic_version"]
    conn = await asyncpg.connect(dsn)
    try:
        sequences = [r["sequencename"] for r in await conn.fetch(
            "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")]
        guarded = {r["relname"] for r in await conn.fetch(
            "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE NOT t.tgisinternal")}
    finally:
        await conn.close()
    # DELETE is much cheaper than TRUNCATE on small tables; tables whose triggers refuse a
    # DELETE (the append-only audit log) are truncated, which row triggers do not see.
    statements = [f'TRUNCATE "{t}"' if t in guarded else f'DELETE FROM "{t}"' for t in tables]
    statements += [f'ALTER SEQUENCE "{s}" RESTART' for s in sequences]
    return ";".join(statements)  # one simple query: one implicit transaction


async def create_worker_database(server_dsn: str, worker: str) -> WorkerDatabase:
    """Clone the migrated template (building it first if no one has) into a database for this
    process; ``server_dsn`` is any database on the server, used for the admin statements."""
    template = TEMPLATE_PREFIX + migrations_hash()
    name = f"{WORKER_PREFIX}{worker}_{os.getpid()}"
    admin = await asyncpg.connect(server_dsn)
    try:
        await admin.execute("SELECT pg_advisory_lock($1)", LOCK_KEY)
        try:
            await _drop_stale(admin, template)
            exists = await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", template)
            if not exists:
                await admin.execute(f'CREATE DATABASE "{template}"')
                db = Database(_with_database(server_dsn, template).replace(
                    "postgresql://", "postgresql+asyncpg://", 1))
                try:
                    await upgrade_database(db)
                except BaseException:
                    await db.dispose()
                    await admin.execute(f'DROP DATABASE "{template}"')
                    raise
                await db.dispose()
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        finally:
            await admin.execute("SELECT pg_advisory_unlock($1)", LOCK_KEY)
    finally:
        await admin.close()
    dsn = _with_database(server_dsn, name)
    return WorkerDatabase(dsn, await _reset_sql(dsn))


async def drop_worker_database(server_dsn: str, database: WorkerDatabase) -> None:
    admin = await asyncpg.connect(server_dsn)
    try:
        name = database.dsn.rsplit("/", 1)[1]
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()
