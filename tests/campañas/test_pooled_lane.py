"""The e-mail lane (``Lane.pooled``): rows are claimed ahead but stay 'pendiente'; they become
'enviando' in groups of as many rows as connections, at most two groups at once, so a crash
leaves at most two groups «incierta»; a group's commit carries the outcomes of the sends that
ended before it; rows claimed before a pause are not started."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from campañas import actions
from campañas.delivery import DeliveryEngine, Lane
from campañas.models import Delivery
from campañas.senders.base import Outcome
from campañas.states import Verdict
from campañas.store import DeliveryStore
from tests.campañas.conftest import NOW, settings_for
from tests.campañas.test_delivery import Clock, GatedSender, nothing_in_flight, start, states
from tests.fakes.waiting import eventually


class PooledSender:
    """A sender with ``connections`` connections whose sends hold them until the test lets
    them end (``finish``), like the e-mail sender's pool (``ready`` has no rate to wait for)."""

    channel = "telegram"

    def __init__(self, connections: int) -> None:
        self.pool = asyncio.Semaphore(connections)
        self.permits = asyncio.Semaphore(0)  # one per send allowed to end
        self.sending = 0
        self.sent: list[int] = []

    def finish(self, sends: int) -> None:
        for _ in range(sends):
            self.permits.release()

    async def ready(self, delivery) -> None:
        pass

    async def send(self, delivery):
        async with self.pool:
            self.sending += 1
            await self.permits.acquire()
            self.sending -= 1
            self.sent.append(delivery.delivery_id)
        return Outcome(Verdict.SENT)

    async def close(self) -> None:
        pass


class CountingStore(DeliveryStore):
    """Remembers the size of every group marked 'enviando'."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.groups: list[int] = []
        self.carried = 0  # outcomes written with a group

    async def begin(self, delivery_ids, now, results=()):
        self.groups.append(len(delivery_ids))
        self.carried += len(results)
        return await super().begin(delivery_ids, now, results)


async def claimed(db) -> dict[str, int]:
    """States of the rows that hold a lease (claimed or in flight)."""
    async with db.session() as session:
        return dict((await session.execute(
            select(Delivery.state, func.count()).where(Delivery.lease_until.is_not(None))
            .group_by(Delivery.state))).all())


def test_pooled_lane_sizes() -> None:
    sender = PooledSender(4)
    lane = Lane.pooled(sender, None, 4)
    assert (lane.begin_group, lane.max_in_flight, lane.batch) == (4, 8, 64)
    paced = Lane.pooled(sender, 100.0, 4)  # a quarter of a second of the rate, ≥ two groups
    assert (paced.begin_group, paced.max_in_flight, paced.batch) == (4, 8, 25)
    assert Lane.pooled(sender, 2.0, 4).batch == 8


async def test_rows_start_in_groups_and_at_most_two_groups_are_in_flight(
        db, settings, telegram_double_unlimited) -> None:
    settings = settings_for(settings, telegram=telegram_double_unlimited)  # configured only
    await start(db, settings, people=10)
    sender = PooledSender(2)
    store = CountingStore(db, "w")
    # no timed writes: outcomes go with the next group's commit, or when the lane is idle
    engine = DeliveryEngine(store, {"telegram": Lane.pooled(sender, None, 2)},
                            clock=Clock(NOW), poll_interval=0.01, flush_interval=3600)
    await engine.start()
    try:
        await eventually(lambda: sender.sending == 2, what="both connections to be busy")
        # 2 sending, 2 marked and waiting for a connection; the rest claimed, not started
        await eventually(lambda: _equal(claimed(db), {"enviando": 4, "pendiente": 6}),
                         what="a second group to wait for a connection")
        assert store.groups == [4] and store.carried == 0  # the first commit fills the room
        for groups in (2, 3, 4):  # two sends end: room for a group, which carries their outcomes
            sender.finish(2)
            await eventually(lambda n=groups: len(store.groups) == n,
                             what=f"group {groups} to start")
            assert store.groups[-1] == 2 and store.carried == 2 * (groups - 1)
        sender.finish(4)
        await eventually(lambda: _equal(states(db), {"enviada": 10}), what="every send")
        await eventually(lambda: nothing_in_flight(db), what="the outcomes")
    finally:
        await engine.stop()
    assert sorted(sender.sent) == list(range(1, 11))
    assert store.groups == [4, 2, 2, 2] and store.carried == 6


async def test_rows_claimed_before_a_pause_are_not_started(
        db, settings, telegram_double_unlimited) -> None:
    """Claims reach ahead of the sends; a pause that comes meanwhile still holds those rows:
    they are given back unsent and go out after the resume."""
    settings = settings_for(settings, telegram=telegram_double_unlimited)  # configured only
    campaign_id, _ = await start(db, settings, people=4)
    sender = GatedSender()
    engine = DeliveryEngine(DeliveryStore(db, "w"), {"telegram": Lane(sender, batch=3)},
                            clock=Clock(NOW), poll_interval=0.01)
    await engine.start()
    try:
        await eventually(lambda: sender.waiting == 3, what="three rows to wait for a slot")
        async with db.session() as session:
            await actions.pause(session, campaign_id=campaign_id)
        sender.gate.set()
        await eventually(lambda: nothing_in_flight(db), what="the claims to be given back")
    finally:
        await engine.stop()
    assert sender.sent == [] and await states(db) == {"pendiente": 4}
    async with db.session() as session:
        await actions.resume(session, settings=settings, campaign_id=campaign_id, now=NOW)
    await DeliveryEngine(DeliveryStore(db, "w2"), {"telegram": Lane(sender, batch=3)},
                         clock=Clock(NOW)).drain()
    assert await states(db) == {"enviada": 4} and sorted(sender.sent) == [1, 2, 3, 4]


async def _equal(found, expected) -> bool:
    return await found == expected


class RefusingStore:
    """A store whose combined write (a group plus outcomes) fails; a group alone works."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[int], int]] = []

    async def begin(self, delivery_ids, now, results=()):
        self.calls.append((list(delivery_ids), len(results)))
        if results:
            raise RuntimeError("the outcomes could not be written")
        return set(delivery_ids)


async def test_a_failed_combined_write_begins_the_group_alone_and_keeps_the_outcomes() -> None:
    store = RefusingStore()
    engine = DeliveryEngine(store, {}, clock=Clock(NOW))  # type: ignore[arg-type]  # a stub store
    engine._results = ["outcome"]  # type: ignore[list-item]  # a marker, never awaited
    assert await engine._begin_with_results([7, 8]) == {7, 8}
    assert store.calls == [([7, 8], 1), ([7, 8], 0)]
    assert engine._results == ["outcome"]  # written by the next group or the writer
