"""Recusals in the API and the console: register a received one, the recused official's answer,
the register's own filters and the XLSX columns."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bot.declaraciones.models import Declaration
from bot.models import OutboxMessage
from bot.service import ensure_notifier
from nucleo.models import AuditEntry
from nucleo.services import Services
from tests.bot.consultas.desk import Clock, bogota
from tests.bot.declaraciones.helpers import add_official, add_person, file_one, file_recusal
from tests.web.console import LoginAs

BASE = "/api/v1/declarations"
URL = "/consola/declaraciones"


@pytest.fixture
def clock(services: Services) -> Clock:
    clock = Clock(bogota(2026, 12, 4, 10))
    services.clock = clock
    ensure_notifier(services)
    return clock


async def test_api_registers_answers_and_decides_a_recusal(api, services, clock, staff_headers):
    recused = await add_official(services, "Pedro Gómez", chat_id=777)
    headers = await staff_headers("talento_humano")
    filed = await api.post(f"{BASE}/recusals", headers=headers, json={
        "matter": "Contrato de obra 012 de 2026",
        "description": "El recusado es socio del contratista desde 2024.",
        "deciding_office": "Secretaría de Infraestructura", "recused_name": "Pedro Gómez",
        "recused_person_id": recused, "recusant_name": "Veeduría ciudadana La Esperanza"})
    assert filed.status_code == 201, filed.text
    body = filed.json()
    item = body["declaration"]
    assert body["recused_notified"] is True and item["radicado"] == "RC-2026-0001"
    assert item["state"] == "por_responder" and item["answer_due_on"] == "2026-12-14"
    assert item["recused"] == "Pedro Gómez" and item["recusant"].startswith("Veeduría")
    early = await api.post(f"{BASE}/{item['id']}/decide", headers=headers,
                           json={"outcome": "aceptada", "decision": "Se acepta sin más."})
    assert early.status_code == 409 and "para responder" in early.json()["error"]["message"]
    answered = await api.post(f"{BASE}/{item['id']}/answer", headers=headers,
                              json={"accepts": False, "answer": "No soy socio desde 2023."})
    assert answered.status_code == 200, answered.text
    assert answered.json()["state"] == "radicada" and answered.json()["due_on"] == "2026-12-21"
    decided = await api.post(f"{BASE}/{item['id']}/decide", headers=headers,
                             json={"outcome": "rechazada", "decision": "No se probó el interés."})
    assert decided.status_code == 200, decided.text
    listed = await api.get(BASE, params={"kind": "recusacion"}, headers=headers)
    assert listed.json()["total"] == 1
    async with services.db.session() as session:
        queued = list((await session.execute(select(OutboxMessage.person_id))).scalars())
        logged = list((await session.execute(select(AuditEntry.action).where(
            AuditEntry.action.like("declaraciones.%")).order_by(AuditEntry.id))).scalars())
    assert queued == [recused, recused]  # the notice, then the decision
    assert logged == ["declaraciones.recusacion", "declaraciones.respuesta",
                      "declaraciones.recusacion.registro",  # no jefe inmediato: the register's
                      "declaraciones.decidir", "declaraciones.listar"]
    assert (await api.post(f"{BASE}/recusals", headers=await staff_headers("auditor"),
                           json={})).status_code in (403, 422)


async def test_console_registers_refuses_ambiguous_names_and_records_the_answer(
        services, clock, login_as: LoginAs):
    await add_official(services, "José Pérez")
    await add_official(services, "Jose Perez")
    only = await add_official(services, "María López", chat_id=888)
    user = await login_as("asesor")
    form = {"recusado": "jose perez", "recusante": "Un ciudadano", "asunto": "Licencia 456",
            "hechos": "La persona recusada es hermana del solicitante de la licencia.",
            "decide": "Secretaría de Planeación", "causal": "1", "clase": "permiso"}
    page = await user.get(f"{URL}/recusaciones/nueva")
    assert page.status_code == 200 and "Registrar una recusación" in page.text
    assert '<option value="16">Num. 16' in page.text
    assert '<option value="permiso">Un permiso, licencia o trámite' in page.text
    forged = await user.post(f"{URL}/recusaciones/nueva", {**form, "causal": "99"})
    assert forged.status_code == 422 and "numeral del 1 al 16" in forged.text
    forged = await user.post(f"{URL}/recusaciones/nueva",
                             {**form, "recusado": "maria lopez", "clase": "licencia"})
    assert forged.status_code == 422 and "clase de asunto" in forged.text
    ambiguous = await user.post(f"{URL}/recusaciones/nueva", form)
    assert ambiguous.status_code == 422 and "coincide con 2 personas" in ambiguous.text
    assert "La persona recusada es hermana" in ambiguous.text  # what was typed stays
    done = await user.post(f"{URL}/recusaciones/nueva", {**form, "recusado": "maria lopez"})
    assert done.status_code == 303
    async with services.db.session() as session:
        [saved] = (await session.execute(select(Declaration))).scalars().all()
    assert saved.recused_person_id == only and saved.radicado == "RC-2026-0001"
    assert saved.ground == 1 and saved.matter_type == "permiso"
    detail = await user.get(f"{URL}/{saved.id}")
    assert "Un permiso, licencia o trámite" in detail.text.split('id="clase"', 1)[1][:80]
    assert "Registrar la respuesta del recusado" in detail.text and "Un ciudadano" in detail.text
    assert "Aceptar la recusación" in detail.text
    refused = await user.post(f"{URL}/{saved.id}/decidir",
                              {"resultado": "aceptada", "decision": "Se acepta la recusación."})
    assert refused.status_code == 409 and "para responder" in refused.text
    answered = await user.post(f"{URL}/{saved.id}/respuesta",
                               {"acepta": "si", "razones": "Acepta por escrito del 7/12."})
    assert answered.status_code == 303
    async with services.db.session() as session:
        again = await session.get(Declaration, saved.id)
    assert again is not None and again.state == "radicada" and again.recused_accepts is True


async def test_register_filters_and_export_show_recusals(services, clock, login_as: LoginAs):
    person = await add_person(services)
    recused = await add_official(services, "Pedro Gómez")
    await file_one(services, person, bogota(2026, 12, 4, 9))
    await file_recusal(services, bogota(2026, 12, 4, 10), recused_person_id=recused)
    clock.now = bogota(2026, 12, 15, 9)  # the 5 days to answer (until 14 December) passed
    user = await login_as("talento_humano")
    late = await user.get(URL, params={"vencidas": "respuesta"})
    assert late.status_code == 200
    assert "RC-2026-0001" in late.text and "DI-2026-0001" not in late.text
    assert "pasó el plazo para responder" in late.text
    kind = await user.get(URL, params={"tipo": "recusacion", "estado": "por_responder"})
    assert "RC-2026-0001" in kind.text and "DI-2026-0001" not in kind.text
    response = await user.get(f"{URL}/exportar.xlsx", params={"tipo": "recusacion"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(  # type: ignore[union-attr]
        values_only=True))
    assert len(rows) == 2 and rows[1][0] == "RC-2026-0001" and rows[1][15] == "Pedro Gómez"


async def test_recusal_constancia_names_both_sides(services, clock, login_as: LoginAs):
    from pypdf import PdfReader

    recused = await add_official(services, "Pedro Gómez")
    filed = await file_recusal(services, bogota(2026, 12, 4, 10), recused_person_id=recused)
    user = await login_as("asesor")
    response = await user.get(f"{URL}/{filed.id}/constancia.pdf")
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    for expected in ("Declaración de recusación", "RC-2026-0001", "Recusado/a", "Pedro Gómez",
                     "Plazo para responder", "lunes 14 de diciembre de 2026"):
        assert expected in text, expected


async def test_api_answer_of_a_recusal_the_register_already_keeps(api, services, clock,
                                                                  staff_headers):
    """The sweep left it to the register (5 days ran out, no jefe); the late answer routes
    nothing new (routing rolls back) and the answer's reply still comes (no expired row)."""
    from datetime import date

    from bot.declaraciones import recusal_routing

    recused = await add_official(services, "Pedro Gómez", chat_id=777)
    filed = await file_recusal(services, bogota(2026, 12, 4, 10), recused_person_id=recused)
    async with services.db.session() as session:
        assert await recusal_routing.route_due_recusals(
            session, recusal_routing.Routing.of(services), today=date(2026, 12, 15)) \
            == [recusal_routing.KEEPERS]
    clock.now = bogota(2026, 12, 15, 10)
    answered = await api.post(f"{BASE}/{filed.id}/answer",
                              headers=await staff_headers("talento_humano"),
                              json={"accepts": False, "answer": "No soy socio desde 2023."})
    assert answered.status_code == 200, answered.text
    assert answered.json()["state"] == "radicada"
