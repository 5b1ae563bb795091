"""Database engine, sessions and the declarative base shared by every package.

Transactions (see "Transacciones" in docs/desarrollo.md): an action ends with
``await commit(session)``; inside ``Database.transaction()`` (a unit of work) that only flushes
and the unit of work commits once. Side effects wait for the commit: ``after_commit(session,
callback)`` or ``signal(session, name, *args)``; a rollback drops them.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import CursorResult, DateTime, Executable, MetaData, Table, event, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Session, SessionTransaction
from sqlalchemy.types import TypeDecorator

log = logging.getLogger(__name__)
AfterCommit = Callable[[], Awaitable[object] | object]
_PENDING, _READY = "after_commit_pending", "after_commit_ready"
_UNIT, _DATABASE = "unit_of_work", "database"
_NOTIFY = "notify_at_commit"  # PostgreSQL channels to NOTIFY right before the commit

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base; every model of every package derives from it."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as UTC and always read back as an aware datetime."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use an aware one")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class DatabaseUnavailable(Exception):
    """The database cannot be reached or opened."""


class _SyncSession(Session):
    """The sync side of ``TxSession``; its events send the NOTIFYs of the transaction and move
    or drop the after-commit callbacks."""


@event.listens_for(_SyncSession, "before_commit")
def _notify_before_commit(session: Session) -> None:
    for channel in sorted(session.info.pop(_NOTIFY, ())):
        session.execute(select(func.pg_notify(channel, "")))


@event.listens_for(_SyncSession, "after_commit")
def _committed(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint: the outer transaction may still fail
        return
    pending = session.info.pop(_PENDING, None)
    if pending:
        ready = session.info.setdefault(_READY, {})
        for key, callback in pending.items():
            ready.setdefault(key, callback)


@event.listens_for(_SyncSession, "after_transaction_end")
def _ended(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the outermost one: whatever did not commit is dropped
        session.info.pop(_PENDING, None)
        session.info.pop(_NOTIFY, None)


class TxSession(AsyncSession):
    """The project's session: ``commit()`` runs the after-commit callbacks once it returns, and
    is refused inside a unit of work (whose block commits once at its end)."""

    sync_session_class = _SyncSession

    async def commit(self) -> None:
        if self.info.get(_UNIT):
            raise RuntimeError("inside Database.transaction(): end the action with "
                               "nucleo.db.commit(session); the unit of work commits")
        await super().commit()
        await run_after_commit(self)


def after_commit(session: AsyncSession, callback: AfterCommit, *,
                 key: Hashable | None = None) -> None:
    """Run ``callback`` (sync or async) after this session's transaction commits, once per
    ``key`` (default: the callback itself); a rollback drops it."""
    pending = session.info.setdefault(_PENDING, {})
    pending.setdefault(callback if key is None else key, callback)


def signal(session: AsyncSession, name: str, *args: Hashable) -> None:
    """After commit, call the handler the wiring gave ``Database.listen(name, ...)`` with
    ``args`` (once per distinct ``args``); nothing happens when no handler listens."""
    database: Database | None = session.info.get(_DATABASE)
    if database is not None:
        after_commit(session, partial(database.emit, name, *args), key=(name, *args))


def notify_at_commit(session: AsyncSession, channel: str) -> None:
    """On PostgreSQL, ``NOTIFY channel`` inside this transaction, right before it commits:
    PostgreSQL delivers it at commit and drops it on rollback, so a listener in any process
    hears of committed work only (once per channel and transaction). Nothing on SQLite."""
    database = database_of(session)
    if database is not None and not database.is_sqlite:
        session.info.setdefault(_NOTIFY, set()).add(channel)


def database_of(session: AsyncSession) -> Database | None:
    """The ``Database`` that opened this session (to run work in a transaction of its own)."""
    return session.info.get(_DATABASE)


async def run_after_commit(session: AsyncSession) -> None:
    """Run the callbacks of the transaction that just committed; a failing one is logged (the
    data is already saved) and the others still run."""
    ready = session.info.pop(_READY, None) or {}
    for callback in ready.values():
        try:
            result = callback()
            if inspect.isawaitable(result):
                await result
        except Exception:
            log.exception("an after-commit effect failed")


def savepoint(session: AsyncSession) -> AbstractAsyncContextManager[object]:
    """A savepoint (``begin_nested``) on PostgreSQL, so a collision with another process rolls
    back only its part; nothing on SQLite. There pysqlite opens no transaction before the first
    write, so a savepoint taken first would be the transaction and its RELEASE would commit
    (an outer rollback would then leave its rows); and SQLite writes one transaction at a time
    (the write gate, one leader process), so the collisions a savepoint isolates do not happen."""
    dialect = session.bind.dialect.name if session.bind else "sqlite"
    return nullcontext() if dialect == "sqlite" else session.begin_nested()


def table_of(model: type[DeclarativeBase]) -> Table:
    """The mapped class's table, typed as one (``__table__`` is declared as any FROM clause)."""
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to a table")
    return table


def affected(result: object) -> int:
    """How many rows an executed INSERT, UPDATE or DELETE touched (0 when the driver cannot
    tell)."""
    count = result.rowcount if isinstance(result, CursorResult) else 0
    return max(count or 0, 0)


