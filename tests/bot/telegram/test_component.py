"""Restarts: the conversation continues, old buttons keep working or are politely refused."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot import messages
from bot.models import OutboxMessage
from bot.telegram.app import channel_of
from nucleo.db import Database
from nucleo.models import Consent
from nucleo.outbox import OPEN
from nucleo.ratelimit import TELEGRAM_LIMITER, Priority, PTBRateLimiter
from nucleo.settings import Settings
from tests.bot.telegram.conftest import run_service, service_settings
from tests.fakes.net import free_port
from tests.fakes.telegram_api import TelegramDouble
from tests.fakes.waiting import eventually

CHAT = 7070


async def test_restart_in_the_middle_of_onboarding_continues(
        settings: Settings, db: Database, telegram_double_unlimited: TelegramDouble,
        mode: str) -> None:
    tg = telegram_double_unlimited
    port = free_port()
    configured = service_settings(settings, tg, mode, port)
    async with run_service(configured, db, tg, mode, port) as first:
        await first.exchange(CHAT, lambda: tg.push_command(CHAT, "start"), 2)
        await first.tap(CHAT, "inicio:si:campanas")
        await first.said(CHAT, 4)
    stale_question = tg.messages_to(CHAT)[1].message_id         # buttons from before restart
    async with run_service(configured, db, tg, mode, port) as second:
        await second.tap(CHAT, "inicio:no:estadisticas")
        texts = await second.said(CHAT, 6)
        assert texts[4] == messages.DECISION_NOTED_NO and "Autorización 3 de 3" in texts[5]
        texts = await second.exchange(
            CHAT, lambda: tg.push_callback(CHAT, "inicio:no:campanas",
                                           message_id=stale_question), 1)
        assert texts[0] == messages.STALE_BUTTON
        await second.tap(CHAT, "inicio:si:seguimiento")
        await second.until(CHAT, messages.MENU_TITLE)
        async with db.session() as session:
            stored = {c.purpose: c.granted for c in (await session.execute(
                select(Consent))).scalars()}
    assert stored == {"campanas": True, "estadisticas": False, "seguimiento": True}


async def test_notifier_sends_through_telegram_and_403_marks_blocked(
        settings: Settings, db: Database, telegram_double_unlimited: TelegramDouble,
        mode: str) -> None:
    from bot.notify import OutboxNotifier
    from bot.wiring import OUTBOX_WORKER
    from nucleo.models import Person
    from nucleo.ports import NOTIFIER, Button

    tg = telegram_double_unlimited
    port = free_port()
    async with run_service(service_settings(settings, tg, mode, port), db, tg, mode,
                           port) as running:
        services = running.services
        assert isinstance(services.get(NOTIFIER), OutboxNotifier)
        async with db.session() as session:
            people = [Person(source="bot", telegram_chat_id=chat) for chat in (801, 802)]
            session.add_all(people)
            await session.flush()
            for person in people:
                await services.get(NOTIFIER).notify(session, person.id, "<b>Nuevo valor</b>",
                                                    [[Button("Ver", "menu:valor")]])
            await session.commit()
        tg.block(802)
        services.get(OUTBOX_WORKER).wake()
        [sent] = await tg.wait_for_messages_async(801, 1)
        assert sent.text == "Nuevo valor" and sent.buttons[0][0]["callback_data"] == "menu:valor"

        async def blocked() -> bool:
            async with db.session() as session:
                return (await session.execute(select(Person.telegram_blocked_at).where(
                    Person.telegram_chat_id == 802))).scalar_one() is not None

        await eventually(blocked, what="chat 802 to be marked unreachable")


async def test_a_reply_telegram_refuses_for_now_arrives_later(
        settings: Settings, db: Database, telegram_double_unlimited: TelegramDouble,
        mode: str) -> None:
    """#14 item 8: the update is processed when its reply fails (Telegram's front end answers
    502); the reply, like every reply, is in the outbox, and arrives at its second attempt
    instead of being lost."""
    from bot.models import OutboxMessage

    tg = telegram_double_unlimited
    port = free_port()
    async with run_service(service_settings(settings, tg, mode, port), db, tg, mode,
                           port) as running:
        await running.exchange(CHAT, lambda: tg.push_command(CHAT, "start"), 2)
        for decision in ("inicio:si:campanas", "inicio:no:estadisticas", "inicio:si:seguimiento"):
            await running.tap(CHAT, decision)
        await running.until(CHAT, messages.MENU_TITLE)
        [expected] = await running.exchange(CHAT, lambda: tg.push_command(CHAT, "ayuda"), 1)
        tg.fail_next("sendMessage", status=502, count=1)
        [late] = await running.exchange(CHAT, lambda: tg.push_command(CHAT, "ayuda"), 1)

        async def settled() -> list[tuple[str, int]]:
            async with db.session() as session:
                rows = list(await session.execute(
                    select(OutboxMessage.state, OutboxMessage.attempts)
                    .order_by(OutboxMessage.id)))
            return [(r.state, r.attempts) for r in rows] if all(
                r.state == "enviada" for r in rows) else []

        kept = await eventually(settled, what="every reply to be marked sent")
    assert late == expected and kept[-1] == ("enviada", 2)
    assert all(attempts == 1 for _, attempts in kept[:-1])


async def test_flooding_servant_is_slowed_and_others_answered(
        settings: Settings, db: Database, telegram_double_unlimited: TelegramDouble) -> None:
    from bot.core.flood import FloodControl
    from bot.service import dialogue_core

    tg = telegram_double_unlimited
    port = free_port()
    async with run_service(service_settings(settings, tg, "webhook", port), db, tg, "webhook",
                           port) as running:
        # A clock that stands still: however slowly a busy machine works through the 40
        # messages, no token comes back meanwhile.
        dialogue_core(running.services).flood = FloodControl(burst=5, per_minute=20,
                                                             clock=lambda: 0.0)
        for _ in range(40):
            tg.push_command(901, "ayuda")
        tg.push_command(902, "ayuda")
        await running.pump()  # every update handled: its replies are queued in the outbox
        await tg.wait_for_messages_async(902, 1)

        async def drained() -> bool:  # replies leave the outbox per chat, 902's may come first
            async with db.session() as session:
                return not await session.scalar(select(func.count()).select_from(OutboxMessage)
                                                .where(OutboxMessage.state.in_(OPEN)))

        await eventually(drained, what="every queued reply sent")
        texts = [m.text for m in tg.messages_to(901)]
    assert len(texts) == 6 and texts.count(messages.SLOW_DOWN) == 1


@pytest.mark.slow
async def test_telegram_flood_limits_are_respected(
        settings: Settings, db: Database, telegram_double: TelegramDouble) -> None:
    """With Telegram's per-chat limit (a burst of 3, then 1 a second) and no per-chat pacing
    (the test settings) nothing is lost: the 429 pauses that chat only, and the reply is sent
    again after ``retry_after``. The double's time moves one second per 429 it answers, never
    while the service works, so the fourth message is refused exactly once on any machine."""
    from tests.fakes.telegram.limits import RateLimits

    tg = telegram_double
    tg.set_rate_limits(RateLimits(), clock=lambda: float(tg.count_429))
    port = free_port()
    async with run_service(service_settings(settings, tg, "webhook", port), db, tg, "webhook",
                           port) as running:
        await running.exchange(CHAT, lambda: tg.push_command(CHAT, "start"), 2)
        await running.tap(CHAT, "inicio:si:campanas")
        texts = await running.said(CHAT, 4)
        limiter = running.services.need(TELEGRAM_LIMITER)
    assert texts[2] == messages.DECISION_NOTED_YES and "Autorización 2 de 3" in texts[3]
    assert tg.count_429 == 1 and limiter.chat_pauses == 1 and limiter.pauses == 0


@pytest.mark.slow
async def test_per_chat_pacing_meets_telegram_limits_without_a_429(
        settings: Settings, db: Database, telegram_double: TelegramDouble) -> None:
    """With the production per-chat rule (3 messages in any 3 s) the same exchange gets no 429:
    the fourth message waits for its chat's window instead (about three seconds)."""
    tg = telegram_double
    port = free_port()
    paced = service_settings(settings, tg, "webhook", port).model_copy(
        update={"telegram_chat_pacing": True})
    async with run_service(paced, db, tg, "webhook", port) as running:
        await running.exchange(CHAT, lambda: tg.push_command(CHAT, "start"), 2)
        await running.tap(CHAT, "inicio:si:campanas")
        texts = await running.said(CHAT, 4)
    assert texts[2] == messages.DECISION_NOTED_YES and "Autorización 2 de 3" in texts[3]
    assert tg.count_429 == 0


