"""The shared outbox on both engines: claims with a lease, rows in flight only from their send,
outcomes with back-off, and expired leases reclaimed by any worker, whatever its name."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, delete, insert, select

from nucleo.db import Database, UTCDateTime
from nucleo.outbox import Backoff, Outbox, OutboxState, Reclaimed, Settle

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
LEASE = timedelta(minutes=10)
S = OutboxState

metadata = MetaData()
PROBE = Table(
    "outbox_probe", metadata,
    Column("id", Integer, primary_key=True),
    Column("state", String(12), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UTCDateTime, nullable=False),
    Column("claimed_by", String(64)),
    Column("lease_until", UTCDateTime),
    Column("last_error", String(300)),
    Column("sent_at", UTCDateTime),
)


@pytest.fixture
async def probe(db: Database) -> Database:
    """The ``db`` fixture with a scratch outbox table of ten due rows (ids 1–10)."""
    async with db.engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
        await conn.execute(delete(PROBE))
        await conn.execute(insert(PROBE), [
            {"id": i, "state": S.PENDIENTE.value, "attempts": 0, "next_attempt_at": NOW}
            for i in range(1, 11)])
    return db


def outbox(db: Database, worker: str, **kw: object) -> Outbox:
    return Outbox(db, PROBE, worker=worker, lease=LEASE, backoff=Backoff(base=2, cap=60),
                  max_attempts=3, sent_column="sent_at", **kw)


async def rows(db: Database) -> dict[int, dict[str, object]]:
    async with db.session() as session:
        return {r.id: r._asdict() for r in (await session.execute(select(PROBE))).all()}


async def test_a_claim_takes_due_rows_oldest_first_and_leaves_them_pending(probe):
    async with probe.session() as session:  # one row waits for its back-off
        await session.execute(PROBE.update().where(PROBE.c.id == 1)
                              .values(next_attempt_at=NOW + timedelta(seconds=5)))
        await session.commit()
    a, b = outbox(probe, "a"), outbox(probe, "b")
    claimed = await a.claim(NOW, 3)
    assert [r.id for r in claimed] == [2, 3, 4] and [r.attempts for r in claimed] == [0, 0, 0]
    assert [r.id for r in await b.claim(NOW, 100)] == [5, 6, 7, 8, 9, 10]
    assert await a.claim(NOW, 100) == []  # every due row is leased
    table = await rows(probe)
    assert {table[i]["state"] for i in table} == {S.PENDIENTE}  # claimed: nothing left yet
    assert table[2]["claimed_by"] == a.worker and table[2]["lease_until"] == NOW + LEASE
    assert table[1]["claimed_by"] is None


async def test_concurrent_claims_never_share_a_row(probe):
    workers = [outbox(probe, f"w{i}") for i in range(4)]
    batches = await asyncio.gather(*(w.claim(NOW, 3) for w in workers))
    ids = [r.id for batch in batches for r in batch]
    assert len(ids) == len(set(ids)) == 10


async def test_the_same_name_twice_is_two_workers(probe):
    first, second = outbox(probe, "host:8000"), outbox(probe, "host:8000")
    assert first.worker != second.worker
    claimed = [r.id for r in await first.claim(NOW, 2)]
    assert await second.begin(claimed, NOW) == []


async def test_only_rows_whose_send_starts_are_in_flight(probe):
    a = outbox(probe, "a")
    claimed = [r.id for r in await a.claim(NOW, 4)]
    assert await a.begin(claimed[:2], NOW) == [1, 2]
    assert await a.begin(claimed[:2], NOW) == []  # already in flight: started once
    table = await rows(probe)
    assert [table[i]["state"] for i in (1, 2, 3, 4)] == [S.ENVIANDO, S.ENVIANDO, S.PENDIENTE,
                                                          S.PENDIENTE]
    assert table[1]["attempts"] == 1 and table[3]["attempts"] == 0
    assert await a.release(claimed[2:]) == 2  # stopping: never started, back to the queue
    assert [r.id for r in await outbox(probe, "b").claim(NOW, 2)] == [3, 4]


async def test_a_cancelled_claim_is_not_started(probe):
    a = outbox(probe, "a")
    claimed = [r.id for r in await a.claim(NOW, 2)]
    async with probe.session() as session:  # e.g. the campaign was cancelled meanwhile
        await session.execute(PROBE.update().where(PROBE.c.id == 1)
                              .values(state=S.CANCELADA.value))
        await session.commit()
    assert await a.begin(claimed, NOW) == [2]


async def test_expired_leases_are_reclaimed_by_another_worker(probe):
    """A worker dies with two rows claimed and one in flight; a worker under another name
    reclaims after the lease: the one in flight is incierta, the others are sent."""
    dead = outbox(probe, "old-host:8000")
    claimed = [r.id for r in await dead.claim(NOW, 3)]
    await dead.begin(claimed[:1], NOW)
    other = outbox(probe, "new-host:9000", uncertain_error="resultado desconocido")
    assert await other.reclaim(NOW + timedelta(minutes=5)) == Reclaimed()  # leases still hold
    assert [r.id for r in await other.claim(NOW + timedelta(minutes=5), 100)] == list(
        range(4, 11))
    await other.release(list(range(4, 11)))
    later = NOW + LEASE + timedelta(seconds=1)
    assert await other.reclaim(later) == Reclaimed(uncertain=1, released=2)
    table = await rows(probe)
    assert table[1]["state"] == S.INCIERTA and table[1]["last_error"] == "resultado desconocido"
    assert [r.id for r in await other.claim(later, 100)] == list(range(2, 11))


async def test_a_resendable_queue_puts_rows_in_flight_back(probe):
    dead = outbox(probe, "a", resend=True)
    claimed = [r.id for r in await dead.claim(NOW, 1)]
    await dead.begin(claimed, NOW)
    other = outbox(probe, "b", resend=True)
    later = NOW + LEASE + timedelta(seconds=1)
    assert await other.reclaim(later) == Reclaimed(requeued=1)
    assert (await other.claim(later, 1))[0].attempts == 1


async def test_a_late_outcome_does_not_overwrite_a_reclaimed_row(probe):
    slow = outbox(probe, "slow")
    await slow.claim(NOW, 1)
    await slow.begin([1], NOW)
    await outbox(probe, "b").reclaim(NOW + LEASE + timedelta(seconds=1))
    async with probe.session() as session:
        await slow.settle(session, [slow.sent(1, NOW)])
        await session.commit()
    assert (await rows(probe))[1]["state"] == S.INCIERTA


async def test_outcomes_sent_retry_with_backoff_and_failed(probe):
    a = outbox(probe, "a")
    claimed = [r.id for r in await a.claim(NOW, 5)]
    await a.begin(claimed, NOW)
    at = NOW + timedelta(seconds=1)
    async with probe.session() as session:
        await a.settle(session, [
            a.sent(1, at),
            a.retry(2, at, "502", attempts=1),
            a.retry(3, at, "429", attempts=1, wait=30),
            a.retry(4, at, "502", attempts=3),  # the last allowed attempt
            a.retry(5, at, "waits for the topic", attempts=1, count=False, wait=0),
        ])
        await session.commit()
    table = await rows(probe)
    assert table[1]["state"] == S.ENVIADA and table[1]["sent_at"] == at
    assert table[2]["state"] == S.PENDIENTE and table[2]["next_attempt_at"] == at + timedelta(
        seconds=2) and table[2]["last_error"] == "502" and table[2]["claimed_by"] is None
    assert table[3]["next_attempt_at"] == at + timedelta(seconds=30)
    assert table[4]["state"] == S.FALLIDA
    assert table[5]["state"] == S.PENDIENTE and table[5]["attempts"] == 0
    assert [r.id for r in await a.claim(at, 10)] == [5, 6, 7, 8, 9, 10]
    assert [r.id for r in await a.claim(at + timedelta(seconds=2), 10)] == [2]


async def test_reopen_puts_a_sent_row_back_in_the_queue_once(probe):
    """A channel reports later that a sent row did not arrive: the row is due again, unclaimed,
    without its sent time; a second report (or a row not sent) changes nothing."""
    a = outbox(probe, "a")
    await a.begin([r.id for r in await a.claim(NOW, 2)], NOW)
    async with probe.session() as session:
        await a.settle(session, [a.sent(1, NOW)])  # row 2 stays in flight
        await session.commit()
    due = NOW + timedelta(minutes=5)
    async with probe.session() as session:
        assert await a.reopen(session, 1, due, "x" * 500)
        assert not await a.reopen(session, 1, due, "again")  # reopened already
        assert not await a.reopen(session, 2, due, "in flight")  # not sent
        await session.commit()
    table = await rows(probe)
    assert table[1]["state"] == S.PENDIENTE and table[1]["next_attempt_at"] == due
    assert table[1]["sent_at"] is None and table[1]["claimed_by"] is None
    assert table[1]["lease_until"] is None and table[1]["last_error"] == "x" * 300
    assert table[2]["state"] == S.ENVIANDO
    assert 1 not in [r.id for r in await a.claim(NOW, 10)]
    assert [r.id for r in await a.claim(due, 10)] == [1]


def test_a_row_that_runs_out_of_retries_says_so_within_the_error_length(probe):
    box = outbox(probe, "a", error_length=40, gave_up_note="sin más intentos ({n})")
    result = box.retry(1, NOW, "x" * 100, attempts=3)
    assert result.state is S.FALLIDA and len(result.error or "") == 40
    assert result.error == "x" * 17 + " — sin más intentos (3)"
    assert box.retry(1, NOW, "otro", attempts=2).error == "otro"  # still retrying: no note


def test_backoff_doubles_up_to_its_cap():
    backoff = Backoff(base=2, cap=60)
    assert [backoff.delay(n) for n in range(1, 8)] == [2, 4, 8, 16, 32, 60, 60]


def test_settle_carries_the_state_words():
    assert Settle(1, S.ENVIADA, NOW).state == "enviada"
    assert {s.value for s in S} == {"pendiente", "enviando", "enviada", "fallida", "bloqueada",
                                   "incierta", "cancelada"}


async def test_periodic_reclaim_runs_at_most_once_per_period(probe):
    dead, other = outbox(probe, "a"), outbox(probe, "b", reclaim_every=60)
    await dead.claim(NOW, 1)
    await dead.begin([1], NOW)
    assert await other.reclaim_if_due(NOW) == Reclaimed()  # the first call runs
    later = NOW + LEASE + timedelta(seconds=1)
    assert await other.reclaim_if_due(NOW + timedelta(seconds=59)) is None
    assert await other.reclaim_if_due(later) == Reclaimed(uncertain=1)
