"""#18: a decision-link e-mail the mail server refused is tried again with backoff (15 min,
1 h, 4 h), each attempt audited without the address; after the fourth the keepers' digest
lists it until a new link is made; a decision or a newer link stops the retries; two sweeps
never send one twice. A real SMTP server (aiosmtpd), both engines, injected clock."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.declaraciones import actions, decision_link, link_retries, reminders
from bot.declaraciones.models import Declaration
from nucleo.business_days import BusinessCalendar
from nucleo.models import AuditEntry, Person, StaffAccount
from nucleo.services import Services
from nucleo.settings import Settings
from tests.bot.consultas.desk import BOGOTA, RecordingNotifier, RecordingSender, bogota
from tests.bot.declaraciones.helpers import add_person, file_one, new_staff
from tests.fakes.mail import settings_for

PUBLIC = "https://valor.alcaldia.gov.co"
TO = "marta.gomez@gobernacion.gov.co"
T0 = bogota(2026, 12, 7, 9)  # a Monday


def _smtp(services: Services, controller) -> Settings:
    return settings_for(services.settings, smtp=controller).model_copy(
        update={"public_url": PUBLIC})


@pytest.fixture
def refusing(services: Services, smtp_server: Any) -> tuple[Settings, Any]:
    """The service's settings with the test SMTP server and a public address, and the server's
    inbox, which refuses Marta's address for now («452 Mailbox full»; a test may change it)."""
    controller, inbox = smtp_server
    inbox.refuse[TO] = "452 4.2.2 Mailbox full"
    return _smtp(services, controller), inbox


async def _linked(services: Services, settings: Settings) -> Declaration:
    """An impediment of Ana's (due 21 December); the register made a link by hand for Marta and
    e-mailed it, as the console does."""
    async with services.db.session() as session:
        ana = await session.scalar(select(Person.id).where(Person.full_name == "Ana Pérez"))
        account = await session.scalar(select(StaffAccount))
    if ana is None:
        ana = await add_person(services)
    if account is None:
        account = await new_staff(services, role="talento_humano", email="th@alcaldia.gov.co")
    filed = await file_one(services, ana, bogota(2026, 12, 4, 9))
    async with services.db.session() as session:
        account = await session.get(StaffAccount, account.id)
        assert account is not None
        token = await decision_link.issue_link(session, filed.id, staff=account,
                                               superior_name="Marta Gómez",
                                               signer=services.signer, email=TO)
        declaration = await actions.get_declaration(session, filed.id)
        sent = await decision_link.email_link(settings, declaration, to=TO,
                                              url=decision_link.link_url(PUBLIC, token))
        await decision_link.record_email(session, filed.id, sent=sent, staff=account)
    return filed


async def _sweep(services: Services, settings: Settings,
                 now: datetime) -> link_retries.RetryRun:
    async with services.db.session() as session:
        return await link_retries.retry_link_emails(session, now=now, settings=settings,
                                                    signer=services.signer)


async def _state(services: Services, declaration_id: int) -> tuple:
    async with services.db.session() as session:
        d = await session.get(Declaration, declaration_id)
        assert d is not None
        return d.link_email_state, d.link_email_attempts, d.link_email_retry_at


async def _attempts(services: Services) -> list[dict]:
    async with services.db.session() as session:
        return list(await session.scalars(select(AuditEntry.details).where(
            AuditEntry.action == decision_link.EMAIL_AUDIT).order_by(AuditEntry.id)))


async def test_a_refused_email_is_retried_with_backoff_until_it_goes(services: Services,
                                                                      refusing) -> None:
    smtp, inbox = refusing
    filed = await _linked(services, smtp)
    assert await _state(services, filed.id) == ("reintento", 1, None)
    assert (await _sweep(services, smtp, T0)).scheduled == 1  # first seen: due in 15 min
    assert (await _state(services, filed.id))[2] == T0 + timedelta(minutes=15)
    assert (await _sweep(services, smtp, T0 + timedelta(minutes=14))).failed == []
    run = await _sweep(services, smtp, T0 + timedelta(minutes=15))
    assert run.failed == [filed.radicado] and run.sent == []
    assert await _state(services, filed.id) == ("reintento", 2,
                                               T0 + timedelta(minutes=15, hours=1))
    del inbox.refuse[TO]  # the mailbox has room again
    run = await _sweep(services, smtp, T0 + timedelta(minutes=75))
    assert run.sent == [filed.radicado]
    assert await _state(services, filed.id) == ("enviado", 3, None)
    [mail] = inbox.to(TO)
    body = mail.get_body(("plain",)).get_content()
    url = next(line for line in body.splitlines() if line.startswith(PUBLIC))
    async with services.db.session() as session:  # the same live link, signed again
        opened = await decision_link.read_link(session, services.signer,
                                               url.rsplit("/", 1)[1])
    assert opened.id == filed.id and "hermano" not in body
    audits = await _attempts(services)
    assert audits == [{"radicado": filed.radicado, "enviado": False},
                      {"radicado": filed.radicado, "enviado": False, "intento": 2,
                       "agotado": False},
                      {"radicado": filed.radicado, "enviado": True, "intento": 3,
                       "agotado": False}]
    assert TO not in str(audits)
    assert (await _sweep(services, smtp, T0 + timedelta(days=1))).sent == []  # done


