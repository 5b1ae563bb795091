"""The bot's notices (outbox) over WhatsApp: inside the 24-hour window as a free-form message,
outside it only as the configured template or marked failed with a reason for HR; the Cloud
API's error codes become outbox outcomes. Both engines."""

from __future__ import annotations

from datetime import timedelta

import httpx
from sqlalchemy import select

from bot import messages as bot_messages
from bot.consultas.tables import ConsultationTicket
from bot.consultas.tickets import answer_html
from bot.models import Conversation, OutboxMessage
from bot.notify import OutboxNotifier, OutboxWorker
from bot.whatsapp.channel import whatsapp_channel
from bot.whatsapp.notices import WhatsAppNotices, template_text
from nucleo.directory.models import WhatsAppContact
from nucleo.models import Person
from nucleo.outbox import OutboxState
from nucleo.services import Services
from tests.bot.whatsapp.conftest import Clock, say
from tests.fakes.whatsapp import WhatsAppDouble

ANA = "573001112233"
TEMPLATE = "aviso_valor"


async def register(wa: httpx.AsyncClient, double: WhatsAppDouble, wa_id: str) -> None:
    """Onboarding by buttons, saying yes to every purpose."""
    await say(wa, double, wa_id, double.text_from(wa_id, "/start"))
    for _ in range(6):
        yes = [option for option, _ in double.to(wa_id)[-1].options()
               if ":si:" in option or ":tipo:" in option]
        if not yes:
            break
        await say(wa, double, wa_id, double.tap_from(wa_id, yes[0]))


async def person_id(services: Services) -> int:
    async with services.db.session() as session:
        return int((await session.execute(select(Person.id).order_by(Person.id))).scalars()
                   .first() or 0)


def notice() -> str:
    ticket = ConsultationTicket(id=12, question="¿Puedo evaluar a mi primo?",
                                answer="No: es pariente en 4.º grado.\nDeclárese impedido.",
                                anonymous=False)
    return answer_html(ticket, "Laura Gómez")


