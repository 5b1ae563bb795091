"""Routing of escalated consultations to the office that answers them (bot/consultas/routing.py)."""

from __future__ import annotations

import pytest

from bot.consultas import tickets
from bot.consultas.knowledge import KnowledgeBase
from bot.consultas.routing import Route, route_for
from nucleo.errors import Conflict, InvalidInput
from nucleo.staff import create_staff
from tests.bot.consultas.desk import Clock, add_person, bogota, desk_service


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.from_directory()


def test_reports_go_to_control_interno_and_harassment_stays_with_talento_humano(kb):
    assert route_for(kb.get("escalar_denuncia_corrupcion"), "report") is Route.CONTROL_INTERNO
    assert route_for(kb.get("reportar_conflicto_ajeno"), "report") is Route.CONTROL_INTERNO
    assert route_for(kb.get("escalar_acoso_laboral"), "report") is Route.TALENTO_HUMANO
    assert route_for(None, "report") is Route.CONTROL_INTERNO


def test_cases_needing_a_legal_reading_go_to_juridica_and_the_rest_to_talento_humano(kb):
    judged = next(e for e in kb.active() if e.needs_judgement and e.route is None)
    assert route_for(judged, "needs_judgement") is Route.JURIDICA
    assert route_for(kb.get("escalar_hablar_con_persona"), "asks_for_human") is Route.TALENTO_HUMANO
    assert route_for(None, "low_confidence") is Route.TALENTO_HUMANO


@pytest.fixture
def clock() -> Clock:
    return Clock(bogota(2026, 9, 1, 9))


async def test_a_ticket_keeps_its_office_and_an_advisor_can_change_it(services, clock):
    desk = desk_service(services, clock)
    person_id = await add_person(services)
    async with services.db.session() as session:
        advisor = await create_staff(session, email="asesora@alcaldia.gov.co", full_name="Asesora",
                                     role="asesor", password="clave-segura-123")
        report = await desk.escalate(
            session, question="un proveedor me ofrecio plata para que lo escogiera en el proceso",
            person_id=person_id, anonymous=True)
        plain = await desk.escalate(session, question="una duda que nadie entiende xyzzy",
                                    person_id=person_id, anonymous=False)
    async with services.db.session() as session:
        assert (await tickets.get_ticket(session, report.ticket_id)).route == "control_interno_disciplinario"
        assert (await tickets.get_ticket(session, plain.ticket_id)).route == "talento_humano"
        total, rows = await tickets.list_tickets(session, route="control_interno_disciplinario")
        assert total == 1 and rows[0].id == report.ticket_id
        moved = await tickets.reroute_ticket(session, plain.ticket_id, route="juridica", staff=advisor)
        assert moved.route == "juridica"
        with pytest.raises(InvalidInput, match="no es una oficina válida"):
            await tickets.reroute_ticket(session, plain.ticket_id, route="gerencia", staff=advisor)
        await tickets.close_ticket(session, plain.ticket_id, staff=advisor, now=clock())
        with pytest.raises(Conflict):
            await tickets.reroute_ticket(session, plain.ticket_id, route="talento_humano",
                                         staff=advisor)
    async with services.db.session() as session:
        assert (await tickets.get_ticket(session, plain.ticket_id)).route == "juridica"
