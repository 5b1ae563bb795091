"""Expiry of what the bot no longer needs."""

from __future__ import annotations

from datetime import timedelta

from bot.core.types import TELEGRAM, PersonRef
from bot.housekeeping import purge
from bot.models import Conversation, OutboxMessage, ProcessedInput
from bot.service import dialogue_core
from nucleo.outbox import OutboxState
from nucleo.services import Services
from tests.bot.helpers import Chat, count_rows, onboard


async def test_idle_anonymous_conversations_expire_and_people_stay(services: Services) -> None:
    core = dialogue_core(services)
    anonymous = Chat(core, PersonRef(TELEGRAM, "1"))
    await anonymous.send("/start")                  # in the middle of onboarding: a state row
    registered = Chat(core, PersonRef(TELEGRAM, "2"))
    await onboard(registered)
    async with services.db.session() as session:
        session.add(ProcessedInput(key="telegram:1", received_at=services.clock() - timedelta(days=3)))
        await session.commit()
    assert await count_rows(services, Conversation) == 2
    await purge(services, services.clock() + timedelta(hours=1))
    assert await count_rows(services, Conversation) == 2
    await purge(services, services.clock() + timedelta(hours=25))
    assert await count_rows(services, Conversation) == 1
    assert await count_rows(services, ProcessedInput) == 0


async def test_finished_replies_go_after_a_day_and_notices_after_thirty(
        services: Services) -> None:
    """The bot's replies to a chat (``chat_id``) are purged one day after they were queued
    once settled, the uncertain ones too; those still open stay. Notices stay 30 days."""
    from sqlalchemy import select

    from tests.bot.test_notify import telegram_person

    person_id = await telegram_person(services)
    now = services.clock()
    queued = now - timedelta(days=1, minutes=1)
    states = [*OutboxState]
    async with services.db.session() as session:
        for state in states:
            session.add(OutboxMessage(chat_id=55, text_html=f"respuesta {state}",
                                      state=state.value, created_at=queued))
            session.add(OutboxMessage(person_id=person_id, text_html=f"aviso {state}",
                                      state=state.value, created_at=queued))
        session.add(OutboxMessage(chat_id=55, text_html="respuesta reciente", state="enviada",
                                  created_at=now - timedelta(hours=23)))
        await session.commit()

    async def kept() -> set[str]:
        async with services.db.session() as session:
            return set(await session.scalars(select(OutboxMessage.text_html)))

    await purge(services, now)
    gone = {f"respuesta {s}" for s in ("enviada", "fallida", "bloqueada", "incierta")}
    assert await kept() == ({f"respuesta {s}" for s in states} - gone
                            | {f"aviso {s}" for s in states} | {"respuesta reciente"})
    await purge(services, now + timedelta(days=28))  # the notices are 29 days old
    assert {t for t in await kept() if t.startswith("aviso")} == {
        f"aviso {s}" for s in states}
    await purge(services, now + timedelta(days=29))
    assert await kept() == {"respuesta pendiente", "respuesta enviando", "respuesta cancelada",
                            "aviso pendiente", "aviso enviando", "aviso incierta",
                            "aviso cancelada"}
