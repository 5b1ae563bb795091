"""Launching a survey invites people through the campaign engine (the whole service, the real
python-telegram-bot and the Telegram double with its flood limits): one invitation per person,
tracked as deliveries and counted in the campaign stats; a 403 marks the person blocked; tapping
the invitation's button starts the survey."""

from __future__ import annotations

import httpx
from sqlalchemy import func, select

from bot.models import OutboxMessage
from campañas.models import Campaign, Delivery
from nucleo.models import Person
from nucleo.services import Services
from tests.bot.encuestas.conftest import launch_survey, make_people, telegram_app
from tests.fakes.telegram_api import TelegramDouble
from tests.fakes.waiting import eventually

PEOPLE = 7
BLOCKED_CHAT = 100_004


async def _settled(services: Services, timeout: float = 20.0) -> dict[str, int]:
    """Delivery states once nothing is pending or in flight."""

    async def states() -> dict[str, int] | None:
        async with services.db.session() as session:
            found = dict((await session.execute(
                select(Delivery.state, func.count()).group_by(Delivery.state))).all())
        return found if found and not {"pendiente", "enviando"} & set(found) else None

    return await eventually(states, timeout=timeout, what="every delivery to settle")


async def test_launch_invites_through_the_engine(telegram_double: TelegramDouble,
                                                 services: Services, staff_headers) -> None:
    double = telegram_double
    people = await make_people(services.db, {("Hacienda", "servidor"): PEOPLE})
    double.block(BLOCKED_CHAT)
    app = telegram_app(services, double)
    async with app.router.lifespan_context(app):
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")
        headers = await staff_headers("talento_humano")
        survey, launched = await launch_survey(client, headers, comments=False)
        assert launched == {"invited": PEOPLE}
        states = await _settled(services)
        chats = [100_000 + n for n in range(1, PEOPLE + 1)]
        for chat in chats:
            received = double.messages_to(chat)
            assert len(received) == (0 if chat == BLOCKED_CHAT else 1), chat
        invitation = double.last_message(chats[0])
        assert "Percepción 2026" in invitation.text and invitation.photo is None
        assert invitation.buttons[0][0]["callback_data"] == f"encuesta:start:{survey['id']}"

        async with services.db.session() as session:
            campaign = await session.scalar(select(Campaign).where(
                Campaign.origin == f"encuesta:{survey['id']}"))
            blocked = await session.scalar(select(Person).where(
                Person.telegram_chat_id == BLOCKED_CHAT))
            outbox = await session.scalar(select(func.count()).select_from(OutboxMessage))
        stats = (await client.get(f"/api/v1/campaigns/{campaign.id}/stats",
                                  headers=headers)).json()
        week = await client.get("/api/v1/campaigns", headers=headers)

        seen = len(double.messages_to(chats[0]))
        double.push_callback(chats[0], invitation.buttons[0][0]["callback_data"],
                             message_id=invitation.message_id)
        await double.wait_for_messages_async(chats[0], seen + 1, timeout=15)
        assert "1 de 2" in double.last_text(chats[0])
    assert states == {"enviada": PEOPLE - 1, "bloqueada": 1}
    assert blocked.telegram_blocked_at is not None
    assert outbox == 0  # not through the notifier's outbox
    assert double.count_429 == 0  # paced under Telegram's limits
    assert stats["kind"] == "encuesta" and stats["totals"]["targeted"] == PEOPLE
    assert stats["totals"]["sent"] == PEOPLE - 1 and stats["totals"]["blocked"] == 1
    assert [c["kind"] for c in week.json()] == ["encuesta"]
    assert len(people) == PEOPLE
