"""The CONSULTATIONS port (bot/consultas/service.py) on both databases."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from bot.consultas.tables import ConsultationTicket, EntryFeedback
from nucleo.errors import InvalidInput, NotFound, RateLimited
from nucleo.ports import ConsultationReply, Consultations
from tests.bot.consultas.desk import Clock, add_person, bogota, desk_service

FRIDAY_BEFORE_HOLIDAY = bogota(2026, 8, 14, 10, 30)


@pytest.fixture
def clock() -> Clock:
    return Clock(FRIDAY_BEFORE_HOLIDAY)


@pytest.fixture
def desk(services, clock):
    return desk_service(services, clock)


def test_the_service_satisfies_the_port(desk):
    port: Consultations = desk
    assert isinstance(port.answer("¿Qué es la recusación?"), ConsultationReply)


def test_answer_adapts_the_engine_answer(desk):
    reply = desk.answer("¿Qué es la recusación?")
    assert reply.action == "answer" and reply.entry_id == "recusacion_que_es"
    assert isinstance(reply.sources, list) and reply.sources
    assert "Fuentes" in reply.text_html and reply.score > 0


def test_clarify_gives_candidates_as_pairs(desk):
    reply = desk.answer("mi cuñado trabaja en la alcaldía, puedo evaluar su contrato?")
    if reply.action == "clarify":
        assert all(isinstance(c, tuple) and len(c) == 2 for c in reply.candidates)


@pytest.mark.parametrize("question", [
    "", "   ", "a" * 10_000, "😀🙏🔥", "<script>alert(1)</script> ¿regalos?",
    "**negrita** _x_ [link](http://x)", "Can I accept a gift from a contractor?", None, 42,
])
def test_bad_input_never_breaks_and_is_never_echoed_unescaped(desk, question):
    reply = desk.answer(question)
    assert reply.action in {"answer", "clarify", "escalate", "out_of_scope", "small_talk"}
    assert "<script>" not in reply.text_html
    assert "Can I" not in reply.text_html


def test_answer_entry_for_buttons(desk):
    assert desk.answer_entry("recusacion_que_es").entry_id == "recusacion_que_es"
    assert desk.answer_entry("no_existe") is None
    assert desk.answer_entry(None) is None
    human = desk.answer_entry("escalar_hablar_con_persona")
    assert human is not None and human.action == "escalate"


async def test_escalate_keeps_person_department_and_a_holiday_aware_due_date(services, desk):
    person_id = await add_person(services)
    async with services.db.session() as session:
        receipt = await desk.escalate(session, question="Mi ex cuñada concursa, ¿me aparto?",
                                      person_id=person_id, anonymous=False)
        await session.commit()
    assert receipt.code is None
    assert receipt.due_on == date(2026, 8, 31)  # 10 business days; Monday 17 is a holiday
    async with services.db.session() as session:
        ticket = await session.get(ConsultationTicket, receipt.ticket_id)
    assert ticket.person_id == person_id and ticket.department_id is not None
    assert ticket.status == "abierto" and not ticket.anonymous and ticket.code_hash is None
    assert ticket.created_at == FRIDAY_BEFORE_HOLIDAY
    assert "31 de agosto" in desk.receipt_html(receipt)


async def test_due_days_are_configurable(services, clock):
    desk = desk_service(services, clock, due_business_days=1)
    async with services.db.session() as session:
        receipt = await desk.escalate(session, question="duda", person_id=None, anonymous=True)
        await session.commit()
    assert receipt.due_on == date(2026, 8, 18)


async def test_anonymous_tickets_keep_no_link_and_are_read_back_by_code(services, desk):
    person_id = await add_person(services)
    async with services.db.session() as session:
        receipt = await desk.escalate(session, question="Quiero denunciar <b>algo</b>",
                                      person_id=person_id, anonymous=True)
        await session.commit()
    assert receipt.code and desk.is_receipt_code(receipt.code)
    async with services.db.session() as session:
        ticket = await session.get(ConsultationTicket, receipt.ticket_id)
        assert ticket.person_id is None and ticket.department_id is None and ticket.anonymous
        assert ticket.code_hash and receipt.code.replace("-", "") not in ticket.code_hash
        pending = await desk.read_by_code(session, receipt.code.lower())
        assert pending and "31 de agosto" in pending
        assert await desk.read_by_code(session, "ACDEF-GHJKM") is None
        assert await desk.read_by_code(session, "<b>hola</b>") is None
        ticket.answer, ticket.status = "Declara el impedimento <ya>.", "respondido"
        await session.commit()
        shown = await desk.read_by_code(session, " " + receipt.code.replace("-", " "))
    assert "Declara el impedimento &lt;ya&gt;." in shown and "&lt;b&gt;algo" in shown
    html = desk.receipt_html(receipt)
    assert receipt.code in html


async def test_escalate_refuses_an_empty_question(services, desk):
    async with services.db.session() as session:
        for question in ("", "   ", "\u200b"):
            with pytest.raises(InvalidInput):
                await desk.escalate(session, question=question, person_id=None, anonymous=True)


async def test_a_huge_question_is_kept_truncated(services, desk):
    async with services.db.session() as session:
        receipt = await desk.escalate(session, question="¿puedo? " * 2000, person_id=None,
                                      anonymous=True)
        await session.commit()
        ticket = await session.get(ConsultationTicket, receipt.ticket_id)
    assert len(ticket.question) <= 4000 and ticket.question.endswith("…")


async def test_one_person_cannot_open_more_than_n_tickets_a_day(services, clock):
    desk = desk_service(services, clock, max_tickets_per_day=3)
    person_id = await add_person(services)
    async with services.db.session() as session:
        await desk.escalate(session, question="uno", person_id=person_id, anonymous=False)
        await desk.escalate(session, question="dos", person_id=person_id, anonymous=True)
        await desk.escalate(session, question="tres", person_id=person_id, anonymous=False)
        await session.commit()
        with pytest.raises(RateLimited) as caught:
            await desk.escalate(session, question="cuatro", person_id=person_id, anonymous=True)
        assert "3 consultas" in caught.value.message
        other = await add_person(services, "Otra", chat_id=5, department=None)
        await desk.escalate(session, question="otra persona", person_id=other, anonymous=False)
        await session.commit()
        clock.now += timedelta(days=1)
        await desk.escalate(session, question="mañana sí", person_id=person_id, anonymous=False)
        await session.commit()


async def test_feedback_counts_without_a_person(services, desk):
    async with services.db.session() as session:
        await desk.feedback(session, entry_id="recusacion_que_es", helpful=True,
                            question="no se guarda")
        await desk.feedback(session, entry_id="recusacion_que_es", helpful=False,
                            question="¿y si el recusado soy yo?")
        await desk.feedback(session, entry_id="recusacion_que_es", helpful=False)
        await session.commit()
        with pytest.raises(NotFound):
            await desk.feedback(session, entry_id="inventada", helpful=True)
        rows = list(await session.scalars(select(EntryFeedback).order_by(EntryFeedback.id)))
    assert [r.helpful for r in rows] == [True, False, False]
    assert [r.question for r in rows] == [None, "¿y si el recusado soy yo?", None]
    assert {r.created_on for r in rows} == {date(2026, 8, 14)}
    assert not hasattr(EntryFeedback, "person_id")


async def test_escalate_inside_a_unit_of_work_is_undone_with_it(services, desk):
    """In the dialogue core's unit of work the action only flushes: a failing step leaves no
    ticket, and the anonymous ticket is not counted toward the person's daily limit."""
    with pytest.raises(LookupError):
        async with services.db.transaction() as session:
            await desk.escalate(session, question="¿me retiro del comité?", person_id=7,
                                anonymous=True)
            raise LookupError("the step failed after the action")
    async with services.db.session() as session:
        assert await session.scalar(select(ConsultationTicket)) is None
    assert desk._anonymous_today == {}
