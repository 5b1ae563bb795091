"""A bot notice the Cloud API accepted and later reported ``failed`` (status webhook) leaves
«enviada»: failed with its reason, or queued again for what says «later». Both engines."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select

from bot.housekeeping import purge
from bot.models import OutboxMessage
from bot.notify import OutboxWorker
from bot.whatsapp.channel import WhatsAppChannel, whatsapp_channel
from bot.whatsapp.models import WhatsAppNoticeMessage
from bot.whatsapp.notices import WhatsAppNotices
from nucleo.outbox import OutboxState
from nucleo.ports import MessageStatus
from nucleo.services import Services
from nucleo.whatsapp_kept import KEPT, KeptStatus, key_of
from tests.bot.whatsapp.conftest import Clock, deliver
from tests.bot.whatsapp.test_notices import ANA, TEMPLATE, queue_and_run, register
from tests.fakes.whatsapp import WhatsAppDouble


@pytest.fixture
async def ana(wa: httpx.AsyncClient, double: WhatsAppDouble) -> str:
    """Ana, registered over WhatsApp: notices reach her there."""
    await register(wa, double, ANA)
    return ANA


@pytest.fixture
def templated(services: Services, ana: str) -> WhatsAppChannel:
    """The channel with the notices' template configured."""
    channel = whatsapp_channel(services)
    assert channel is not None
    channel.settings.notice_template = TEMPLATE
    return channel


def meta_sees_the_window_closed(double: WhatsAppDouble, clock: Clock) -> None:
    """The service saw Ana write an hour ago; WhatsApp's own clock has her window closed."""
    clock.advance(timedelta(hours=1))
    double.last_inbound[ANA] = clock.now - timedelta(hours=25)


async def row_of(services: Services, row_id: int) -> OutboxMessage:
    async with services.db.session() as session:
        row = await session.get(OutboxMessage, row_id)
        assert row is not None
        return row


async def test_a_notice_whatsapp_fails_later_is_marked_failed_once(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services,
        clock: Clock, ana: str) -> None:
    meta_sees_the_window_closed(double, clock)
    row = await queue_and_run(services, clock, "Su consulta fue respondida.")
    assert row.state == OutboxState.ENVIADA
    [wamid] = double.window_violations
    async with services.db.session() as session:
        kept = (await session.execute(select(WhatsAppNoticeMessage))).scalars().all()
    assert [(k.wamid, k.outbox_id) for k in kept] == [(wamid, row.id)]

    [status] = double.pending_statuses
    response = await deliver(wa, double.signed(status))
    assert response.status_code == 200 and response.json()["estados"] == 1
    row = await row_of(services, row.id)
    assert row.state == OutboxState.FALLIDA and row.last_error is not None
    assert "ventana de 24 horas ya estaba cerrada" in row.last_error
    assert "131047" in row.last_error and len(row.last_error) <= 200

    # Replayed, or a «delivered» arriving late: nothing changes.
    assert (await deliver(wa, double.signed(status))).status_code == 200
    assert (await deliver(wa, double.signed(double.status(wamid, ANA, "delivered")))
            ).status_code == 200
    again = await row_of(services, row.id)
    assert again.state == OutboxState.FALLIDA and again.last_error == row.last_error


async def test_a_later_failure_that_says_later_sends_the_notice_again(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services,
        clock: Clock, ana: str) -> None:
    row = await queue_and_run(services, clock, "Aviso que WhatsApp no pudo entregar")
    wamid = double.to(ANA)[-1].id
    await deliver(wa, double.signed(double.status(wamid, ANA, "failed", errors=[
        {"code": 131000, "title": "Something went wrong"}])))
    row = await row_of(services, row.id)
    assert row.state == OutboxState.PENDIENTE and row.sent_at is None
    assert row.last_error is not None and "131000" in row.last_error
    assert row.next_attempt_at == clock.now + timedelta(seconds=30)

    worker = OutboxWorker(services, whatsapp=WhatsAppNotices(services))
    assert await worker.run_once() == 0  # not before its wait
    clock.advance(timedelta(seconds=31))
    await worker.run_once()
    assert [m.text for m in double.to(ANA)].count("Aviso que WhatsApp no pudo entregar") == 2
    assert (await row_of(services, row.id)).state == OutboxState.ENVIADA


