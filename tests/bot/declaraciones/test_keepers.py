"""#18: the register's keepers get the daily digest in their Telegram chat and, without one,
by e-mail (a real SMTP server, aiosmtpd), or both when ``VALOR_DECLARACIONES_DIGEST_EMAIL`` is
``todos``; a failed send is tried by e-mail, audited and logged without personal data, and the
declarant is told the case is in the digest only when a keeper is addressed. Both engines,
injected dates."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, update

from bot.declaraciones import keepers, messages, reminders
from bot.declaraciones.component import DeclarationReminders
from nucleo.business_days import BusinessCalendar
from nucleo.models import AuditEntry, StaffAccount
from nucleo.services import Services
from nucleo.settings import Settings, SettingsError
from tests.bot.consultas.desk import RecordingNotifier, RecordingSender, bogota
from tests.bot.declaraciones.helpers import add_person, file_one, new_staff
from tests.fakes.mail import settings_for
from tests.fakes.waiting import eventually

OVERDUE_DAY = date(2026, 12, 22)  # DI-2026-0001, filed 4 December, was due the 21st


async def _keeper(services: Services, email: str, chat: int | None, role: str = "asesor",
                  active: bool = True) -> int:
    account = await new_staff(services, role=role, email=email)
    async with services.db.session() as session:
        await session.execute(update(StaffAccount).where(StaffAccount.id == account.id)
                              .values(telegram_chat_id=chat, active=active))
        await session.commit()
    return account.id


async def _run(services: Services, sender: RecordingSender | None, notifier: RecordingNotifier,
               settings: Settings | None, mode: keepers.EmailMode = "sin_chat",
               today: date = OVERDUE_DAY) -> reminders.ReminderRun:
    async with services.db.session() as session:
        return await reminders.send_reminders(
            session, today=today, calendar=BusinessCalendar(), days_before=2, sender=sender,
            notifier=notifier, settings=settings, email_mode=mode)


async def _audit(services: Services) -> list[tuple[str, str | None, dict]]:
    async with services.db.session() as session:
        rows = await session.execute(select(AuditEntry.action, AuditEntry.target_id,
                                            AuditEntry.details).where(
            AuditEntry.action.like("declaraciones.resumen%")).order_by(AuditEntry.id))
        return [tuple(r) for r in rows]


async def test_a_keeper_without_chat_gets_the_digest_by_email(services: Services,
                                                               smtp_server) -> None:
    controller, inbox = smtp_server
    smtp = settings_for(services.settings, smtp=controller)
    person = await add_person(services)
    await _keeper(services, "chat@alcaldia.gov.co", 11)
    await _keeper(services, "correo@alcaldia.gov.co", None, role="talento_humano")
    await _keeper(services, "auditor@alcaldia.gov.co", None, role="auditor")  # cannot decide
    await _keeper(services, "retirada@alcaldia.gov.co", None, active=False)
    await file_one(services, person, bogota(2026, 12, 4, 9), matter="Contrato <b>045</b>")
    sender, notifier = RecordingSender(), RecordingNotifier()
    run = await _run(services, sender, notifier, smtp)
    assert (run.chats, run.emails, run.failed) == (1, 1, 0)
    assert [chat for chat, _ in sender.sent] == [11]
    [mail] = inbox.to("correo@alcaldia.gov.co")
    assert [m["To"] for m in inbox.messages] == ["correo@alcaldia.gov.co"]
    assert " ".join(str(mail["Subject"]).split()) == (
        "Declaraciones y recusaciones por vencer (martes 22 de diciembre de 2026)")
    body = mail.get_body(("plain",)).get_content()
    assert "DI-2026-0001" in body and "vencida" in body and "<b>" not in body
    assert "045" not in body and "Ana" not in body  # no facts, no names
    [told] = notifier.sent
    assert messages.OVERDUE_TOLD in told.text_html
    assert await _audit(services) == []  # nothing failed
    again = await _run(services, sender, notifier, smtp)  # once a day
    assert (again.chats, again.emails) == (0, 0) and len(inbox.messages) == 1


async def test_todos_sends_both(services: Services, smtp_server) -> None:
    controller, inbox = smtp_server
    smtp = settings_for(services.settings, smtp=controller)
    await _keeper(services, "chat@alcaldia.gov.co", 11)
    await file_one(services, await add_person(services), bogota(2026, 12, 4, 9))
    sender = RecordingSender()
    run = await _run(services, sender, RecordingNotifier(), smtp, mode="todos")
    assert (run.chats, run.emails) == (1, 1) and len(inbox.to("chat@alcaldia.gov.co")) == 1


async def test_failed_sends_are_audited_without_personal_data(
        services: Services, smtp_server, caplog: pytest.LogCaptureFixture) -> None:
    controller, inbox = smtp_server
    smtp = settings_for(services.settings, smtp=controller)
    inbox.refuse["rebota@alcaldia.gov.co"] = "550 5.1.1 No such user"
    chat_keeper = await _keeper(services, "chat@alcaldia.gov.co", 11)
    bounced = await _keeper(services, "rebota@alcaldia.gov.co", None)
    await file_one(services, await add_person(services), bogota(2026, 12, 4, 9))
    sender = RecordingSender(refused={11})
    with caplog.at_level("INFO"):
        run = await _run(services, sender, RecordingNotifier(), smtp)
    assert (run.chats, run.emails, run.failed) == (0, 1, 2)
    await eventually(lambda: inbox.to("chat@alcaldia.gov.co"), what="the fallback e-mail")
    day = OVERDUE_DAY.isoformat()
    assert await _audit(services) == [
        (keepers.FAILED_AUDIT, str(chat_keeper), {"canal": "telegram", "dia": day}),
        (keepers.FAILED_AUDIT, str(bounced), {"canal": "correo", "dia": day})]
    ours = "\n".join(r.getMessage() for r in caplog.records  # not the SMTP server's own log
                     if r.name.startswith(("bot.", "nucleo.")))
    assert "rebota" not in ours and "chat@" not in ours and " 11" not in ours
    assert "a send by telegram failed" in ours


async def test_a_digest_nobody_gets_is_audited_and_not_claimed(services: Services) -> None:
    """No SMTP, the only keeper's chat fails: the declarant is not told the keepers have it
    (none is addressed without a bot either), and the register sees it in the audit."""
    await _keeper(services, "chat@alcaldia.gov.co", 11)
    await file_one(services, await add_person(services), bogota(2026, 12, 4, 9))
    notifier = RecordingNotifier()
    run = await _run(services, None, notifier, None)  # no bot for the staff, no SMTP
    assert run.digest == ["DI-2026-0001"] and (run.chats, run.emails) == (0, 0)
    [told] = notifier.sent
    assert messages.OVERDUE_NOT_TOLD in told.text_html
    assert messages.OVERDUE_TOLD not in told.text_html
    [(action, target, details)] = await _audit(services)
    assert action == keepers.UNDELIVERED_AUDIT and target == OVERDUE_DAY.isoformat()
    assert details == {"fallidos": 0, "destinatarios": 1}
    run = await _run(services, RecordingSender(refused={11}), notifier,  # next day, chat fails
                     None, today=date(2026, 12, 23))
    assert run.failed == 1 and [a for a, _, _ in await _audit(services)] == [
        keepers.UNDELIVERED_AUDIT, keepers.FAILED_AUDIT, keepers.UNDELIVERED_AUDIT]


def test_the_email_mode_comes_from_the_environment(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    assert DeclarationReminders(services, scheduler=lambda: None).email_mode == "sin_chat"  # type: ignore[arg-type,return-value]  # never started
    monkeypatch.setenv("VALOR_DECLARACIONES_DIGEST_EMAIL", "todos")
    assert DeclarationReminders(services, scheduler=lambda: None).email_mode == "todos"  # type: ignore[arg-type,return-value]  # never started
    monkeypatch.setenv("VALOR_DECLARACIONES_DIGEST_EMAIL", "siempre")
    with pytest.raises(SettingsError, match="VALOR_DECLARACIONES_DIGEST_EMAIL"):
        DeclarationReminders(services, scheduler=lambda: None)  # type: ignore[arg-type,return-value]  # never started
