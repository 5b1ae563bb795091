"""The Notifier (outbox in the caller's transaction) and the worker that sends after commit."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from sqlalchemy import select

from bot.core.types import WEB, PersonRef, Reply
from bot.models import OutboxMessage, WebMessage
from bot.notify import OutboxNotifier, OutboxWorker, Outcome
from bot.service import dialogue_core
from nucleo.models import Person
from nucleo.ports import Button
from nucleo.services import Services
from tests.bot.helpers import Chat, count_rows, onboard


class FakeTelegram:
    def __init__(self, *outcomes: Outcome) -> None:
        self.outcomes = list(outcomes)
        self.sent: list[tuple[int | None, str]] = []
        self.sent_one = asyncio.Event()

    async def send(self, session, person: Person, reply: Reply) -> Outcome:
        self.sent.append((person.telegram_chat_id, reply.text_html))
        self.sent_one.set()
        return self.outcomes.pop(0) if self.outcomes else Outcome("sent")


async def telegram_person(services: Services, chat_id: int = 55) -> int:
    async with services.db.session() as session:
        person = Person(source="bot", telegram_chat_id=chat_id)
        session.add(person)
        await session.commit()
        return person.id


async def queued_on_a_fixed_clock(services: Services) -> list[datetime]:
    """Freeze the services' clock (advance it through the returned cell) and queue "hola" for a
    Telegram person."""
    now = [services.clock()]
    services.clock = lambda: now[0]
    person_id = await telegram_person(services)
    async with services.db.session() as session:
        await OutboxNotifier(services.clock).notify(session, person_id, "hola")
        await session.commit()
    return now


async def statuses(services: Services) -> list[str]:
    async with services.db.session() as session:
        return list((await session.execute(select(OutboxMessage.state)
                                           .order_by(OutboxMessage.id))).scalars())


async def test_rollback_queues_nothing(services: Services) -> None:
    person_id = await telegram_person(services)
    async with services.db.session() as session:
        await OutboxNotifier().notify(session, person_id, "Hola")
        await session.rollback()
    assert await count_rows(services, OutboxMessage) == 0


async def test_worker_sends_after_commit_through_telegram(services: Services) -> None:
    person_id = await telegram_person(services)
    async with services.db.session() as session:
        await OutboxNotifier().notify(session, person_id, "<b>Hola</b>",
                                      [[Button("Ver", "menu:ver")]])
        await session.commit()
    telegram = FakeTelegram()
    worker = OutboxWorker(services, telegram=telegram)
    assert await worker.run_once() == 1
    assert telegram.sent == [(55, "<b>Hola</b>")]
    assert await statuses(services) == ["enviada"]
    assert await worker.run_once() == 0                   # never sent twice


async def test_blocked_marks_the_person_unreachable(services: Services) -> None:
    person_id = await telegram_person(services)
    async with services.db.session() as session:
        for text in ("uno", "dos"):
            await OutboxNotifier().notify(session, person_id, text)
        await session.commit()
    telegram = FakeTelegram(Outcome("blocked", error="Forbidden"))
    await OutboxWorker(services, telegram=telegram).run_once()
    assert await statuses(services) == ["bloqueada", "bloqueada"]
    assert len(telegram.sent) == 1                          # the second was not even tried
    async with services.db.session() as session:
        assert (await session.get(Person, person_id)).telegram_blocked_at is not None


async def test_retry_with_backoff_then_give_up(services: Services) -> None:
    now = await queued_on_a_fixed_clock(services)
    telegram = FakeTelegram(*[Outcome("retry", retry_after=3)] * 3)
    worker = OutboxWorker(services, telegram=telegram, max_attempts=3)
    await worker.run_once()
    assert await statuses(services) == ["pendiente"]
    assert await worker.run_once() == 0                     # not due yet
    for _ in range(2):
        now[0] += timedelta(seconds=4)
        await worker.run_once()
    assert await statuses(services) == ["fallida"] and len(telegram.sent) == 3


async def test_web_person_gets_the_message_in_the_web_inbox(services: Services) -> None:
    chat = Chat(dialogue_core(services), PersonRef(WEB, "sesion-1"))
    await onboard(chat, statistics=False)
    async with services.db.session() as session:
        person = (await session.execute(select(Person))).scalars().one()
        await OutboxNotifier().notify(session, person.id, "Su pregunta tiene respuesta")
        await session.commit()
    await OutboxWorker(services).run_once()
    async with services.db.session() as session:
        [message] = (await session.execute(select(WebMessage))).scalars()
    assert message.text_html == "Su pregunta tiene respuesta"
    assert message.conversation_key == chat.core.keys.key(chat.ref)


async def test_person_without_channel_fails(services: Services) -> None:
    async with services.db.session() as session:
        person = Person(source="directorio")
        session.add(person)
        await session.flush()
        await OutboxNotifier().notify(session, person.id, "hola")
        await session.commit()
    await OutboxWorker(services).run_once()
    assert await statuses(services) == ["fallida"]


async def test_worker_component_wakes_and_stops(services: Services) -> None:
    person_id = await telegram_person(services)
    telegram = FakeTelegram()
    worker = OutboxWorker(services, telegram=telegram, interval=5)
    await worker.start()
    async with services.db.session() as session:
        await OutboxNotifier().notify(session, person_id, "ya")
        await session.commit()
    worker.wake()
    await asyncio.wait_for(telegram.sent_one.wait(), 10)
    await worker.stop()
    assert telegram.sent == [(55, "ya")]


async def test_a_message_left_in_flight_is_sent_again_by_another_worker(services: Services) -> None:
    """A worker dies mid-send (its request may or may not have left): once the lease expires,
    a worker under any name sends the message again; a notice twice beats a lost one."""
    now = await queued_on_a_fixed_clock(services)
    dead = OutboxWorker(services, telegram=FakeTelegram())
    [row] = await dead.outbox.claim(now[0], 10)
    assert await dead.outbox.begin([row.id], now[0]) == [row.id]  # ...and the process dies
    telegram = FakeTelegram()
    other = OutboxWorker(services, telegram=telegram, reclaim_every=60)
    assert await other.run_once() == 0 and await statuses(services) == ["enviando"]
    now[0] += timedelta(minutes=6)
    assert await other.run_once() == 1
    assert telegram.sent == [(55, "hola")] and await statuses(services) == ["enviada"]
