"""A suggestion's whole trip: written in Telegram (real python-telegram-bot and the double),
listed in the built-in portal, answered by HR through the API, and the answer back in the chat."""

from __future__ import annotations

import httpx
from sqlalchemy import select

from api.app import create_app
from foro.models import Suggestion
from nucleo.models import Consent, Person
from nucleo.ports import NOTIFIER
from nucleo.services import Services
from nucleo.settings import load_settings
from tests.fakes.telegram_api import TelegramDouble

CHAT = 7070


async def _tap(double: TelegramDouble, data: str, seen: int) -> int:
    message = double.last_message(CHAT)
    double.push_callback(CHAT, data, message_id=message.message_id)
    await double.wait_for_messages_async(CHAT, seen + 1, timeout=15)
    return seen + 1


async def test_chat_to_portal_to_decision_and_back(telegram_double_unlimited: TelegramDouble,
                                                   services: Services, staff_headers) -> None:
    double = telegram_double_unlimited
    services.settings = load_settings(
        data_dir=services.settings.data_dir, secret_key="s" * 40, telegram_token=double.token,
        telegram_base_url=double.base_url, public_url="https://valor.example.gov.co")
    async with services.db.session() as session:
        person = Person(full_name="Ana", telegram_chat_id=CHAT, source="bot")
        session.add(person)
        await session.flush()
        session.add(Consent(person_id=person.id, purpose="seguimiento", granted=True,
                            notice_version="2025-1", channel="telegram"))
        await session.commit()
    services.extras.pop(NOTIFIER, None)  # the forum tests' fake: here the bot's real outbox
    app = create_app(services.settings, services=services, migrate=False)
    async with app.router.lifespan_context(app):
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")
        double.push_command(CHAT, "sugerencia")
        await double.wait_for_messages_async(CHAT, 1, timeout=15)
        double.push_text(CHAT, "Hagan un taller sobre <b>regalos</b> de proveedores en diciembre")
        await double.wait_for_messages_async(CHAT, 2, timeout=15)
        seen = await _tap(double, "sug:valor:honestidad", 2)
        seen = await _tap(double, "sug:anon:no", seen)
        seen = await _tap(double, "sug:enviar", seen)
        assert "quedó enviada" in double.last_text(CHAT)
        async with services.db.session() as session:
            suggestion = await session.scalar(select(Suggestion))
        assert suggestion.author_person_id == person.id and suggestion.source == "chat"
        portal = await client.get("/portal")
        assert "regalos" in portal.text and "<b>regalos</b>" not in portal.text
        hr = await staff_headers("talento_humano")
        base = f"/api/v1/suggestions/{suggestion.id}"
        assert (await client.post(f"{base}/analysis", headers=hr)).status_code == 200
        answer = {"status": "adoptada", "text": "Haremos el taller en la semana de integridad.",
                  "action_plan": "Taller de regalos y favores", "action_due": "2026-12-10", "publish": True}
        published = await client.post(f"{base}/answer", headers=hr, json=answer)
        assert published.status_code == 200, published.text
        messages = await double.wait_for_messages_async(CHAT, seen + 1, timeout=15)
        assert "taller" in messages[-1].text.lower()
        again = await client.post(f"{base}/answer", headers=hr, json=answer)
        assert again.status_code in (200, 409)
        topic = await client.get(f"/portal/sugerencias/{suggestion.id}")
        assert "Haremos el taller" in topic.text
    assert len(double.messages_to(CHAT)) == seen + 1  # the answer arrived exactly once
