"""The delivery engine against the real python-telegram-bot and the Telegram double: one
upload, every outcome (429, 403, chat not found, 5xx) handled, pause/resume/cancel without a
duplicate."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from datetime import timedelta

from sqlalchemy import func, select, update

from campañas import actions
from campañas.delivery import DeliveryEngine, Lane, RetryPolicy
from campañas.models import Delivery, Run
from campañas.runtime import CampaignRuntime
from campañas.senders.telegram import TelegramSender, make_bot
from campañas.store import DeliveryStore
from nucleo.models import Person
from nucleo.outbox import OPEN
from nucleo.ratelimit import TelegramLimits, TelegramRateLimiter
from nucleo.services import Services
from tests.campañas.conftest import NOW, add_people, campaign_with_pieces, settings_for
from tests.fakes.waiting import eventually


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


class FastClock:
    """Limiter clock running ``factor`` times faster than real time (1 s waits take 50 ms)."""

    def __init__(self, factor: float = 20.0) -> None:
        self.factor = factor

    def now(self) -> float:
        return time.monotonic() * self.factor

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds / self.factor)


async def states(db) -> dict[str, int]:
    async with db.session() as session:
        return dict((await session.execute(
            select(Delivery.state, func.count()).group_by(Delivery.state))).all())


async def nothing_in_flight(db) -> bool:
    """No row is claimed: every send the engine started has its outcome written, and the rows
    it claimed but had not started (still 'pendiente', waiting for the rate limit) were sent
    or given back."""
    async with db.session() as session:
        return not await session.scalar(select(func.count()).select_from(Delivery).where(
            Delivery.state.in_(OPEN), Delivery.lease_until.is_not(None)))


def engine_for(db, settings, clock, *, rate=1000.0, attempts=3):
    limiter = TelegramRateLimiter(TelegramLimits(global_rate=rate), clock=FastClock())
    sender = TelegramSender(make_bot(settings), settings.data_dir, limiter)
    engine = DeliveryEngine(DeliveryStore(db, "test"), {"telegram": Lane.paced(sender, rate)},
                            clock=clock, policy=RetryPolicy(max_attempts=attempts, base_delay=1))
    return engine, sender, limiter


async def start(db, settings, people=5):
    await add_people(db, people)
    campaign_id = await campaign_with_pieces(db, settings)
    async with db.session() as session:
        runs = await actions.send_now(session, settings=settings, campaign_id=campaign_id, now=NOW)
    return campaign_id, runs


async def test_send_now_reaches_everyone_once_with_one_upload(db, settings,
                                                              telegram_double_unlimited):
    tg = telegram_double_unlimited
    settings = settings_for(settings, telegram=tg)
    _, runs = await start(db, settings, people=20)
    assert runs[0].targeted == 20
    runtime = CampaignRuntime(Services(settings=settings, db=db, clock=lambda: NOW), worker="t")
    await runtime.engine.drain()
    await runtime.close()
    assert tg.uploads_count == 1
    assert [len(tg.messages_to(1000 + i)) for i in range(20)] == [1] * 20
    message = tg.last_message(1000)
    assert message.buttons and message.reply_markup
    assert await states(db) == {"enviada": 20}


async def test_every_telegram_answer_is_classified(db, settings, telegram_double_unlimited):
    tg = telegram_double_unlimited
    settings = settings_for(settings, telegram=tg)
    await start(db, settings, people=6)
    tg.block(1001)
    tg.make_chat_not_found(1002)
    clock = Clock(NOW)
    engine, sender, limiter = engine_for(db, settings, clock)
    await sender.bot.initialize()
    sender._initialized = True
    tg.fail_next("sendPhoto", status=429, retry_after=1)
    tg.fail_next("*", status=500, count=1)
    await engine.drain()
    assert limiter.chat_pauses == 1 and limiter.pauses == 0  # one chat's 429: only it waits
    for _ in range(4):
        clock.now += timedelta(seconds=5)
        await engine.drain()
    await sender.close()
    final = await states(db)
    assert final == {"enviada": 4, "bloqueada": 1, "fallida": 1}
    assert engine.counts["rate_limited"] == 1 and engine.counts["retry"] == 1
    async with db.session() as session:
        blocked = await session.scalar(select(Person).where(Person.telegram_chat_id == 1001))
        failed = await session.scalar(select(Delivery).where(Delivery.state == "fallida"))
    assert blocked.telegram_blocked_at is not None
    assert "chat not found" in failed.last_error.lower()
    received = Counter(m.chat_id for msgs in tg.sent_messages.values() for m in msgs)
    assert set(received.values()) == {1}


async def test_server_errors_are_retried_a_bounded_number_of_times(db, settings,
                                                                   telegram_double_unlimited):
    tg = telegram_double_unlimited
    settings = settings_for(settings, telegram=tg)
    await start(db, settings, people=1)
    tg.fail_next("sendPhoto", status=502, count=10)
    clock = Clock(NOW)
    engine, sender, _ = engine_for(db, settings, clock, attempts=3)
    for _ in range(5):
        await engine.drain()
        clock.now += timedelta(minutes=5)
    await sender.close()
    assert await states(db) == {"fallida": 1}
    async with db.session() as session:
        row = await session.scalar(select(Delivery))
    assert row.attempts == 3 and row.sent_at is None


async def test_pause_resume_cancel_never_duplicate(db, settings, telegram_double_unlimited):
    tg = telegram_double_unlimited
    settings = settings_for(settings, telegram=tg)
    campaign_id, _ = await start(db, settings, people=40)
    clock = Clock(NOW)
    engine, sender, _ = engine_for(db, settings, clock, rate=2)  # 40/s with FastClock
    await engine.start()
    try:
        await tg.wait_for_sent(5)
        async with db.session() as session:
            await actions.pause(session, campaign_id=campaign_id)
        await eventually(lambda: nothing_in_flight(db), what="the sends in flight to end")
        paused_count = tg.sent_count()
        await engine.stop()
        await engine.drain()  # a whole pass of the engine: nothing of a paused run is due
        assert tg.sent_count() == paused_count < 40
        async with db.session() as session:
            await actions.resume(session, settings=settings, campaign_id=campaign_id, now=NOW)
        await engine.start()
        await tg.wait_for_sent(paused_count + 5)
        async with db.session() as session:
            await actions.cancel(session, campaign_id=campaign_id, now=NOW)
        await eventually(lambda: nothing_in_flight(db), what="the sends in flight to end")
    finally:
        await engine.stop()
        await sender.close()
    received = Counter(m.chat_id for msgs in tg.sent_messages.values() for m in msgs)
    assert set(received.values()) == {1}
    final = await states(db)
    assert final["enviada"] == sum(received.values()) < 40
    assert final["cancelada"] == 40 - final["enviada"]


class SlowStore:
    """A store whose first write hangs until cancelled, as a write does when the engine stops."""

    def __init__(self) -> None:
        self.writing = asyncio.Event()
        self.recorded: list = []
        self.calls = 0

    async def record(self, batch) -> None:
        self.calls += 1
        if self.calls == 1:
            self.writing.set()
            await asyncio.Event().wait()  # cancelled here, before the transaction commits
        self.recorded.extend(batch)


async def test_outcomes_being_written_when_the_engine_stops_are_kept():
    """Stopping cancels the writer; the batch it was writing must reach the final flush, or
    those rows stay «enviando» and become «incierta» though their outcome was known."""
    store = SlowStore()
    engine = DeliveryEngine(store, {})  # record() is all it needs
    engine._results = ["outcome"]  # what the lanes left to write
    writer = asyncio.create_task(engine._flush())
    await store.writing.wait()
    writer.cancel()
    await asyncio.gather(writer, return_exceptions=True)
    await engine._flush()  # what stop() and drain() do last
    assert store.recorded == ["outcome"]


class GatedSender:
    """A Telegram-like sender whose rate limiter opens only when the test says so."""

    channel = "telegram"

    def __init__(self) -> None:
        self.gate = asyncio.Event()
        self.waiting = 0
        self.sent: list[int] = []

    async def ready(self, delivery) -> None:
        self.waiting += 1
        await self.gate.wait()

    async def send(self, delivery):
        from campañas.senders.base import Outcome
        from campañas.states import Verdict

        self.sent.append(delivery.delivery_id)
        return Outcome(Verdict.SENT)

    async def close(self) -> None:
        pass


async def claims(db) -> list[tuple[str, bool]]:
    async with db.session() as session:
        return [(state, lease is not None) for state, lease in (await session.execute(
            select(Delivery.state, Delivery.lease_until).order_by(Delivery.id))).all()]


async def test_rows_waiting_for_a_rate_slot_are_not_in_flight(db, settings,
                                                             telegram_double_unlimited):
    """Claimed rows stay 'pendiente' (with a lease) until their send starts: a crash while
    they wait leaves nothing 'incierta'; stopping gives them back."""
    settings = settings_for(settings, telegram=telegram_double_unlimited)  # configured only
    await start(db, settings, people=4)
    sender = GatedSender()
    engine = DeliveryEngine(DeliveryStore(db, "w"), {"telegram": Lane(sender, batch=3)},
                            clock=Clock(NOW), poll_interval=0.01)
    await engine.start()
    try:
        await eventually(lambda: sender.waiting == 3, what="three rows to wait for a slot")
        assert await claims(db) == [("pendiente", True)] * 3 + [("pendiente", False)]
    finally:
        await engine.stop()
    assert await claims(db) == [("pendiente", False)] * 4 and sender.sent == []
    sender.gate.set()
    await DeliveryEngine(DeliveryStore(db, "w2"), {"telegram": Lane(sender, batch=3)},
                         clock=Clock(NOW)).drain()
    assert await states(db) == {"enviada": 4} and sorted(sender.sent) == [1, 2, 3, 4]


async def test_a_running_engine_reclaims_leases_of_any_dead_engine(db, settings,
                                                                  telegram_double_unlimited):
    """Recovery is periodic and by lease, not at start-up by name: rows another process left
    in flight become 'incierta' while this engine runs, and the run can finish."""
    settings = settings_for(settings, telegram=telegram_double_unlimited)  # configured only
    await start(db, settings, people=3)
    async with db.session() as session:  # a process under another name died mid-send
        await session.execute(update(Delivery).where(Delivery.id == 1).values(
            state="enviando", claimed_by="old-host:8000~0", attempts=1,
            lease_until=NOW + timedelta(minutes=10)))
        await session.commit()
    clock = Clock(NOW)
    sender = GatedSender()
    sender.gate.set()
    engine = DeliveryEngine(DeliveryStore(db, "new-host:9000"), {"telegram": Lane(sender, 3)},
                            clock=clock, poll_interval=0.01, reclaim_interval=0.01)
    await engine.start()
    try:
        async def state_is(expected: dict[str, int]) -> bool:
            return await states(db) == expected

        await eventually(lambda: state_is({"enviada": 2, "enviando": 1}),
                         what="the others to be sent")  # the dead one's lease still holds
        clock.now = NOW + timedelta(minutes=11)
        await eventually(lambda: state_is({"enviada": 2, "incierta": 1}),
                         what="the periodic reclaim")
        await eventually(lambda: run_state(db, "finalizada"), what="the run to finish")
    finally:
        await engine.stop()
    assert sorted(sender.sent) == [2, 3] and engine.recovered == 1


async def run_state(db, expected: str) -> bool:
    async with db.session() as session:
        return await session.scalar(select(Run.state)) == expected