async def test_two_failed_messages_of_one_notice_in_one_webhook_count_once(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services,
        clock: Clock, ana: str) -> None:
    """A notice sent as two messages (say an image and its text) that both fail «later» in the
    same webhook goes back to the queue once, and its old ids are forgotten."""
    row = await queue_and_run(services, clock, "Aviso en dos mensajes")
    first = double.to(ANA)[-1].id
    second = "wamid.second-part-of-the-notice"
    async with services.db.session() as session:
        session.add(WhatsAppNoticeMessage(wamid=second, outbox_id=row.id))
        await session.commit()
    failed = [MessageStatus(wamid, "failed", clock.now, error_codes=(131000,))
              for wamid in (first, second)]
    channel = whatsapp_channel(services)
    assert channel is not None
    assert await channel.notices.record(failed) == {first, second}  # both its messages
    again = await row_of(services, row.id)
    assert again.state == OutboxState.PENDIENTE and again.attempts == row.attempts
    async with services.db.session() as session:
        assert (await session.execute(select(WhatsAppNoticeMessage).where(
            WhatsAppNoticeMessage.outbox_id == row.id))).first() is None


async def test_a_template_notice_reported_paused_names_the_template(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services,
        clock: Clock, templated: WhatsAppChannel) -> None:
    clock.advance(timedelta(days=2))
    row = await queue_and_run(services, clock, "Aviso por plantilla")
    sent = double.to(ANA)[-1]
    assert row.state == OutboxState.ENVIADA and sent.type == "template"
    await deliver(wa, double.signed(double.status(sent.id, ANA, "failed", errors=[
        {"code": 132015, "title": "Template is paused"}])))
    row = await row_of(services, row.id)
    assert row.state == OutboxState.FALLIDA and row.last_error is not None
    assert TEMPLATE in row.last_error and "132015" in row.last_error


async def test_statuses_of_other_messages_leave_notices_alone(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services,
        clock: Clock, ana: str) -> None:
    row = await queue_and_run(services, clock, "Aviso entregado")
    reply = double.to(ANA)[0].id  # a reply of the chat, not a notice
    for status in (double.status(reply, ANA, "failed", errors=[{"code": 131026}]),
                   double.status("wamid.unknown", ANA, "failed", errors=[{"code": 131026}]),
                   double.status(double.to(ANA)[-1].id, ANA, "read")):
        assert (await deliver(wa, double.signed(status))).status_code == 200
    assert (await row_of(services, row.id)).state == OutboxState.ENVIADA


async def test_the_message_ids_go_with_the_notice(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services,
        clock: Clock, ana: str) -> None:
    from bot.housekeeping import purge

    await queue_and_run(services, clock, "Aviso viejo")
    async with services.db.session() as session:
        assert (await session.execute(select(WhatsAppNoticeMessage))).scalars().all() != []
    await purge(services, clock.now + timedelta(days=31))
    async with services.db.session() as session:
        assert (await session.execute(select(WhatsAppNoticeMessage))).scalars().all() == []


async def test_a_late_window_failure_goes_again_as_the_notice_template(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services,
        clock: Clock, templated: WhatsAppChannel) -> None:
    meta_sees_the_window_closed(double, clock)
    row = await queue_and_run(services, clock, "Su consulta fue respondida.")
    assert row.state == OutboxState.ENVIADA and double.to(ANA)[-1].type == "text"
    [status] = double.pending_statuses
    await deliver(wa, double.signed(status))
    row = await row_of(services, row.id)
    assert row.state == OutboxState.PENDIENTE and row.last_error is not None
    assert "se reenviará con la plantilla de avisos" in row.last_error
    assert not await templated.window.is_open(ANA)  # the service now agrees with Meta

    await OutboxWorker(services, whatsapp=WhatsAppNotices(services)).run_once()
    sent = double.to(ANA)[-1]
    assert sent.type == "template" and sent.body["template"]["name"] == TEMPLATE
    assert (await row_of(services, row.id)).state == OutboxState.ENVIADA
    assert (await deliver(wa, double.signed(status))).status_code == 200  # replayed: nothing
    assert (await row_of(services, row.id)).state == OutboxState.ENVIADA
    assert len(double.window_violations) == 1  # only the first, free-form one

    # Ana writes again: the window opens as usual.
    await deliver(wa, double.text_from(ANA, "gracias"))
    assert await templated.window.is_open(ANA)


async def test_a_late_failure_does_not_resend_a_notice_past_its_attempts(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services,
        clock: Clock, ana: str) -> None:
    """The outbox's limit (6 sends) holds for late failures too: the sixth send's «later»
    failure settles the notice as failed with the give-up note instead of queueing it."""
    row = await queue_and_run(services, clock, "Aviso que nunca llega")
    async with services.db.transaction() as session:
        stored = await session.get(OutboxMessage, row.id)
        assert stored is not None and stored.attempts == 1
        stored.attempts = 6
    wamid = double.to(ANA)[-1].id
    await deliver(wa, double.signed(double.status(wamid, ANA, "failed", errors=[
        {"code": 131000, "title": "Something went wrong"}])))
    row = await row_of(services, row.id)
    assert row.state == OutboxState.FALLIDA and row.last_error is not None
    assert "131000" in row.last_error and "sin más intentos (6 envíos)" in row.last_error
    assert "se reintentará" not in row.last_error and len(row.last_error) <= 200
    assert await OutboxWorker(services, whatsapp=WhatsAppNotices(services)).run_once() == 0