async def test_replies_and_campaigns_share_one_limiter(
        settings: Settings, db: Database, telegram_double_unlimited: TelegramDouble) -> None:
    from campañas.runtime import get_runtime

    tg = telegram_double_unlimited
    port = free_port()
    async with run_service(service_settings(settings, tg, "webhook", port), db, tg, "webhook",
                           port) as running:
        services = running.services
        channel = channel_of(services)
        assert channel is not None
        adapter = channel.application.bot.rate_limiter
        assert isinstance(adapter, PTBRateLimiter) and adapter.priority is Priority.REPLY
        shared = services.need(TELEGRAM_LIMITER)
        assert adapter.limiter is shared and get_runtime(services).limiter is shared
        granted = shared.granted
        await running.exchange(CHAT, lambda: tg.push_command(CHAT, "start"), 2)
        assert shared.granted >= granted + 2  # the replies took their slots from it


async def test_replies_go_ahead_of_a_running_campaign(
        settings: Settings, db: Database, telegram_double_unlimited: TelegramDouble,
        mode: str) -> None:
    """#13: a reply leaves through the outbox and its worker at ``Priority.REPLY``, so it takes
    the next slots of the shared limiter while a campaign's pieces (hundreds of seconds' worth
    of ``Priority.CAMPAIGN`` requests) wait."""
    import asyncio

    tg = telegram_double_unlimited
    port = free_port()
    configured = service_settings(settings, tg, mode, port).model_copy(
        update={"telegram_rate": 10.0})
    async with run_service(configured, db, tg, mode, port) as running:
        shared = running.services.need(TELEGRAM_LIMITER)
        campaign = [asyncio.create_task(shared.acquire(50_000 + i, Priority.CAMPAIGN))
                    for i in range(3000)]
        try:
            await eventually(lambda: shared.granted > 0, what="the campaign to start")
            await running.exchange(CHAT, lambda: tg.push_command(CHAT, "start"), 2)
            waiting = sum(1 for task in campaign if not task.done())
        finally:
            for task in campaign:
                task.cancel()
            await asyncio.gather(*campaign, return_exceptions=True)
    # Without the priority the replies would come after all 3,000 pieces (five minutes at 10/s).
    assert waiting > 2500
