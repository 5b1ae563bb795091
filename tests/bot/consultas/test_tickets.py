"""Ticket actions (bot/consultas/tickets.py): answer once, close, notify the person."""

from __future__ import annotations

import pytest
from sqlalchemy import delete

from bot.consultas import tickets
from nucleo.errors import Conflict, InvalidInput, NotFound
from nucleo.models import Person
from nucleo.staff import create_staff
from tests.bot.consultas.desk import Clock, RecordingNotifier, add_person, bogota, desk_service


@pytest.fixture
def clock() -> Clock:
    return Clock(bogota(2026, 9, 1, 9))


async def _setup(services, clock, *, anonymous=False):
    desk = desk_service(services, clock)
    person_id = await add_person(services)
    async with services.db.session() as session:
        advisor = await create_staff(session, email="asesora@alcaldia.gov.co",
                                     full_name="Asesora <Uno>", role="asesor",
                                     password="clave-segura-123")
        receipt = await desk.escalate(session, question="¿Mi novia <b>puede</b> contratar?",
                                      person_id=person_id, anonymous=anonymous)
        await session.commit()
    return desk, person_id, advisor, receipt


async def test_an_answer_reaches_the_person_through_the_notifier(services, clock):
    _desk, person_id, advisor, receipt = await _setup(services, clock)
    notifier = RecordingNotifier()
    async with services.db.session() as session:
        done = await tickets.answer_ticket(session, receipt.ticket_id, text="Sí, <i>pero</i>…",
                                           staff=advisor, notifier=notifier, now=clock())
    assert done.notified and done.ticket.status == "respondido"
    assert done.ticket.answered_by_id == advisor.id and done.ticket.notified_at == clock()
    [sent] = notifier.sent
    assert sent.person_id == person_id
    assert "Sí, &lt;i&gt;pero&lt;/i&gt;…" in sent.text_html
    assert "&lt;b&gt;puede&lt;/b&gt;" in sent.text_html and "Asesora &lt;Uno&gt;" in sent.text_html
    assert f"n.º {receipt.ticket_id}" in sent.text_html


async def test_answering_twice_or_a_closed_ticket_is_a_conflict(services, clock):
    _desk, _, advisor, receipt = await _setup(services, clock)
    async with services.db.session() as session:
        await tickets.answer_ticket(session, receipt.ticket_id, text="Primera", staff=advisor,
                                    notifier=None, now=clock())
        with pytest.raises(Conflict, match="ya fue respondida"):
            await tickets.answer_ticket(session, receipt.ticket_id, text="Segunda",
                                        staff=advisor, notifier=None, now=clock())
        await tickets.close_ticket(session, receipt.ticket_id, staff=advisor, now=clock())
        with pytest.raises(Conflict, match="está cerrada"):
            await tickets.answer_ticket(session, receipt.ticket_id, text="Tercera",
                                        staff=advisor, notifier=None, now=clock())
        with pytest.raises(Conflict, match="está cerrada"):
            await tickets.close_ticket(session, receipt.ticket_id, staff=advisor, now=clock())
        ticket = await tickets.get_ticket(session, receipt.ticket_id)
    assert ticket.answer == "Primera" and ticket.status == "cerrado"


async def test_without_a_notifier_the_answer_is_kept_and_the_advisor_is_told(services, clock):
    _, _, advisor, receipt = await _setup(services, clock)
    async with services.db.session() as session:
        done = await tickets.answer_ticket(session, receipt.ticket_id, text="Respuesta",
                                           staff=advisor, notifier=None, now=clock())
    assert not done.notified and "no fue notificada" in done.note
    assert done.ticket.notified_at is None and done.ticket.answer == "Respuesta"


async def test_anonymous_tickets_notify_nobody(services, clock):
    _, _, advisor, receipt = await _setup(services, clock, anonymous=True)
    notifier = RecordingNotifier()
    async with services.db.session() as session:
        done = await tickets.answer_ticket(session, receipt.ticket_id, text="Respuesta",
                                           staff=advisor, notifier=notifier, now=clock())
    assert not done.notified and not notifier.sent and "código" in done.note


async def test_a_person_who_deleted_their_data_is_not_notified(services, clock):
    _, person_id, advisor, receipt = await _setup(services, clock)
    async with services.db.session() as session:
        await session.execute(delete(Person).where(Person.id == person_id))
        await session.commit()
    notifier = RecordingNotifier()
    async with services.db.session() as session:
        done = await tickets.answer_ticket(session, receipt.ticket_id, text="Respuesta",
                                           staff=advisor, notifier=notifier, now=clock())
    assert not done.notified and not notifier.sent and done.ticket.person_id is None


@pytest.mark.parametrize("text", ["", "   ", "\u200b\u200b", "x" * 3001, None])
async def test_bad_answers_are_refused(services, clock, text):
    _, _, advisor, receipt = await _setup(services, clock)
    async with services.db.session() as session:
        with pytest.raises(InvalidInput):
            await tickets.answer_ticket(session, receipt.ticket_id, text=text, staff=advisor,
                                        notifier=None, now=clock())
        with pytest.raises(NotFound):
            await tickets.answer_ticket(session, 999_999, text="ok", staff=advisor,
                                        notifier=None, now=clock())


async def test_list_is_by_due_date_and_filters(services, clock):
    desk, _person_id, advisor, first = await _setup(services, clock)
    clock.now = bogota(2026, 8, 14, 9)  # earlier, so it is due first
    async with services.db.session() as session:
        earlier = await desk.escalate(session, question="otra", person_id=None, anonymous=True)
        await session.commit()
        total, rows = await tickets.list_tickets(session)
        assert total == 2 and [t.id for t in rows] == [earlier.ticket_id, first.ticket_id]
        total, rows = await tickets.list_tickets(session, due_before=earlier.due_on)
        assert [t.id for t in rows] == [earlier.ticket_id]
        await tickets.close_ticket(session, earlier.ticket_id, staff=advisor, now=clock())
        total, rows = await tickets.list_tickets(session, status="abierto")
        assert [t.id for t in rows] == [first.ticket_id]
