"""#18: the jefe inmediato who got a decision link from the directory, without a console
account, is reminded once a business day by chat (or e-mail) of what is theirs to decide — no
facts, no names; a retired superior or a decided declaration gets nothing. The reminders' hour
and advance come from the environment, validated. Both engines, injected clock."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, update

from bot.declaraciones import actions, decision_link, reminders
from bot.declaraciones.component import DeclarationReminders
from bot.declaraciones.models import Declaration
from nucleo import mail
from nucleo.background import background
from nucleo.business_days import BusinessCalendar
from nucleo.models import Person
from nucleo.services import Services
from nucleo.settings import Settings, SettingsError
from tests.bot.consultas.desk import BOGOTA, RecordingNotifier, bogota
from tests.bot.declaraciones.helpers import add_official, add_person, file_one

PUBLIC = "https://valor.alcaldia.gov.co"


async def _routed(services: Services, notifier: RecordingNotifier, *, chat: int | None = 555,
                  email: str | None = None) -> tuple[Declaration, int]:
    """Ana's impediment (due Monday 21 December), its link routed to Luz, her jefe."""
    services.settings = services.settings.model_copy(update={"public_url": PUBLIC})
    ana = await add_person(services)
    luz = await add_official(services, "Luz Ríos", chat_id=chat)
    async with services.db.session() as session:
        await session.execute(update(Person).where(Person.id == luz).values(email=email))
        await session.commit()
    filed = await file_one(services, ana, bogota(2026, 12, 4, 9))
    async with services.db.session() as session:
        declaration = await session.get(Declaration, filed.id)
        superior = await session.get(Person, luz)
        assert declaration is not None and superior is not None
        await decision_link.route_to_superior(
            session, declaration, superior, signer=services.signer, notifier=notifier,
            settings=services.settings, jobs=background(services), db=services.db)
    await background(services).drain()
    notifier.sent.clear()
    return filed, luz


async def _run(services: Services, today: date, notifier: RecordingNotifier,
               settings: Settings | None = None) -> reminders.ReminderRun:
    async with services.db.session() as session:
        return await reminders.send_reminders(
            session, today=today, calendar=BusinessCalendar(), days_before=2, sender=None,
            notifier=notifier, settings=settings)


async def test_the_superior_is_reminded_in_the_chat_once_a_day(services: Services) -> None:
    notifier = RecordingNotifier()
    filed, luz = await _routed(services, notifier)
    assert (await _run(services, date(2026, 12, 15), notifier)).superior_chats == []  # far
    run = await _run(services, date(2026, 12, 17), notifier)  # 2 business days left
    assert run.superior_chats == [luz]
    [sent] = notifier.sent
    assert sent.person_id == luz and filed.radicado in sent.text_html
    assert "faltan 2 días hábiles" in sent.text_html and "enlace personal" in sent.text_html
    assert "hermano" not in sent.text_html and "Ana" not in sent.text_html  # no facts, no names
    assert (await _run(services, date(2026, 12, 17), notifier)).superior_chats == []  # again
    assert (await _run(services, date(2026, 12, 18), notifier)).superior_chats == [luz]
    async with services.db.session() as session:
        await actions.decide(session, filed.id, outcome="rechazada",
                             decision="No hay interés directo.", staff=None,
                             now=bogota(2026, 12, 18, 12), notifier=None, tz=BOGOTA,
                             decided_by_name="Luz Ríos")
    assert (await _run(services, date(2026, 12, 21), notifier)).superior_chats == []  # decided


