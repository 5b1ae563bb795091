"""Migrated test databases, built once and reused: a SQLite file copied for each test, and on
PostgreSQL a template database cloned once per pytest process (one per xdist worker) and emptied
before each test.

The template's name carries a hash of the migration files, so a changed migration builds a new
one; an advisory lock lets concurrent workers (and concurrent pytest runs) build it only once.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import threading
from collections.abc import Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData

from nucleo.db import Database
from nucleo.migrate import alembic_config, upgrade_database

TEMPLATE_PREFIX = "valor_tpl_"
WORKER_PREFIX = "valor_w_"
LOCK_KEY = 72657  # pg_advisory_lock key for building and cloning the template
T = TypeVar("T")


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


class _ResetConnection:
    """One connection to the worker's database, opened at the first reset and kept, on an event
    loop of its own thread so that every test's event loop can use it: a new connection is a new
    server process with cold caches, and made the reset ten times as slow."""

    def __init__(self, dsn: str) -> None:
        self.dsn = dsn
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._conn: asyncpg.Connection | None = None
        self._lock = threading.Lock()

    def _call(self, work: Coroutine[Any, Any, T]) -> T:
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(work, self._loop).result()

    async def execute(self, sql: str) -> None:
        with self._lock:
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
                self._thread = threading.Thread(
                    target=self._loop.run_forever, daemon=True, name="test-database-reset"
                )
                self._thread.start()
            loop = self._loop
        for attempt in (1, 2):
            if self._conn is None or self._conn.is_closed():
                self._conn = await asyncio.wrap_future(
                    asyncio.run_coroutine_threadsafe(asyncpg.connect(self.dsn), loop)
                )
            try:
                await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(self._conn.execute(sql), loop))
                return
            # A test ended this session (pg_terminate_backend): reconnect once. Depending on when
            # the server's goodbye arrives, asyncpg reports it as a closed connection or as a
            # protocol left mid-operation (InternalClientError).
            except (asyncpg.InterfaceError, asyncpg.ConnectionDoesNotExistError,
                    asyncpg.InternalClientError):
                if attempt == 2:
                    raise
                if self._conn is not None:  # its own loop closes it
                    loop.call_soon_threadsafe(self._conn.terminate)
                self._conn = None

    def close(self) -> None:
        if self._loop is None:
            return
        if self._conn is not None and not self._conn.is_closed():
            self._call(self._conn.close())
        self._loop.call_soon_threadsafe(self._loop.stop)
        assert self._thread is not None
        self._thread.join()
        self._loop.close()
        self._loop = self._thread = self._conn = None


@dataclass(frozen=True)
class WorkerDatabase:
    """This process's PostgreSQL database and the statement that empties it."""

    dsn: str  # postgresql://… (asyncpg)
    reset_sql: str
    connection: _ResetConnection = field(compare=False)

    @property
    def url(self) -> str:
        return self.dsn.replace("postgresql://", "postgresql+asyncpg://", 1)

    async def reset(self) -> None:
        """Delete every row (children first) and restart every sequence, so ids start at 1."""
        await self.connection.execute(self.reset_sql)


async def _drop_stale(admin: asyncpg.Connection, template: str) -> None:
    """Drop templates of other migration sets and databases of processes that are gone."""
    names = [
        r["datname"]
        for r in await admin.fetch(
            "SELECT datname FROM pg_database WHERE datname LIKE 'valor\\_tpl\\_%' "
            "OR datname LIKE 'valor\\_w\\_%'"
        )
    ]
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
    """One statement that empties the tables in foreign-key order and restarts the sequences.

    It runs before every PostgreSQL test, so it does only what the last test left to undo: a
    table is emptied only if it has a row, and only sequences that were used restart (with
    ``setval``, which rewrites nothing; ``ALTER SEQUENCE … RESTART`` gives each sequence a new
    file). Emptying the 54 tables and restarting all 17 sequences unconditionally took 50–65 ms
    a test; this takes about 3 ms."""
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
        guarded = {
            r["relname"]
            for r in await conn.fetch(
                "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE NOT t.tgisinternal"
            )
        }
    finally:
        await conn.close()
    # DELETE is much cheaper than TRUNCATE on small tables; tables whose triggers refuse a
    # DELETE (the append-only audit log) are truncated, which row triggers do not see.
    empty = [f'{"TRUNCATE" if t in guarded else "DELETE FROM"} "{t}"' for t in tables]
    checks = ", ".join(f"ARRAY[{_literal(t)}, {_literal(e)}]" for t, e in zip(tables, empty, strict=True))
    return f"""DO $reset$
DECLARE
  pair text[];
  found boolean;
  used record;
BEGIN
  FOREACH pair SLICE 1 IN ARRAY ARRAY[{checks}] LOOP
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I)', pair[1]) INTO found;
    IF found THEN
      EXECUTE pair[2];
    END IF;
  END LOOP;
  FOR used IN SELECT schemaname, sequencename, start_value FROM pg_sequences
              WHERE schemaname = 'public' AND last_value IS NOT NULL LOOP
    PERFORM setval(format('%I.%I', used.schemaname, used.sequencename), used.start_value, false);
  END LOOP;
END
$reset$"""


def _literal(text: str) -> str:
    """``text`` as an SQL string literal (table names come from the migrations)."""
    return "'" + text.replace("'", "''") + "'"


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
                db = Database(
                    _with_database(server_dsn, template).replace("postgresql://", "postgresql+asyncpg://", 1)
                )
                try:
                    await upgrade_database(db)
                except BaseException:
                    await db.dispose()
                    await admin.execute(f'DROP DATABASE "{template}"')
                    raise
                await db.dispose()
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            # A commit need not wait for its WAL to reach the disk: nothing here outlives a
            # crash of the server, and the tests commit thousands of times.
            await admin.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
        finally:
            await admin.execute("SELECT pg_advisory_unlock($1)", LOCK_KEY)
    finally:
        await admin.close()
    dsn = _with_database(server_dsn, name)
    return WorkerDatabase(dsn, await _reset_sql(dsn), _ResetConnection(dsn))


async def drop_worker_database(server_dsn: str, database: WorkerDatabase) -> None:
    database.connection.close()
    admin = await asyncpg.connect(server_dsn)
    try:
        name = database.dsn.rsplit("/", 1)[1]
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()