async def test_a_late_window_failure_leaves_a_window_the_person_reopened(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services,
        clock: Clock, templated: WhatsAppChannel) -> None:
    meta_sees_the_window_closed(double, clock)
    await queue_and_run(services, clock, "Su consulta fue respondida.")
    [status] = double.pending_statuses  # the failure as of the send
    clock.advance(timedelta(minutes=5))
    await deliver(wa, double.text_from(ANA, "hola"))  # Ana writes: the window opens again
    await deliver(wa, double.signed(status))  # the older failure arrives after it
    assert await templated.window.is_open(ANA)


async def test_a_failure_that_comes_before_the_notice_is_stored_still_applies(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services, clock: Clock,
        monkeypatch, ana: str) -> None:
    """Meta's «failed» may arrive while the worker has not yet committed the notice's ids:
    it is kept and applied right after that commit."""
    send = WhatsAppNotices.send

    async def racing(self, session, person, reply):
        outcome = await send(self, session, person, reply)
        [wamid] = outcome.message_ids
        early = double.status(wamid, ANA, "failed", errors=[{"code": 131026}])
        assert (await deliver(wa, double.signed(early))).status_code == 200
        return outcome

    monkeypatch.setattr(WhatsAppNotices, "send", racing)
    row = await queue_and_run(services, clock, "Aviso adelantado")
    row = await row_of(services, row.id)
    assert row.state == OutboxState.FALLIDA and "131026" in (row.last_error or "")
    async with services.db.session() as session:
        assert (await session.execute(select(KeptStatus))).scalars().all() == []


async def test_statuses_nobody_claims_are_kept_as_digests_then_forgotten(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services,
        clock: Clock, ana: str) -> None:
    """Statuses of messages nobody records (the chat's replies) wait in the kept table, once
    each however often Meta repeats them, and the bot's housekeeping forgets them after
    ``KEPT``."""
    for wamid in ("wamid.reply.1", "wamid.reply.1", "wamid.reply.2"):  # with a replay
        await deliver(wa, double.signed(double.status(wamid, ANA, "failed",
                                                       errors=[{"code": 131026}])))
    await deliver(wa, double.signed(double.status("wamid.reply.2", ANA, "read")))
    async with services.db.session() as session:
        kept = (await session.execute(select(KeptStatus.key, KeptStatus.status, KeptStatus.code))).all()
    assert sorted(tuple(k) for k in kept) == sorted([(key_of("wamid.reply.1"), "failed", 131026),
                                                     (key_of("wamid.reply.2"), "failed", 131026),
                                                     (key_of("wamid.reply.2"), "read", None)])
    assert not any("wamid" in k[0] for k in kept)  # only digests: a wamid carries the number
    clock.advance(KEPT + timedelta(seconds=1))
    await deliver(wa, double.signed(double.status("wamid.reply.3", ANA, "delivered")))
    await purge(services, clock.now)
    async with services.db.session() as session:
        left = (await session.execute(select(KeptStatus.key))).scalars().all()
    assert left == [key_of("wamid.reply.3")]


async def test_a_notice_sent_partly_free_then_as_the_template_keeps_every_wamid(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services,
        clock: Clock, templated: WhatsAppChannel) -> None:
    """A long notice takes two messages; the first goes, WhatsApp refuses the second (131047)
    and the notice goes as the template: both accepted messages' ids are kept, so a later
    ``failed`` for the first one finds the row, once."""
    text = "Aviso largo. " * 400  # 5,200 characters: two text messages
    before = len(double.to(ANA))
    double.fail_next(None, 131047)
    row = await queue_and_run(services, clock, text)
    assert row.state == OutboxState.ENVIADA
    first, template = double.to(ANA)[before:]
    assert first.type == "text" and template.type == "template"
    async with services.db.session() as session:
        kept = (await session.execute(select(WhatsAppNoticeMessage.wamid).where(
            WhatsAppNoticeMessage.outbox_id == row.id))).scalars().all()
    assert sorted(kept) == sorted([first.id, template.id])

    failed = double.status(first.id, ANA, "failed", [{"code": 131026}])
    assert (await deliver(wa, double.signed(failed))).status_code == 200
    row = await row_of(services, row.id)
    assert row.state == OutboxState.FALLIDA and row.last_error is not None
    assert (await deliver(wa, double.signed(failed))).status_code == 200  # a replay
    assert (await row_of(services, row.id)).last_error == row.last_error
    assert double.violations == []
