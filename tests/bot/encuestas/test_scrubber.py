"""The background scrub: off the reply path, and coalesced when batches finish together."""

from __future__ import annotations

import asyncio
import secrets
from datetime import date

import asyncpg
import pytest
from sqlalchemy import delete, text

from bot.encuestas import component, tally
from bot.encuestas.component import SurveyScrubber
from bot.encuestas.models import Survey, SurveyPool
from nucleo.db import Database
from nucleo.services import Services
from tests.conftest import _pg_dsn


async def test_requests_during_a_scrub_are_coalesced_into_one_more(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[bool] = []
    started, release = asyncio.Event(), asyncio.Event()

    async def scrub(_db, *, final: bool = False) -> bool:
        runs.append(final)
        started.set()
        await release.wait()
        return True

    monkeypatch.setattr(component, "scrub", scrub)
    scrubber = SurveyScrubber(services)
    await scrubber.start()
    try:
        scrubber.wake(False)
        await asyncio.wait_for(started.wait(), timeout=5)  # the first scrub is running
        for final in (False, True, False):  # three batches finish meanwhile
            scrubber.wake(final)
        release.set()
        await asyncio.wait_for(scrubber.settled(), timeout=5)
    finally:
        await scrubber.stop()
    assert runs == [False, True]  # one more run, final because one of the requests was


async def test_a_scrub_that_could_not_finish_runs_again_and_settles_only_then(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    """An old transaction (or a busy WAL) makes the scrub give up without rewriting: it must run
    again, still final, instead of leaving the deleted rows in the files."""
    outcomes = [False, False, True]
    runs: list[bool] = []

    async def scrub(_db, *, final: bool = False) -> bool:
        runs.append(final)
        return outcomes.pop(0)

    monkeypatch.setattr(component, "scrub", scrub)
    scrubber = SurveyScrubber(services, retry_seconds=0)
    await scrubber.start()
    try:
        scrubber.wake(True)
        await asyncio.wait_for(scrubber.settled(), timeout=5)
    finally:
        await scrubber.stop()
    assert runs == [True, True, True]


@pytest.fixture
async def pg_db(postgres_available: str | None, request: pytest.FixtureRequest):
    """This worker's PostgreSQL database, emptied (the scrub's waits are PostgreSQL's)."""
    if postgres_available:
        pytest.skip(postgres_available)
    worker = request.getfixturevalue("postgres_database")
    await worker.reset()
    db = Database(worker.url)
    yield db
    await db.dispose()


async def _pool_heap(db: Database) -> bytes:
    async with db.engine.connect() as connection:
        connection = await connection.execution_options(isolation_level="AUTOCOMMIT")
        await connection.execute(text("CHECKPOINT"))
        path = await connection.scalar(text("SELECT pg_relation_filepath('survey_pool')"))
        data = await connection.scalar(text("SELECT pg_read_binary_file(:p)"), {"p": path})
    return bytes(data or b"")


@pytest.mark.postgres
async def test_a_transaction_in_another_database_defers_the_scrub(
        pg_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every snapshot, VACUUM FULL's own included, starts at the oldest xid running anywhere on
    the server; while a transaction older than the deletes is open in ANY database (another
    service, another test worker), VACUUM FULL would copy the deleted pool rows. The scrub must
    then report that it left something behind, and remove it once that transaction ends."""
    marker = f"marca-{secrets.token_hex(6)}"
    async with pg_db.session() as session:
        survey = Survey(title="E", period_label="2026", opens_on=date(2026, 1, 1),
                        closes_on=date(2026, 1, 31))
        session.add(survey)
        await session.flush()
        session.add(SurveyPool(survey_id=survey.id, group_key="*", texts={"1": marker}))
        await session.commit()
    other = await asyncpg.connect(_pg_dsn())  # the server's `test` database, not this worker's
    holding = other.transaction()
    await holding.start()
    await other.fetchval("SELECT txid_current()")  # an xid older than the delete below
    try:
        async with pg_db.session() as session:
            await session.execute(delete(SurveyPool))
            await session.commit()
        with monkeypatch.context() as patch:  # no need to wait 30 s for a transaction we hold
            patch.setattr(tally, "SNAPSHOT_WAIT_SECONDS", 0.05)
            assert await tally.scrub(pg_db) is False  # deferred: rewriting now would copy the row
    finally:
        await holding.rollback()
        await other.close()
    monkeypatch.undo()  # the real wait: another worker's short transaction must not fail this
    assert await tally.scrub(pg_db) is True
    assert marker.encode() not in await _pool_heap(pg_db)
