"""The register as JSON (bot/declaraciones/web/api.py): list, read (audited), study, decide."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from nucleo.models import AuditEntry
from nucleo.ports import NOTIFIER
from tests.bot.consultas.desk import Clock, RecordingNotifier, bogota
from tests.bot.declaraciones.helpers import add_person, file_one

BASE = "/api/v1/declarations"


@pytest.fixture
def clock(services) -> Clock:
    clock = Clock(bogota(2026, 12, 14, 10))
    services.clock = clock
    return clock


async def test_list_read_and_decide(api, services, clock, staff_headers):
    notifier = services.extras[NOTIFIER] = RecordingNotifier()
    person = await add_person(services)
    filed = await file_one(services, person, bogota(2026, 12, 4, 10))  # due 21 December
    headers = await staff_headers("asesor")
    listed = await api.get(BASE, headers=headers)
    assert listed.status_code == 200, listed.text
    [item] = listed.json()["items"]
    assert item["radicado"] == "DI-2026-0001" and item["person"] == "Ana Pérez"
    assert item["department"] == "Secretaría de Hacienda" and item["due_on"] == "2026-12-21"
    assert item["business_days_left"] == 5 and item["overdue"] is False
    clock.now = bogota(2026, 12, 22, 9)
    headers = await staff_headers("asesor")  # a token of the new day
    response = await api.get(BASE, params={"overdue": "true"}, headers=headers)
    assert response.status_code == 200, response.text
    overdue = response.json()
    assert overdue["total"] == 1 and overdue["items"][0]["business_days_left"] == -1
    one = await api.get(f"{BASE}/{filed.id}", headers=headers)
    assert one.status_code == 200 and one.json()["description"].startswith("Mi hermano")
    studied = await api.post(f"{BASE}/{filed.id}/study", headers=headers)
    assert studied.status_code == 200 and studied.json()["state"] == "en_estudio"
    decided = await api.post(f"{BASE}/{filed.id}/decide", headers=headers, json={
        "outcome": "aceptada", "decision": "Se acepta; asume la Jefe de Jurídica."})
    assert decided.status_code == 200, decided.text
    body = decided.json()
    assert body["notified"] is True and body["declaration"]["outcome"] == "aceptada"
    assert body["declaration"]["decided_by"] == "Persona asesor"
    assert body["declaration"]["overdue"] is False
    [sent] = notifier.sent
    assert sent.person_id == person and "aceptada" in sent.text_html
    async with services.db.session() as session:
        actions = list((await session.execute(
            select(AuditEntry.action).where(AuditEntry.action.like("declaraciones.%"))
            .order_by(AuditEntry.id))).scalars())
    assert actions == ["declaraciones.listar", "declaraciones.listar", "declaraciones.leer",
                       "declaraciones.estudiar", "declaraciones.decidir"]


async def test_illegal_transitions_are_409_in_spanish(api, services, clock, staff_headers):
    person = await add_person(services)
    filed = await file_one(services, person, bogota(2026, 12, 4, 10))
    headers = await staff_headers("talento_humano")
    decide = {"outcome": "rechazada", "decision": "No hay interés directo en el asunto."}
    assert (await api.post(f"{BASE}/{filed.id}/decide", headers=headers,
                           json=decide)).status_code == 200
    for path, body in ((f"{BASE}/{filed.id}/decide", decide), (f"{BASE}/{filed.id}/study", None)):
        again = await api.post(path, headers=headers, json=body)
        assert again.status_code == 409
        error = again.json()["error"]
        assert error["code"] == "transicion_invalida"
        assert error["message"].startswith("La declaración está decidida: no se puede")


async def test_bad_input_and_missing_rows_have_the_json_error_shape(api, services, clock,
                                                                    staff_headers):
    headers = await staff_headers("admin")
    missing = await api.get(f"{BASE}/999", headers=headers)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "no_encontrado"
    person = await add_person(services)
    filed = await file_one(services, person, bogota(2026, 12, 4, 10))
    bad = await api.post(f"{BASE}/{filed.id}/decide", headers=headers,
                         json={"outcome": "quizás", "decision": "x"})
    assert bad.status_code == 422 and set(bad.json()["error"]) == {"code", "message", "details"}
    short = await api.post(f"{BASE}/{filed.id}/decide", headers=headers,
                           json={"outcome": "aceptada", "decision": "ok"})
    assert short.status_code == 422 and "caracteres" in short.json()["error"]["message"]
    assert (await api.get(BASE, params={"state": "cualquiera"}, headers=headers)).status_code == 422


async def test_auditors_and_anonymous_callers_are_kept_out(api, services, clock, staff_headers):
    assert (await api.get(BASE)).status_code == 401
    auditor = await staff_headers("auditor")
    assert (await api.get(BASE, headers=auditor)).status_code == 403