async def test_without_chat_the_reminder_goes_by_email(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[tuple[str, str, str]] = []

    async def fake(_settings: object, *, to: str, subject: str, text: str) -> bool:
        sent.append((to, subject, text))
        return to != "rebota@alcaldia.gov.co"

    monkeypatch.setattr(mail, "send", fake)
    services.settings = smtp = services.settings.model_copy(update={
        "smtp_host": "smtp.invalid", "smtp_from": "valor@alcaldia.gov.co"})
    notifier = RecordingNotifier()
    filed, luz = await _routed(services, notifier, chat=None, email="luz@alcaldia.gov.co")
    assert [to for to, _, _ in sent] == ["luz@alcaldia.gov.co"]  # the link itself
    sent.clear()
    run = await _run(services, date(2026, 12, 22), notifier, smtp)  # overdue
    assert run.superior_emails == 1 and run.superior_chats == []
    assert luz not in [p.person_id for p in notifier.sent]  # only Ana's overdue notice
    [(to, subject, text)] = sent
    assert to == "luz@alcaldia.gov.co" and subject == "Declaraciones que le corresponde decidir"
    assert filed.radicado in text and "vencida" in text and "<b>" not in text
    assert "hermano" not in text
    assert (await _run(services, date(2026, 12, 22), notifier, smtp)).superior_emails == 0
    async with services.db.session() as session:  # a bounce is counted as not sent
        await session.execute(update(Person).where(Person.id == luz).values(
            email="rebota@alcaldia.gov.co"))
        await session.commit()
    assert (await _run(services, date(2026, 12, 23), notifier, smtp)).superior_emails == 0
    assert len(sent) == 2
    # without SMTP nothing is promised
    assert (await _run(services, date(2026, 12, 24), notifier, None)).superior_emails == 0
    assert len(sent) == 2


async def test_a_retired_superior_gets_nothing(services: Services) -> None:
    notifier = RecordingNotifier()
    _filed, luz = await _routed(services, notifier)
    async with services.db.session() as session:
        await session.execute(update(Person).where(Person.id == luz).values(status="inactiva"))
        await session.commit()
    run = await _run(services, date(2026, 12, 17), notifier)
    assert run.superior_chats == [] and notifier.sent == []


def test_the_hour_and_advance_come_from_the_environment(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VALOR_DECLARACIONES_REMINDER_HOUR", "9")
    monkeypatch.setenv("VALOR_DECLARACIONES_REMINDER_BUSINESS_DAYS", "3")
    component = DeclarationReminders(services, scheduler=lambda: None)  # type: ignore[arg-type,return-value]  # never started
    assert (component.hour, component.days_before) == (9, 3)
    for name, value in (("VALOR_DECLARACIONES_REMINDER_HOUR", "21"),
                        ("VALOR_DECLARACIONES_REMINDER_HOUR", "ocho"),
                        ("VALOR_DECLARACIONES_REMINDER_BUSINESS_DAYS", "-1")):
        monkeypatch.setenv(name, value)
        with pytest.raises(SettingsError, match=name):
            DeclarationReminders(services, scheduler=lambda: None)  # type: ignore[arg-type,return-value]  # never started
        monkeypatch.setenv(name, "3" if "DAYS" in name else "9")


async def _by_hand(services: Services, email: str | None, *, sent: bool = True) -> Declaration:
    """Ana's impediment (due Monday 21 December); the register made the link by hand for a
    jefe outside the directory and e-mailed it (``sent``: the mail server took it)."""
    from nucleo.models import StaffAccount
    from tests.bot.declaraciones.helpers import new_staff

    ana = await add_person(services)
    filed = await file_one(services, ana, bogota(2026, 12, 4, 9))
    staff = await new_staff(services, role="talento_humano", email="th@alcaldia.gov.co")
    async with services.db.session() as session:
        account = await session.get(StaffAccount, staff.id)
        assert account is not None
        await decision_link.issue_link(session, filed.id, staff=account,
                                       superior_name="Marta <Gómez>", signer=services.signer,
                                       email=email)
        if email is not None:
            await decision_link.record_email(session, filed.id, sent=sent, staff=account)
    return filed


async def test_a_superior_linked_by_hand_is_reminded_by_email(services: Services,
                                                              smtp_server) -> None:
    from tests.fakes.mail import settings_for

    controller, inbox = smtp_server
    smtp = settings_for(services.settings, smtp=controller)
    filed = await _by_hand(services, "marta.gomez@gobernacion.gov.co")
    notifier = RecordingNotifier()
    assert (await _run(services, date(2026, 12, 15), notifier, smtp)).superior_emails == 0
    run = await _run(services, date(2026, 12, 17), notifier, smtp)  # 2 business days left
    assert run.superior_emails == 1 and run.superior_chats == []
    [mail] = inbox.to("marta.gomez@gobernacion.gov.co")
    assert mail["Subject"] == "Declaraciones que le corresponde decidir"
    body = mail.get_body(("plain",)).get_content()
    assert body.startswith("Marta <Gómez>:") and filed.radicado in body
    assert "faltan 2 días hábiles" in body and "enlace personal que le llegó" in body
    assert "hermano" not in body and "Ana" not in body  # no facts, no declarant
    assert (await _run(services, date(2026, 12, 17), notifier, smtp)).superior_emails == 0
    assert (await _run(services, date(2026, 12, 22), notifier, smtp)).superior_emails == 1
    assert len(inbox.to("marta.gomez@gobernacion.gov.co")) == 2  # (the keeper gets the digest)
    async with services.db.session() as session:  # decided: nothing more
        await actions.decide(session, filed.id, outcome="aceptada",
                             decision="Asume el secretario de despacho.", staff=None,
                             now=bogota(2026, 12, 22, 12), notifier=None, tz=BOGOTA,
                             decided_by_name="Marta Gómez")
    assert (await _run(services, date(2026, 12, 23), notifier, smtp)).superior_emails == 0


@pytest.mark.parametrize("case", ["not_sent", "no_email", "no_smtp", "new_link"])
async def test_no_reminder_without_a_link_that_reached_them(services: Services, smtp_server,
                                                             case: str) -> None:
    """A link whose e-mail the server did not take, a link made with no address, a service
    without SMTP, or a newer link made without an address: no reminder by e-mail."""
    from nucleo.models import StaffAccount
    from tests.fakes.mail import settings_for

    controller, inbox = smtp_server
    smtp = settings_for(services.settings, smtp=controller)
    filed = await _by_hand(services, None if case == "no_email" else "marta@gobernacion.gov.co",
                           sent=case != "not_sent")
    if case == "new_link":
        async with services.db.session() as session:
            account = await session.scalar(select(StaffAccount))
            assert account is not None
            await decision_link.issue_link(session, filed.id, staff=account,
                                           superior_name="Otra persona", signer=services.signer)
    run = await _run(services, date(2026, 12, 22), RecordingNotifier(),
                     None if case == "no_smtp" else smtp)
    assert run.superior_emails == 0 and inbox.to("marta@gobernacion.gov.co") == []


async def test_one_email_a_day_per_address_linked_by_hand(services: Services,
                                                          smtp_server) -> None:
    from nucleo.models import StaffAccount
    from tests.fakes.mail import settings_for

    controller, inbox = smtp_server
    smtp = settings_for(services.settings, smtp=controller)
    first = await _by_hand(services, "marta@gobernacion.gov.co")
    second = await file_one(services, first.person_id or 0, bogota(2026, 12, 4, 11),
                            matter="Permiso 77 de 2026")
    async with services.db.session() as session:
        account = await session.scalar(select(StaffAccount))
        assert account is not None
        await decision_link.issue_link(session, second.id, staff=account,
                                       superior_name="Marta Gómez", signer=services.signer,
                                       email="Marta@Gobernacion.gov.co")
        await decision_link.record_email(session, second.id, sent=True, staff=account)
    run = await _run(services, date(2026, 12, 17), RecordingNotifier(), smtp)
    assert run.superior_emails == 1
    [mail] = [m for m in inbox.messages if "gobernacion" in str(m["To"]).lower()]
    body = mail.get_body(("plain",)).get_content()
    assert first.radicado in body and second.radicado in body
