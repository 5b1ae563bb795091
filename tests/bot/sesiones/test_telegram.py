"""The check-in through the real python-telegram-bot and the Telegram double: the QR's deep
link (``/start a<token>``) of a chat that never talked to the bot asks for consent first, then
records the attendance; scanning again says it is already recorded."""

from __future__ import annotations

from sqlalchemy import select

from bot import messages as bot_messages
from bot.sesiones.flow import register
from bot.sesiones.models import Attendance
from nucleo.db import Database
from nucleo.services import Services
from nucleo.settings import Settings
from tests.bot.consultas.desk import Clock
from tests.bot.sesiones.helpers import START, add_session, parameter
from tests.bot.telegram.conftest import run_service, service_settings
from tests.fakes.net import free_port
from tests.fakes.telegram_api import TelegramDouble

CHAT = 5151


async def test_qr_deep_link_through_telegram(settings: Settings, db: Database,
                                             telegram_double_unlimited: TelegramDouble) -> None:
    tg, port = telegram_double_unlimited, free_port()

    def prepare(services: Services) -> None:
        services.clock = Clock(START)
        register(services)

    configured = service_settings(settings, tg, "polling", port)
    async with run_service(configured, db, tg, "polling", port, prepare) as service:
        row = await add_session(service.services)
        link = parameter(service.services, row.id)
        tg.push_command(CHAT, "start", link)
        for code in ("campanas", "estadisticas", "seguimiento"):
            await service.tap(CHAT, f"inicio:si:{code}")
        await service.tap(CHAT, "inicio:tipo:servidor")  # onboarding goes on after it
        await service.until(CHAT, bot_messages.MENU_TITLE.replace("<b>", "").replace("</b>", ""))
        said = [m.content or "" for m in tg.messages_to(CHAT)]
        assert sum("Registramos su asistencia" in t for t in said) == 1
        texts = await service.exchange(CHAT, lambda: tg.push_command(CHAT, "start", link), 1)
        assert texts == [texts[0]] and texts[0].startswith("Ya registramos su asistencia")
        async with service.services.db.session() as session:
            [attended] = (await session.execute(select(Attendance))).scalars().all()
    assert attended.channel == "telegram" and attended.person_id is not None
