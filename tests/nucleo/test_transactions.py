"""Transactions: actions commit once, effects run after the commit (never after a rollback),
and on SQLite every writer queues at the database's one write gate."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import messages
from bot.core.context import Context
from bot.core.flow import Command, flow_registry
from bot.core.types import TELEGRAM, Input, PersonRef
from bot.service import dialogue_core
from campañas.store import DeliveryStore
from nucleo.db import Database, after_commit, commit, savepoint, signal, utcnow
from nucleo.models import Department
from nucleo.services import Services


def department(name: str) -> Department:
    return Department(name=name, normalized_name=name.lower(), created_at=utcnow())


async def departments(db: Database) -> int:
    async with db.session() as session:
        return await session.scalar(select(func.count()).select_from(Department)) or 0


async def add_department(session: AsyncSession, name: str) -> None:
    """An action as the convention wants it: change, ask for an effect, ``commit(session)``."""
    session.add(department(name))
    signal(session, "departments.changed")
    await commit(session)


def count_commits(db: Database) -> list[int]:
    commits: list[int] = []
    event.listen(db.engine.sync_engine, "commit", lambda _conn: commits.append(1))
    return commits


async def test_a_rollback_runs_no_effect(db: Database) -> None:
    calls: list[object] = []
    db.listen("departments.changed", lambda: calls.append("signal"))
    async with db.session() as session:
        session.add(department("Hacienda"))
        after_commit(session, lambda: calls.append("callback"))
        signal(session, "departments.changed")
        await session.rollback()
        await session.commit()  # a later, empty commit does not run what was dropped
    with pytest.raises(LookupError):
        async with db.transaction() as session:
            await add_department(session, "Salud")
            raise LookupError("the step failed after the action")
    assert calls == []
    assert await departments(db) == 0


async def test_a_savepoint_is_not_the_commit(db: Database) -> None:
    calls: list[str] = []
    async with db.session() as session:
        async with session.begin_nested():
            session.add(department("Hacienda"))
            after_commit(session, lambda: calls.append("callback"))
        await session.rollback()
        await session.commit()
    assert calls == []


async def test_a_first_savepoint_never_commits_on_its_own(db: Database) -> None:
    """``savepoint`` taken before anything was written: the outer rollback leaves nothing on
    either engine (a bare ``begin_nested`` on pysqlite would have committed at its RELEASE)."""
    async with db.transaction() as session:
        await session.scalar(select(func.count()).select_from(Department))
        async with savepoint(session):
            session.add(department("Hacienda"))
            await session.flush()
        await session.rollback()
    assert await departments(db) == 0


async def test_a_commit_runs_each_effect_once_after_it_returns(db: Database) -> None:
    seen: list[tuple[int, int]] = []

    async def changed(department_id: int) -> None:  # async, and sees the committed row
        seen.append((department_id, await departments(db)))

    db.listen("department.changed", changed)
    async with db.session() as session:
        session.add(department("Hacienda"))
        for _ in range(3):
            signal(session, "department.changed", 7)
        await session.commit()
        assert seen == [(7, 1)]
        await session.commit()
    assert seen == [(7, 1)]


async def test_a_failing_effect_does_not_undo_the_commit_or_the_others(db: Database) -> None:
    calls: list[str] = []

    def broken() -> None:
        raise RuntimeError("the engine is gone")

    async with db.session() as session:
        session.add(department("Hacienda"))
        after_commit(session, broken)
        after_commit(session, lambda: calls.append("after"))
        await session.commit()
    assert calls == ["after"] and await departments(db) == 1


async def test_nested_actions_in_a_unit_of_work_commit_once(db: Database) -> None:
    commits = count_commits(db)
    woken: list[int] = []
    db.listen("departments.changed", lambda: woken.append(len(commits)))
    async with db.transaction() as session:
        await add_department(session, "Hacienda")
        await add_department(session, "Salud")
        with pytest.raises(RuntimeError, match="unit of work commits"):
            await session.commit()
        assert commits == [] and woken == []
    assert commits == [1] and woken == [1]  # one commit, then one wake-up
    async with db.session() as session:  # on its own, the same action commits itself
        await add_department(session, "Cultura")
    assert commits == [1, 1] and woken == [1, 2]
    assert await departments(db) == 3


async def until(condition: Callable[[], bool]) -> None:
    """Let the other tasks run until ``condition`` holds (no clock involved)."""
    for _ in range(1000):
        if condition():
            return
        await asyncio.sleep(0)
    raise AssertionError("the condition never held")


async def test_bot_and_campaign_engine_writers_queue_at_one_gate(services: Services) -> None:
    """With SQLite's busy wait turned off, a writer that reached SQLite while another held the
    write lock would fail with «database is locked»; the engine's writer waits at the gate."""
    db = services.db
    if not db.is_sqlite:
        pytest.skip("PostgreSQL needs no write gate")
    event.listen(db.engine.sync_engine, "connect",
                 lambda conn, _record: conn.cursor().execute("PRAGMA busy_timeout=0"))
    wrote, release = asyncio.Event(), asyncio.Event()

    async def write_and_wait(ctx: Context, _args: str) -> None:
        ctx.session.add(department("Hacienda"))
        await ctx.session.flush()  # the bot's transaction now holds SQLite's write lock
        wrote.set()
        await release.wait()

    flow_registry(services).add_command(Command("escribe", write_and_wait))
    bot = asyncio.create_task(dialogue_core(services).handle(
        Input.from_text(PersonRef(TELEGRAM, "4004"), "/escribe")))
    await wrote.wait()
    engine = asyncio.create_task(
        DeliveryStore(db, "engine-1").reclaim(utcnow()))
    await until(lambda: db.writers_waiting == 1)
    assert not engine.done()
    release.set()
    replies = await bot
    assert (await engine).uncertain == 0
    assert messages.SOMETHING_FAILED not in [r.text_html for r in replies]
    assert await departments(db) == 1 and db.writers_waiting == 0