async def queue_and_run(services: Services, clock: Clock, text: str) -> OutboxMessage:
    """Queue a notice for the only person, run one pass of a worker, return the row."""
    pid = await person_id(services)
    async with services.db.transaction() as session:
        await OutboxNotifier(clock).notify(session, pid, text)
    worker = OutboxWorker(services, whatsapp=WhatsAppNotices(services))
    await worker.run_once()
    async with services.db.session() as session:
        rows = (await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars()
        return list(rows)[-1]


async def test_registration_stores_the_number_only_after_consent(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services) -> None:
    await say(wa, double, ANA, double.text_from(ANA, "hola"))
    async with services.db.session() as session:
        assert (await session.execute(select(WhatsAppContact))).scalars().all() == []
    await register(wa, double, ANA)
    async with services.db.session() as session:
        [contact] = (await session.execute(select(WhatsAppContact))).scalars().all()
    assert contact.wa_id == ANA and contact.person_id == await person_id(services)


async def test_a_notice_goes_inside_the_window_and_fails_honestly_outside(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services,
        clock: Clock) -> None:
    await register(wa, double, ANA)
    before = len(double.to(ANA))
    row = await queue_and_run(services, clock, notice())
    assert row.state == OutboxState.ENVIADA and row.sent_at == clock.now
    [sent] = double.to(ANA)[before:]
    assert sent.type == "text" and "4.º grado" in sent.text and "<b>" not in sent.text

    clock.advance(timedelta(hours=24, minutes=1))
    before = len(double.sent)
    row = await queue_and_run(services, clock, notice())
    assert row.state == OutboxState.FALLIDA and row.sent_at is None
    assert row.last_error is not None
    assert row.last_error.startswith("la ventana de 24 horas de WhatsApp está cerrada")
    assert len(double.sent) == before and double.window_violations == []


async def test_outside_the_window_the_notice_template_carries_the_text(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services,
        clock: Clock) -> None:
    await register(wa, double, ANA)
    channel = whatsapp_channel(services)
    assert channel is not None
    channel.settings.notice_template = TEMPLATE
    channel.settings.notice_template_language = "es_CO"
    clock.advance(timedelta(days=3))
    row = await queue_and_run(services, clock, notice())
    assert row.state == OutboxState.ENVIADA
    sent = double.to(ANA)[-1]
    assert sent.type == "template"
    template = sent.body["template"]
    assert template["name"] == TEMPLATE and template["language"] == {"code": "es_CO"}
    [parameter] = template["components"][0]["parameters"]
    assert parameter["text"] == template_text(notice())
    assert "\n" not in parameter["text"] and "4.º grado" in parameter["text"]
    assert double.window_violations == [] and double.violations == []


async def test_cloud_api_errors_become_outbox_outcomes(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services,
        clock: Clock) -> None:
    await register(wa, double, ANA)
    for code in (130429, 131056):  # rate limits: retried later, not failed, not sent
        double.fail_next(code)
        row = await queue_and_run(services, clock, f"Aviso {code}")
        assert row.state == OutboxState.PENDIENTE and row.attempts == 1
        assert row.last_error is not None and str(code) in row.last_error
        assert row.next_attempt_at > clock.now
        clock.advance(timedelta(minutes=15))
        await OutboxWorker(services, whatsapp=WhatsAppNotices(services)).run_once()
        assert double.to(ANA)[-1].text == f"Aviso {code}"

    double.fail_next(131026)
    row = await queue_and_run(services, clock, "Aviso sin WhatsApp")
    assert row.state == OutboxState.FALLIDA and row.last_error is not None
    assert "ya no tiene WhatsApp" in row.last_error

    double.fail_next(131047)  # WhatsApp saw the window closed; no template configured
    row = await queue_and_run(services, clock, "Aviso tardío")
    assert row.state == OutboxState.FALLIDA and row.last_error is not None
    assert row.last_error.startswith("la ventana de 24 horas")

    channel = whatsapp_channel(services)
    assert channel is not None
    channel.settings.notice_template = TEMPLATE
    double.fail_next(131047)  # ... and with the template, it goes as the template
    row = await queue_and_run(services, clock, "Aviso con plantilla")
    assert row.state == OutboxState.ENVIADA and double.to(ANA)[-1].type == "template"

    clock.advance(timedelta(days=2))
    for code in (132015, 132016):  # the template paused or disabled: failed, with the reason
        double.fail_next(code)
        row = await queue_and_run(services, clock, "Aviso con plantilla pausada")
        assert row.state == OutboxState.FALLIDA and row.last_error is not None
        assert TEMPLATE in row.last_error and str(code) in row.last_error
    assert [m.text for m in double.to(ANA)].count("Aviso sin WhatsApp") == 0
    assert double.window_violations == [] and double.violations == []


async def test_a_person_without_whatsapp_still_gets_the_web_inbox(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services,
        clock: Clock) -> None:
    async with services.db.transaction() as session:
        session.add(Person(source="chat_web", subscribed=False, created_at=clock.now,
                           updated_at=clock.now))
    row = await queue_and_run(services, clock, "Aviso web")
    assert row.state == OutboxState.FALLIDA and row.last_error == bot_messages.NOTIFY_NO_WEB_CHAT
    assert double.sent == []


def test_template_text_is_one_line_and_fits() -> None:
    assert template_text("<b>Hola</b>\n\n  señora\tAna") == "*Hola* señora Ana"
    long = template_text("palabra " * 400)
    assert len(long) == 1000 and long.endswith("…")
    assert template_text("   ") == "—"


async def test_a_number_now_behind_another_person_leaves_the_previous_one(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services,
        clock: Clock) -> None:
    await register(wa, double, ANA)
    first = await person_id(services)
    channel = whatsapp_channel(services)
    assert channel is not None
    async with services.db.transaction() as session:
        other = Person(source="chat_web", subscribed=False, created_at=clock.now,
                       updated_at=clock.now)
        session.add(other)
        await session.flush()
        conversation = (await session.execute(select(Conversation).where(
            Conversation.key == channel.window.key(ANA)))).scalar_one()
        conversation.person_id = other.id
    await channel.contacts.sync(ANA)
    await channel.contacts.sync(ANA)  # nothing left to change
    async with services.db.session() as session:
        [contact] = (await session.execute(select(WhatsAppContact))).scalars().all()
    assert contact.wa_id == ANA and contact.person_id == other.id != first


async def test_an_advisors_answer_reaches_the_whatsapp_chat(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services,
        clock: Clock) -> None:
    """The real producer: an advisor answers a consultation escalated by a WhatsApp person."""
    from bot.consultas import tickets
    from nucleo.staff import create_staff
    from tests.bot.consultas.desk import desk_service

    await register(wa, double, ANA)
    pid = await person_id(services)
    desk = desk_service(services, clock)  # type: ignore[arg-type]  # a fake clock
    async with services.db.session() as session:
        advisor = await create_staff(session, email="asesora@alcaldia.gov.co",
                                     full_name="Laura Gómez", role="asesor",
                                     password="clave-segura-123")
        receipt = await desk.escalate(session, question="¿Puedo evaluar a mi primo?",
                                      person_id=pid, anonymous=False)
        await session.commit()
    async with services.db.session() as session:
        done = await tickets.answer_ticket(session, receipt.ticket_id,
                                           text="No: declárese impedido.", staff=advisor,
                                           notifier=OutboxNotifier(clock), now=clock())
    assert done.notified
    before = len(double.to(ANA))
    await OutboxWorker(services, whatsapp=WhatsAppNotices(services)).run_once()
    [sent] = double.to(ANA)[before:]
    assert "declárese impedido" in sent.text and "Laura Gómez" in sent.text
    async with services.db.session() as session:
        [row] = (await session.execute(select(OutboxMessage))).scalars().all()
    assert row.state == OutboxState.ENVIADA


async def test_the_service_wires_whatsapp_notices_into_the_outbox_worker(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services,
        clock: Clock) -> None:
    from bot.wiring import OUTBOX_WORKER, MeteredNotices, bot_parts

    bot_parts(services)
    worker = services.get(OUTBOX_WORKER)
    assert worker is not None and isinstance(worker.whatsapp, MeteredNotices)
    await register(wa, double, ANA)
    before = len(double.to(ANA))
    pid = await person_id(services)
    async with services.db.transaction() as session:
        await OutboxNotifier(clock).notify(session, pid, "Su declaración fue decidida.")
    await worker.run_once()
    assert [m.text for m in double.to(ANA)[before:]] == ["Su declaración fue decidida."]