async def test_after_the_last_attempt_the_keepers_digest_says_so(services: Services,
                                                                  refusing) -> None:
    smtp, inbox = refusing
    inbox.refuse[TO] = "550 5.1.1 No such user"
    filed = await _linked(services, smtp)
    now = T0
    await _sweep(services, smtp, now)
    for wait in link_retries.BACKOFF:
        now += wait
        await _sweep(services, smtp, now)
    assert await _state(services, filed.id) == ("fallido", 4, None)
    assert (await _attempts(services))[-1]["agotado"] is True
    assert (await _sweep(services, smtp, now + timedelta(days=2))).failed == []  # bounded
    assert inbox.messages == []
    sender = RecordingSender()
    async with services.db.session() as session:  # Wednesday 9: the deadline (21st) is far
        account = await session.scalar(select(StaffAccount))
        assert account is not None
        account.telegram_chat_id = 11
        await session.commit()
        run = await reminders.send_reminders(
            session, today=date(2026, 12, 9), calendar=BusinessCalendar(), days_before=2,
            sender=sender, notifier=RecordingNotifier(), settings=smtp)
    assert run.digest == [filed.radicado]
    [(_chat, text)] = sender.sent
    assert "no se pudo entregar (4 intentos)" in text and "enlace nuevo" in text
    async with services.db.session() as session:  # someone acts: a new link, no e-mail
        await decision_link.issue_link(session, filed.id, staff=account,
                                       superior_name="Marta Gómez", signer=services.signer)
        run = await reminders.send_reminders(
            session, today=date(2026, 12, 10), calendar=BusinessCalendar(), days_before=2,
            sender=sender, notifier=RecordingNotifier(), settings=smtp)
    assert run.digest == [] and len(sender.sent) == 1


async def test_a_decision_or_a_newer_link_stops_the_retries(services: Services,
                                                             refusing) -> None:
    smtp, inbox = refusing
    first = await _linked(services, smtp)
    second = await _linked(services, smtp)
    await _sweep(services, smtp, T0)
    del inbox.refuse[TO]
    async with services.db.session() as session:
        await actions.decide(session, first.id, outcome="rechazada",
                             decision="No hay interés directo.", staff=None,
                             now=T0, notifier=None, tz=BOGOTA, decided_by_name="Marta Gómez")
        account = await session.scalar(select(StaffAccount))
        assert account is not None
        await decision_link.issue_link(session, second.id, staff=account,
                                       superior_name="Otra persona", signer=services.signer)
    run = await _sweep(services, smtp, T0 + timedelta(hours=1))
    assert run.sent == [] and inbox.messages == []
    assert (await _state(services, second.id))[0] is None


async def test_two_sweeps_at_once_send_it_once(services: Services, refusing) -> None:
    smtp, inbox = refusing
    filed = await _linked(services, smtp)
    await _sweep(services, smtp, T0)
    del inbox.refuse[TO]
    later = T0 + timedelta(minutes=20)
    runs = await asyncio.gather(_sweep(services, smtp, later), _sweep(services, smtp, later))
    assert sorted(len(r.sent) for r in runs) == [0, 1] and len(inbox.to(TO)) == 1
    assert (await _state(services, filed.id))[:2] == ("enviado", 2)


async def test_without_smtp_the_pending_retries_are_given_up(services: Services,
                                                            refusing) -> None:
    """SMTP switched off after a refusal: no retry could reach anyone, so the sweep gives the
    pending e-mails up at once (the digest then says so) instead of promising retries."""
    smtp, _inbox = refusing
    filed = await _linked(services, smtp)
    off = smtp.model_copy(update={"smtp_host": None})
    run = await _sweep(services, off, T0)
    assert run.given_up == [filed.radicado] and run.sent == []
    assert await _state(services, filed.id) == ("fallido", 1, None)
    assert len(await _attempts(services)) == 1  # no attempt made, none audited
    relative = smtp.model_copy(update={"public_url": None})
    assert (await _sweep(services, relative, T0)).given_up == []


async def test_a_declaration_closed_while_waiting_keeps_no_retry_nor_address(
        services: Services, refusing) -> None:
    """Withdrawn before the sweep first saw the failure, or decided while a retry was due: the
    sweep clears the state, the time and the address (the page no longer says «reintento»)."""
    smtp, inbox = refusing
    unseen = await _linked(services, smtp)
    due = await _linked(services, smtp)
    await _sweep(services, smtp, T0)  # both were due at T0 + 15 min; now close both
    async with services.db.session() as session:
        for filed in (unseen, due):
            row = await session.get(Declaration, filed.id)
            assert row is not None
            row.state = "desistida" if filed is unseen else "decidida"
            if filed is unseen:
                row.link_email_retry_at = None  # as if the sweep had never seen it
        await session.commit()
    del inbox.refuse[TO]
    run = await _sweep(services, smtp, T0 + timedelta(hours=1))
    assert run.sent == [] and run.scheduled == 0 and inbox.messages == []
    async with services.db.session() as session:
        for filed in (unseen, due):
            row = await session.get(Declaration, filed.id)
            assert row is not None and (row.link_email_state, row.link_email_retry_at,
                                        row.link_email) == (None, None, None)