async def rows_changed(session: AsyncSession, statement: Executable) -> int:
    """Run an INSERT, UPDATE or DELETE and return how many rows it touched (0 when the
    driver cannot tell)."""
    return affected(await session.execute(statement))


def upsert(session: AsyncSession, model: Any) -> Any:
    """The engine's own ``INSERT`` for ``model`` (PostgreSQL's or SQLite's, chosen by the
    session's engine): the one that has ``on_conflict_do_nothing`` / ``on_conflict_do_update``
    and ``excluded``. Every «insert if new» or upsert starts here."""
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = session.bind.dialect.name if session.bind else "sqlite"
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model)


async def insert_new(session: AsyncSession, model: Any, rows: dict[str, Any] | list[dict[str, Any]],
                     index_elements: list[str] | None = None) -> int:
    """INSERT ... ON CONFLICT DO NOTHING on either engine (in the caller's transaction):
    rows whose key (``index_elements``, or any unique constraint) is taken are skipped, never
    an error, so two requests racing to add one row add it once. Returns the rows added."""
    return await rows_changed(session, upsert(session, model).values(rows)
                              .on_conflict_do_nothing(index_elements=index_elements))


async def commit(session: AsyncSession) -> None:
    """End an action: commit its transaction, or only flush inside a unit of work
    (``Database.transaction()``), which commits once at its end."""
    if session.info.get(_UNIT):
        await session.flush()
    else:
        await session.commit()


class Database:
    """Owns the engine and hands out sessions; one per application."""

    def __init__(self, url: str, *, echo: bool = False, schema: str | None = None) -> None:
        """``schema`` (PostgreSQL only) puts every table in that schema (tests use one each)."""
        self.url, self.schema = url, schema
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        # hide_parameters: a failing statement's values (names, e-mails, hashes) never reach a log.
        kwargs: dict[str, object] = {"echo": echo, "pool_pre_ping": not self.is_sqlite,
                                     "hide_parameters": True}
        if self.is_sqlite:
            database = parsed.database or ""
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            kwargs["connect_args"] = {"timeout": 30}
        else:
            kwargs.update(pool_size=10, max_overflow=20)
            if schema:
                kwargs["connect_args"] = {"server_settings": {"search_path": schema}}
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        self.sessionmaker = async_sessionmaker(self.engine, class_=TxSession,
                                               expire_on_commit=False, info={_DATABASE: self})
        self._gate = asyncio.Lock()
        self._gate_holder: asyncio.Task[Any] | None = None
        self.writers_waiting = 0  # queued at the write gate (SQLite), for metrics and tests
        self._listeners: dict[str, Callable[..., Awaitable[object] | object]] = {}

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A session for reads or for one action, which commits it (``commit(session)``)."""
        async with self.sessionmaker() as session:
            yield session

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A unit of work: the write gate, a session whose actions only flush, one commit at
        the end (an exception rolls back), then the after-commit effects, outside the gate."""
        async with self.sessionmaker() as session:
            async with self.write_gate():
                session.info[_UNIT] = True
                yield session
                del session.info[_UNIT]
                await AsyncSession.commit(session)
            await run_after_commit(session)

    def write_gate(self) -> AbstractAsyncContextManager[object]:
        """One writing transaction at a time on SQLite, queued in the event loop instead of in
        SQLite's busy handler (which sleeps in growing steps and collapses throughput when many
        writers wait). Held for the whole transaction; a no-op on PostgreSQL."""
        return _Gate(self) if self.is_sqlite else nullcontext()

    def listen(self, name: str, handler: Callable[..., Awaitable[object] | object]) -> None:
        """Make ``handler(*args)`` the after-commit effect of ``signal(session, name, *args)``
        (one handler per name; the wiring sets it when the component exists)."""
        self._listeners[name] = handler

    def emit(self, name: str, *args: Hashable) -> Awaitable[object] | object:
        handler = self._listeners.get(name)
        return handler(*args) if handler is not None else None

    async def ping(self) -> bool:
        try:
            await self.check()
        except DatabaseUnavailable:
            return False
        return True

    async def check(self) -> None:
        """Raise DatabaseUnavailable, with the driver's reason, when the database cannot answer."""
        try:
            async with self.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception as exc:
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0][:200]
            raise DatabaseUnavailable(reason or type(exc).__name__) from None

    @property
    def safe_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    async def dispose(self) -> None:
        await self.engine.dispose()


class _Gate:
    """Holds the database's write gate; a nested hold in the same task is a bug (it would wait
    for itself), so it raises instead of hanging."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def __aenter__(self) -> None:
        task = asyncio.current_task()
        if task is not None and self.db._gate_holder is task:
            raise RuntimeError("the write gate is already held by this task")
        self.db.writers_waiting += 1
        try:
            await self.db._gate.acquire()
        finally:
            self.db.writers_waiting -= 1
        self.db._gate_holder = task

    async def __aexit__(self, *_exc: object) -> None:
        self.db._gate_holder = None
        self.db._gate.release()


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    # Deleted rows are overwritten with zeros, so nothing deleted stays readable in the file,
    # its free pages or (after a checkpoint) the WAL: survey drafts rely on it.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()
