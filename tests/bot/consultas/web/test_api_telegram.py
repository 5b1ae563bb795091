"""End to end: an escalated question answered through the API reaches the person's chat in the
Telegram double (real python-telegram-bot, Telegram's HTML parser)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Bot

from nucleo.models import Person
from nucleo.ports import NOTIFIER, Button
from tests.bot.consultas.desk import Clock, add_person, bogota, desk_service
from tests.fakes.telegram_api import TelegramDouble


class AfterCommitTelegramNotifier:
    """A Notifier for this test: queues in memory, the test sends after the API call commits.

    (The service's real Notifier is the bot's outbox; this one only stands in for it.)
    """

    def __init__(self) -> None:
        self.queue: list[tuple[int, str]] = []

    async def notify(self, session: AsyncSession, person_id: int, text_html: str,
                     buttons: list[list[Button]] | None = None) -> None:
        person = await session.get(Person, person_id)
        assert person is not None and person.telegram_chat_id is not None
        self.queue.append((person.telegram_chat_id, text_html))

    async def flush(self, bot: Bot) -> None:
        while self.queue:
            chat_id, text = self.queue.pop(0)
            await bot.send_message(chat_id=chat_id, text=text, parse_mode="HTML")


async def test_the_advisors_answer_reaches_the_chat(
        api, services, staff_headers, telegram_double_unlimited: TelegramDouble) -> None:
    double = telegram_double_unlimited
    desk = desk_service(services, Clock(bogota(2026, 8, 14, 10)))
    notifier = AfterCommitTelegramNotifier()
    services.extras[NOTIFIER] = notifier
    person_id = await add_person(services, chat_id=777)
    async with services.db.session() as session:
        receipt = await desk.escalate(session, person_id=person_id, anonymous=False,
                                      question="¿Puedo evaluar a mi <cuñis> & socio?")
        await session.commit()
    headers = await staff_headers("asesor")
    response = await api.post(f"/api/v1/consultations/tickets/{receipt.ticket_id}/answer",
                              headers=headers,
                              json={"answer": "Declara el impedimento <ya> & espera."})
    assert response.status_code == 200 and response.json()["notified"]
    async with Bot(double.token, base_url=double.base_url,
                   base_file_url=double.base_file_url) as bot:
        await notifier.flush(bot)
    [message] = await double.wait_for_messages_async(777, 1, timeout=10)
    assert "Declara el impedimento <ya> & espera." in message.text
    assert "¿Puedo evaluar a mi <cuñis> & socio?" in message.text
    assert f"n.º {receipt.ticket_id}" in message.text
