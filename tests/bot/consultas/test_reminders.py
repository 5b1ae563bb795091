"""Daily reminders to advisors (bot/consultas/reminders.py, component.py)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.consultas import reminders
from bot.consultas.component import ConsultationsComponent
from bot.consultas.tables import ConsultationTicket
from nucleo.ratelimit import Priority
from nucleo.staff import create_staff
from tests.bot.consultas.desk import Clock, RecordingSender, bogota, desk_service


async def _staff(services, role: str, chat_id: int | None, active: bool = True) -> None:
    async with services.db.session() as session:
        account = await create_staff(session, email=f"{role}{chat_id}@alcaldia.gov.co",
                                     full_name=role, role=role, password="clave-segura-123")
        account.telegram_chat_id, account.active = chat_id, active
        await session.commit()


async def _ticket(services, due: date, status: str = "abierto", question: str = "secreto") -> int:
    async with services.db.session() as session:
        ticket = ConsultationTicket(question=question, anonymous=True, status=status,
                                    due_on=due, created_at=bogota(2026, 8, 1, 9))
        session.add(ticket)
        await session.commit()
        return ticket.id


async def test_advisors_get_one_digest_a_day_about_tickets_near_their_due_date(services):
    clock = Clock(bogota(2026, 8, 14, 8, 5))  # Friday; Monday 17 is a holiday
    desk = desk_service(services, clock, reminder_business_days=2)
    for role, chat in (("asesor", 11), ("talento_humano", 12), ("admin", None),
                       ("auditor", 13)):
        await _staff(services, role, chat)
    await _staff(services, "asesor", 14, active=False)
    overdue = await _ticket(services, date(2026, 8, 10))
    soon = await _ticket(services, date(2026, 8, 19))      # Tue 18 is 1, Wed 19 is 2
    later = await _ticket(services, date(2026, 8, 20))     # 3 business days away
    await _ticket(services, date(2026, 8, 12), status="respondido")
    sender = RecordingSender()
    component = ConsultationsComponent(desk, sender=lambda: sender)
    run = await component.tick()
    assert run is not None and run.ticket_ids == [overdue, soon] and run.chats == 2
    assert sorted(chat for chat, _ in sender.sent) == [11, 12]
    text = sender.sent[0][1]
    assert "vencida" in text and "faltan 2 días hábiles" in text and "secreto" not in text
    assert await component.tick() is None                   # once per day
    clock.now = bogota(2026, 8, 18, 9)
    sender.sent.clear()
    run = await component.tick()
    assert run.ticket_ids == [overdue, soon, later] and "falta 1 día hábil" in sender.sent[0][1]


async def test_no_reminders_before_the_hour_on_weekends_or_holidays(services):
    clock = Clock(bogota(2026, 8, 14, 7, 0))
    desk = desk_service(services, clock, reminder_hour=8)
    await _ticket(services, date(2026, 8, 14))
    component = ConsultationsComponent(desk)
    assert await component.tick() is None
    for moment in (bogota(2026, 8, 15, 9), bogota(2026, 8, 17, 9)):  # Saturday, holiday
        clock.now = moment
        component.last_reminder_day = None
        run = await component.tick()
        assert run is not None and run.ticket_ids == []


async def test_without_a_sender_reminders_are_only_logged(services, caplog):
    clock = Clock(bogota(2026, 9, 1, 10))
    desk = desk_service(services, clock)
    await _staff(services, "asesor", 11)
    await _ticket(services, date(2026, 9, 1), question="Ana Pérez")
    with caplog.at_level("INFO"):
        run = await ConsultationsComponent(desk).tick()
    assert run.chats == 0 and len(run.ticket_ids) == 1
    assert "1 tickets" in caplog.text and "Ana" not in caplog.text


def test_the_telegram_sender_reports_errors_without_raising():
    class Bot:
        def __init__(self) -> None:
            self.calls: list[dict] = []

        async def send_message(self, **kwargs: object) -> None:
            self.calls.append(kwargs)
            raise OSError("network down")

    import asyncio

    bot = Bot()
    assert asyncio.run(reminders.TelegramStaffSender(bot).send(7, "<b>hola</b>")) is False
    assert bot.calls == [{"chat_id": 7, "text": "<b>hola</b>", "parse_mode": "HTML",
                          "rate_limit_args": Priority.NOTICE}]


@pytest.mark.parametrize(("now", "last", "due"), [
    (datetime(2026, 9, 1, 7), None, False),
    (datetime(2026, 9, 1, 8), None, True),
    (datetime(2026, 9, 1, 9), date(2026, 9, 1), False),
    (datetime(2026, 9, 2, 9), date(2026, 9, 1), True),
])
def test_reminder_due(now, last, due):
    assert reminders.reminder_due(now, 8, last) is due
