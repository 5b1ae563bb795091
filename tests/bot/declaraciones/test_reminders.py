"""The daily reminders (bot/declaraciones/reminders.py, component.py): one staff digest a
day, the declarant told once when the decision is overdue, the recused official reminded on
their last days; nothing twice, nothing on holidays, nothing before the hour."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from bot.declaraciones import messages, reminders
from bot.declaraciones.component import JOB_ID, DeclarationReminders
from bot.declaraciones.models import DeclarationNotice
from bot.models import OutboxMessage
from bot.service import ensure_notifier
from nucleo.business_days import BusinessCalendar
from nucleo.services import Services
from tests.bot.consultas.desk import Clock, RecordingNotifier, RecordingSender, bogota
from tests.bot.declaraciones.helpers import add_official, add_person, file_one, file_recusal, new_staff


async def _staff_with_chat(services: Services, role: str, email: str, chat: int | None) -> None:
    account = await new_staff(services, role=role, email=email)
    async with services.db.session() as session:
        again = await session.get(type(account), account.id)
        assert again is not None
        again.telegram_chat_id = chat
        await session.commit()


async def _run(services: Services, today: date, sender, notifier):  # type: ignore[no-untyped-def]
    async with services.db.session() as session:
        return await reminders.send_reminders(session, today=today, calendar=BusinessCalendar(),
                                              days_before=2, sender=sender, notifier=notifier)


async def test_one_digest_a_day_to_those_who_decide(services):
    person = await add_person(services)
    recused = await add_official(services, "Pedro Gómez", chat_id=777)
    await _staff_with_chat(services, "asesor", "a@alcaldia.gov.co", 11)
    await _staff_with_chat(services, "talento_humano", "t@alcaldia.gov.co", 12)
    await _staff_with_chat(services, "auditor", "x@alcaldia.gov.co", 13)  # cannot decide
    await file_one(services, person, bogota(2026, 12, 4, 9))  # due Monday 21 December
    await file_recusal(services, bogota(2026, 12, 4, 10), recused_person_id=recused,
                       person_id=person)  # answer due Monday 14 December
    await file_one(services, person, bogota(2026, 12, 16, 9),
                   matter="Contrato lejano de 2027")  # due 31 December: not near yet
    sender, notifier = RecordingSender(), RecordingNotifier()
    early = await _run(services, date(2026, 12, 9), sender, notifier)
    assert early.digest == [] and sender.sent == []  # nothing due within 2 business days
    run = await _run(services, date(2026, 12, 11), sender, notifier)  # Friday
    assert run.digest == ["RC-2026-0001"] and run.chats == 2
    assert sorted(chat for chat, _ in sender.sent) == [11, 12]
    text = sender.sent[0][1]
    assert "RC-2026-0001" in text and "lunes 14 de diciembre de 2026" in text
    assert "falta 1 día hábil" in text and "Pedro" not in text and "Ana" not in text
    # the recused official is reminded on their last days, with the buttons again
    assert run.answer == ["RC-2026-0001"]
    [reminder] = notifier.sent
    assert reminder.person_id == recused and reminder.buttons
    again = await _run(services, date(2026, 12, 11), sender, notifier)  # a second tick
    assert again.digest == [] and again.answer == [] and len(sender.sent) == 2
    assert len(notifier.sent) == 1


async def test_overdue_decisions_are_told_once_and_holidays_are_quiet(services):
    person = await add_person(services)
    await _staff_with_chat(services, "asesor", "a@alcaldia.gov.co", 11)
    await file_one(services, person, bogota(2026, 12, 4, 9), matter="Contrato <b>045</b>")
    sender, notifier = RecordingSender(), RecordingNotifier()
    holiday = await _run(services, date(2026, 12, 25), sender, notifier)
    assert holiday == reminders.ReminderRun() and not sender.sent
    run = await _run(services, date(2026, 12, 22), sender, notifier)  # due the 21st
    assert run.overdue == ["DI-2026-0001"] and run.chats == 1
    [told] = notifier.sent
    assert told.person_id == person and "venció el lunes 21 de diciembre" in told.text_html
    assert "&lt;b&gt;045&lt;/b&gt;" in told.text_html
    assert messages.OVERDUE_TOLD in told.text_html  # a keeper's chat got the digest
    assert "vencida" in sender.sent[0][1]
    next_day = await _run(services, date(2026, 12, 23), sender, notifier)
    assert next_day.overdue == [] and next_day.chats == 1  # a new day's digest, no new notice
    assert len(notifier.sent) == 1
    async with services.db.session() as session:
        keys = sorted((await session.execute(select(DeclarationNotice.key))).scalars())
    assert keys == ["digest:2026-12-22", "digest:2026-12-23", "overdue:1"]


async def test_the_overdue_notice_claims_no_keeper_was_told_when_none_was(services):
    person = await add_person(services)
    await _staff_with_chat(services, "asesor", "a@alcaldia.gov.co", None)  # no chat linked
    await _staff_with_chat(services, "auditor", "x@alcaldia.gov.co", 13)  # cannot decide
    await file_one(services, person, bogota(2026, 12, 4, 9))
    sender, notifier = RecordingSender(), RecordingNotifier()
    run = await _run(services, date(2026, 12, 22), sender, notifier)
    assert run.overdue == ["DI-2026-0001"] and run.chats == 0 and not sender.sent
    [told] = notifier.sent
    assert messages.OVERDUE_TOLD not in told.text_html
    assert "Avisamos" not in told.text_html and messages.OVERDUE_NOT_TOLD in told.text_html


async def test_no_staff_sender_means_no_claim_either(services):
    person = await add_person(services)
    await _staff_with_chat(services, "asesor", "a@alcaldia.gov.co", 11)
    await file_one(services, person, bogota(2026, 12, 4, 9))
    notifier = RecordingNotifier()
    run = await _run(services, date(2026, 12, 22), None, notifier)
    assert run.overdue == ["DI-2026-0001"] and run.chats == 0
    assert "Avisamos" not in notifier.sent[0].text_html


@pytest.fixture
def clock(services: Services) -> Clock:
    clock = Clock(bogota(2026, 12, 22, 7, 30))
    services.clock = clock
    ensure_notifier(services)
    return clock


async def test_the_job_waits_for_the_hour_and_uses_the_outbox(services, clock):
    person = await add_person(services)
    await file_one(services, person, bogota(2026, 12, 4, 9))
    sender = RecordingSender()
    component = DeclarationReminders(services, scheduler=_scheduler(services),
                                     sender=lambda: sender, hour=8)
    assert await component.run() is None  # 7:30 in Bogotá
    clock.now = bogota(2026, 12, 22, 8, 0)
    run = await component.run()
    assert run is not None and run.overdue == ["DI-2026-0001"]
    assert (await component.run()) == reminders.ReminderRun()
    async with services.db.session() as session:
        [queued] = (await session.execute(select(OutboxMessage))).scalars().all()
    assert queued.person_id == person and "DI-2026-0001" in queued.text_html


def _scheduler(services: Services):  # type: ignore[no-untyped-def]
    from campañas.runtime import get_runtime

    return lambda: get_runtime(services).scheduler.scheduler


async def test_the_job_joins_the_service_scheduler(services, clock):
    component = DeclarationReminders(services, scheduler=_scheduler(services), hour=8)
    await component.start()
    scheduler = _scheduler(services)()
    job = scheduler.get_job(JOB_ID)
    assert job is not None
    fire = component.trigger().get_next_fire_time(None, bogota(2026, 12, 22, 20, 50))
    assert fire == bogota(2026, 12, 23, 8, 0)
    await component.stop()
    assert scheduler.get_job(JOB_ID) is None
    await component.stop()  # twice: no error
