"""An escalated question, answered by an advisor through the API, reaches the person in
Telegram through the bot's real outbox; an anonymous one is read back by its receipt code."""

from __future__ import annotations

import httpx

from api.app import create_app
from nucleo.models import Person
from nucleo.ports import CONSULTATIONS
from nucleo.services import Services
from nucleo.settings import load_settings
from tests.fakes.telegram_api import TelegramDouble


async def test_advisor_answer_reaches_the_chat(telegram_double_unlimited: TelegramDouble,
                                               services: Services, staff_headers) -> None:
    double = telegram_double_unlimited
    services.settings = load_settings(
        data_dir=services.settings.data_dir, secret_key="s" * 40, telegram_token=double.token,
        telegram_base_url=double.base_url)
    app = create_app(services.settings, services=services, migrate=False)
    async with app.router.lifespan_context(app):
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")
        desk = services.get(CONSULTATIONS)
        async with services.db.session() as session:
            person = Person(full_name="Ana", telegram_chat_id=9001, source="bot")
            session.add(person)
            await session.flush()
            named = await desk.escalate(session, question="¿Mi cuñado <b>concejal</b> puede…?",
                                        person_id=person.id, anonymous=False)
            anonymous = await desk.escalate(session, question="Quiero denunciar una rosca",
                                            person_id=None, anonymous=True)
            await session.commit()
        advisor = await staff_headers("asesor")
        answered = await client.post(
            f"/api/v1/consultations/tickets/{named.ticket_id}/answer", headers=advisor,
            json={"answer": "Declare el impedimento <i>por escrito</i> a su superior."})
        assert answered.status_code == 200, answered.text
        assert answered.json()["notified"] is True
        twice = await client.post(f"/api/v1/consultations/tickets/{named.ticket_id}/answer",
                                  headers=advisor, json={"answer": "Otra"})
        assert twice.status_code == 409
        messages = await double.wait_for_messages_async(9001, 1, timeout=15)
        assert "Declare el impedimento <i>por escrito</i>" in messages[-1].text  # escaped
        await client.post(f"/api/v1/consultations/tickets/{anonymous.ticket_id}/answer",
                          headers=advisor, json={"answer": "Gracias: lo revisará Control Interno."})
        async with services.db.session() as session:
            read = await desk.read_by_code(session, anonymous.code.lower().replace("-", " "))
            assert read is not None and "Control Interno" in read
            assert await desk.read_by_code(session, "ZZZZZ-ZZZZZ") is None
