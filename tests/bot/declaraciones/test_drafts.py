"""#18: a declaration left halfway is resumable, then forgotten without a trace after
``VALOR_DECLARACIONES_DRAFT_DAYS`` (2 by default): the conversation's data and the bot's
replies to the Telegram chat that showed the summary are gone; nothing else is touched. Both
engines, injected clock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from bot.core.engine import DialogueCore
from bot.core.types import TELEGRAM, PersonRef, Reply
from bot.declaraciones import drafts
from bot.declaraciones.component import DeclarationReminders
from bot.declaraciones.flow import register
from bot.models import Conversation, OutboxMessage
from bot.notify import queue_replies
from nucleo.models import Person
from nucleo.services import Services
from nucleo.settings import SettingsError
from tests.bot.consultas.desk import Clock, bogota
from tests.bot.declaraciones.helpers import guided
from tests.bot.helpers import Chat, onboard

MATTER = "Contrato de suministro 045 de 2026 con Ferretería Ñandú"
FACTS = "Mi hermano <b>Juan</b> es el representante legal del proponente desde 2025."


class QueuedChat(Chat):
    """A Telegram chat whose replies go to the bot's outbox, as the Telegram channel does."""

    async def _run(self, event):
        chat_id = int(self.ref.user_id)
        clock = self.core.services.clock

        def write(session, person_id, replies: list[Reply]) -> None:
            queue_replies(session, chat_id, replies, person_id=person_id, now=clock())
            self.replies.extend(replies)

        return await self.core.handle(event, queue=write)


async def _texts(services: Services) -> list[str]:
    """Every stored text that could carry the draft: conversations' data and outbox rows."""
    async with services.db.session() as session:
        data = [str(d) for d in await session.scalars(select(Conversation.data))]
        sent = list(await session.scalars(select(OutboxMessage.text_html)))
    return data + sent


async def _to_summary(chat: Chat) -> None:
    await guided(chat, matter=MATTER)
    await chat.send(FACTS)
    await chat.tap(chat.replies[-1].buttons[0][0].data)  # «Sí, esa es»
    await chat.send("Secretaría de Hacienda")
    assert "Revise su declaración" in chat.last


async def test_after_two_days_nothing_of_the_draft_remains(core: DialogueCore,
                                                          services: Services) -> None:
    clock = Clock(bogota(2026, 12, 4, 10))
    services.clock = clock
    register(services)
    chat = QueuedChat(core, PersonRef(TELEGRAM, "1001", "Ana"))
    other = QueuedChat(core, PersonRef(TELEGRAM, "2002", "Luz"))
    await onboard(chat)
    await onboard(other)
    await _to_summary(chat)
    async with services.db.session() as session:  # the outbox worker sent them
        await session.execute(update(OutboxMessage).values(state="enviada"))
        ana = await session.scalar(select(Person.id).where(Person.telegram_chat_id == 1001))
        notice = OutboxMessage(person_id=ana, chat_id=None,
                               text_html="Aviso de una campaña", state="enviada",
                               created_at=clock.now)
        session.add(notice)
        await session.commit()
    assert any("045" in t for t in await _texts(services))
    clock.now += timedelta(days=2) - timedelta(minutes=1)
    async with services.db.session() as session:
        assert await drafts.expire_drafts(session, clock.now) == 0  # still resumable
    assert any("Juan" in t for t in await _texts(services))
    clock.now += timedelta(minutes=2)
    await other.send("/ayuda")  # Luz writes today: her reply is recent and stays
    async with services.db.session() as session:
        assert await drafts.expire_drafts(session, clock.now) == 1
    texts = await _texts(services)
    assert not any("045" in t or "Juan" in t or "Ñandú" in t for t in texts)
    assert "Aviso de una campaña" in texts  # a notice (no chat) is not the draft's
    async with services.db.session() as session:
        chats = set(await session.scalars(select(OutboxMessage.chat_id)))
        [mine] = await session.scalars(select(Conversation).where(
            Conversation.person_id.is_not(None)).order_by(Conversation.id).limit(1))
    assert chats == {None, 2002}
    assert mine.flow is None and mine.data == {}
    async with services.db.session() as session:  # again: nothing left to forget
        assert await drafts.expire_drafts(session, clock.now + timedelta(days=30)) == 0


async def test_a_web_chat_draft_leaves_no_copy_of_the_summary(api, services: Services) -> None:
    from bot.core.flood import FloodControl
    from bot.models import WebMessage
    from bot.service import dialogue_core
    from tests.bot.declaraciones.web.test_webchat import say

    clock = Clock(bogota(2026, 12, 4, 10))
    services.clock = clock
    register(services)
    dialogue_core(services).flood = FloodControl(burst=1000, per_minute=60_000)
    await say(api, text="/start")
    for data in ("inicio:si:campanas", "inicio:no:estadisticas", "inicio:si:seguimiento"):
        await say(api, button=data)
    await say(api, text="/declarar")
    await say(api, button="decl:tipo:impedimento")
    await say(api, button="decl:clase:contrato")
    await say(api, text=MATTER)
    await say(api, button="decl:papel:evalua")
    await say(api, button="decl:interes:pariente")
    await say(api, button="decl:pariente:hermanos")
    [ground] = await say(api, text=FACTS)
    await say(api, button=ground["buttons"][0][0]["data"])
    [summary] = await say(api, text="Secretaría de Hacienda")
    assert "Revise su declaración" in summary["html"]
    clock.now += timedelta(days=2, minutes=1)
    async with services.db.session() as session:
        assert await drafts.expire_drafts(session, clock.now) == 1
        web = list(await session.scalars(select(WebMessage.text_html)))
    texts = await _texts(services) + web
    assert not any("045" in t or "Juan" in t for t in texts)
    [later] = await say(api, button="decl:radicar")  # the old «Radicar»: nothing filed
    assert "DI-" not in later["html"]


def test_how_long_a_draft_is_kept_comes_from_the_environment(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    component = DeclarationReminders(services, scheduler=lambda: None)  # type: ignore[arg-type,return-value]  # never started
    assert component.draft_ttl == timedelta(days=2)
    monkeypatch.setenv("VALOR_DECLARACIONES_DRAFT_DAYS", "5")
    component = DeclarationReminders(services, scheduler=lambda: None)  # type: ignore[arg-type,return-value]  # never started
    assert component.draft_ttl == timedelta(days=5)
    for bad in ("0", "31", "dos", "-1"):
        monkeypatch.setenv("VALOR_DECLARACIONES_DRAFT_DAYS", bad)
        with pytest.raises(SettingsError, match="VALOR_DECLARACIONES_DRAFT_DAYS"):
            DeclarationReminders(services, scheduler=lambda: None)  # type: ignore[arg-type,return-value]  # never started
