"""Advisors work escalated consultations through the API (bot/consultas/web/api.py)."""

from __future__ import annotations

import pytest

from nucleo.ports import CONSULTATIONS
from tests.bot.consultas.desk import (
    SOURCE,
    add_person,
    bogota,
    raffle_entry,
    with_notifier,
)

BASE = "/api/v1/consultations"


async def _escalate(services, desk, question="¿Puedo evaluar a mi cuñis?", person=True,
                    anonymous=False):
    person_id = await add_person(services) if person else None
    async with services.db.session() as session:
        receipt = await desk.escalate(session, question=question, person_id=person_id,
                                      anonymous=anonymous)
        await session.commit()
    return receipt, person_id


async def test_escalated_question_answered_by_an_advisor_reaches_the_person(
        api, services, desk, staff_headers):
    notifier = with_notifier(services)
    receipt, person_id = await _escalate(services, desk)
    advisor = await staff_headers("asesor")
    listed = await api.get(f"{BASE}/tickets", headers=advisor)
    assert listed.status_code == 200
    [item] = listed.json()["items"]
    assert item["id"] == receipt.ticket_id and item["person"] == "Ana Pérez"
    assert item["department"] == "Secretaría de Hacienda" and item["due_on"] == "2026-08-31"
    assert item["business_days_left"] == 10 and item["status"] == "abierto"
    response = await api.post(f"{BASE}/tickets/{receipt.ticket_id}/answer", headers=advisor,
                              json={"answer": "Depende: <b>declárate</b> impedido."})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["notified"] is True and body["ticket"]["status"] == "respondido"
    assert body["ticket"]["answered_by"] == "Persona asesor"
    [sent] = notifier.sent
    assert sent.person_id == person_id
    assert "&lt;b&gt;declárate&lt;/b&gt;" in sent.text_html and "<b>declárate" not in sent.text_html


async def test_answering_twice_or_a_closed_ticket_is_409_in_spanish(api, services, desk,
                                                                    staff_headers):
    receipt, _ = await _escalate(services, desk)
    headers = await staff_headers("talento_humano")
    url = f"{BASE}/tickets/{receipt.ticket_id}"
    assert (await api.post(f"{url}/answer", headers=headers, json={"answer": "Uno"})).status_code == 200
    again = await api.post(f"{url}/answer", headers=headers, json={"answer": "Dos"})
    assert again.status_code == 409 and "ya fue respondida" in again.json()["error"]["message"]
    assert (await api.post(f"{url}/close", headers=headers)).json()["status"] == "cerrado"
    closed = await api.post(f"{url}/answer", headers=headers, json={"answer": "Tres"})
    assert closed.status_code == 409 and "cerrada" in closed.json()["error"]["message"]
    assert (await api.post(f"{url}/close", headers=headers)).status_code == 409
    ticket = (await api.get(url, headers=headers)).json()
    assert ticket["answer"] == "Uno" and ticket["closed_at"]


async def test_anonymous_ticket_answered_through_the_api_is_read_back_by_code(
        api, services, desk, staff_headers):
    notifier = with_notifier(services)
    receipt, _ = await _escalate(services, desk, question="Quiero reportar algo", person=False,
                                 anonymous=True)
    headers = await staff_headers("asesor")
    item = (await api.get(f"{BASE}/tickets/{receipt.ticket_id}", headers=headers)).json()
    assert item["anonymous"] and item["person"] is None and item["department"] is None
    response = await api.post(f"{BASE}/tickets/{receipt.ticket_id}/answer", headers=headers,
                              json={"answer": "Escribe a Control Interno Disciplinario."})
    assert response.json()["notified"] is False and not notifier.sent
    async with services.db.session() as session:
        shown = await services.get(CONSULTATIONS).read_by_code(session, receipt.code.lower())
    assert "Control Interno Disciplinario" in shown


async def test_roles(api, services, desk, staff_headers):
    receipt, _ = await _escalate(services, desk)
    auditor = await staff_headers("auditor")
    url = f"{BASE}/tickets/{receipt.ticket_id}"
    assert (await api.get(f"{BASE}/tickets", headers=auditor)).status_code == 200
    assert (await api.get(url, headers=auditor)).status_code == 200
    denied = await api.post(f"{url}/answer", headers=auditor, json={"answer": "x"})
    assert denied.status_code == 403
    assert (await api.get(f"{BASE}/tickets")).status_code == 401
    admin = await staff_headers("admin")
    assert (await api.post(f"{url}/answer", headers=admin, json={"answer": "ok"})).status_code == 200


async def test_filters_by_status_and_due_soon(api, services, desk, clock, staff_headers):
    first, _ = await _escalate(services, desk)
    clock.now = bogota(2026, 8, 25, 10)
    second, _ = await _escalate(services, desk, person=False, anonymous=True)
    headers = await staff_headers("asesor")
    soon = await api.get(f"{BASE}/tickets", params={"due_within_days": 5}, headers=headers)
    assert [t["id"] for t in soon.json()["items"]] == [first.ticket_id]
    await api.post(f"{BASE}/tickets/{first.ticket_id}/answer", headers=headers,
                   json={"answer": "listo"})
    open_ = await api.get(f"{BASE}/tickets", params={"status": "abierto"}, headers=headers)
    assert [t["id"] for t in open_.json()["items"]] == [second.ticket_id]
    bad = await api.get(f"{BASE}/tickets", params={"status": "raro"}, headers=headers)
    assert bad.status_code == 422
    assert (await api.get(f"{BASE}/tickets/999999", headers=headers)).status_code == 404


@pytest.mark.parametrize("answer", ["", "x" * 3001, None, 5, ["a"]])
async def test_bad_answers_are_422(api, services, desk, staff_headers, answer):
    receipt, _ = await _escalate(services, desk)
    headers = await staff_headers("asesor")
    response = await api.post(f"{BASE}/tickets/{receipt.ticket_id}/answer", headers=headers,
                              json={"answer": answer})
    assert response.status_code == 422 and response.json()["error"]["message"]


async def test_blank_answer_is_refused_in_spanish(api, services, desk, staff_headers):
    receipt, _ = await _escalate(services, desk)
    headers = await staff_headers("asesor")
    response = await api.post(f"{BASE}/tickets/{receipt.ticket_id}/answer", headers=headers,
                              json={"answer": " \u200b "})
    assert response.status_code == 422 and "vacía" in response.json()["error"]["message"]


async def test_promote_then_the_bot_answers_with_the_new_entry(api, services, desk,
                                                               staff_headers):
    question = "¿Puedo participar en la rifa navideña que organiza un proveedor?"
    receipt, _ = await _escalate(services, desk, question=question)
    headers = await staff_headers("asesor")
    url = f"{BASE}/tickets/{receipt.ticket_id}"
    fields = {"id": "rifas_proveedores", "title": "Rifas de proveedores", "sources": [SOURCE],
              "phrasings": raffle_entry()["phrasings"][1:], "value": "honestidad"}
    early = await api.post(f"{url}/promote", headers=headers, json=fields)
    assert early.status_code == 409 and "aún no tiene respuesta" in early.json()["error"]["message"]
    await api.post(f"{url}/answer", headers=headers, json={"answer": "No: el premio es un regalo."})
    promoted = await api.post(f"{url}/promote", headers=headers, json=fields)
    assert promoted.status_code == 201, promoted.text
    assert promoted.json()["phrasings"][0] == question
    tried = await api.post(f"{BASE}/try", headers=headers,
                           json={"question": "puedo jugar la rifa del proveedor en navidad"})
    assert tried.json()["entry_id"] == "rifas_proveedores" and tried.json()["action"] == "answer"
    assert (await api.get(url, headers=headers)).json()["promoted_entry_id"] == "rifas_proveedores"
    again = await api.post(f"{url}/promote", headers=headers, json=fields)
    assert again.status_code == 409
    bad = await api.post(f"{url}/promote", headers=headers, json=fields | {"id": "Con Espacios"})
    assert bad.status_code == 422


async def test_tickets_carry_the_office_that_answers_them_and_advisors_reroute(
        api, services, desk, staff_headers):
    report, _ = await _escalate(services, desk, "un proveedor me ofrecio plata para que lo escogiera")
    other, _ = await _escalate(services, desk, "una duda que nadie entiende xyzzy", person=False,
                               anonymous=True)
    advisor = await staff_headers("asesor")
    listed = await api.get(f"{BASE}/tickets", headers=advisor,
                           params={"route": "control_interno_disciplinario"})
    assert [t["id"] for t in listed.json()["items"]] == [report.ticket_id]
    assert listed.json()["items"][0]["route"] == "control_interno_disciplinario"
    moved = await api.post(f"{BASE}/tickets/{other.ticket_id}/route", headers=advisor,
                           json={"route": "juridica"})
    assert moved.status_code == 200 and moved.json()["route"] == "juridica"
    bad = await api.post(f"{BASE}/tickets/{other.ticket_id}/route", headers=advisor,
                         json={"route": "gerencia"})
    assert bad.status_code == 422
    assert (await api.get(f"{BASE}/tickets", headers=advisor, params={"route": "x"})).status_code == 422
    auditor = await staff_headers("auditor")
    denied = await api.post(f"{BASE}/tickets/{other.ticket_id}/route", headers=auditor,
                            json={"route": "talento_humano"})
    assert denied.status_code == 403


async def _account_id(services, role: str) -> int:
    from sqlalchemy import select

    from nucleo.models import StaffAccount
    async with services.db.session() as session:
        return await session.scalar(select(StaffAccount.id).where(StaffAccount.role == role)
                                    .order_by(StaffAccount.id.desc()).limit(1))


async def test_an_advisor_is_put_in_charge_and_the_list_filters_by_them(
        api, services, desk, staff_headers):
    first, _ = await _escalate(services, desk)
    second, _ = await _escalate(services, desk, "¿puedo recibir una ancheta de un contratista?",
                                person=False, anonymous=True)
    advisor = await staff_headers("asesor")
    advisor_id = await _account_id(services, "asesor")
    auditor = await staff_headers("auditor")
    auditor_id = await _account_id(services, "auditor")
    url = f"{BASE}/tickets/{first.ticket_id}/assign"
    done = await api.post(url, headers=advisor, json={"assignee_id": advisor_id})
    assert done.status_code == 200, done.text
    assert done.json()["assigned_to"] == "Persona asesor"
    assert done.json()["assigned_to_id"] == advisor_id
    mine = await api.get(f"{BASE}/tickets", headers=advisor, params={"assigned_to": advisor_id})
    assert [t["id"] for t in mine.json()["items"]] == [first.ticket_id]
    free = await api.get(f"{BASE}/tickets", headers=advisor, params={"unassigned": "true"})
    assert [t["id"] for t in free.json()["items"]] == [second.ticket_id]
    # An auditor cannot answer consultations, so cannot be put in charge nor assign.
    refused = await api.post(url, headers=advisor, json={"assignee_id": auditor_id})
    assert refused.status_code == 422 and "no responde consultas" in refused.json()["error"]["message"]
    for bad in ({"assignee_id": 0}, {"assignee_id": "uno"}, {"assignee_id": 10**12}, {}):
        assert (await api.post(url, headers=advisor, json=bad)).status_code == 422, bad
    assert (await api.post(url, headers=auditor, json={"assignee_id": None})).status_code == 403
    released = await api.post(url, headers=advisor, json={"assignee_id": None})
    assert released.json()["assigned_to"] is None
    missing = await api.post(f"{BASE}/tickets/999999/assign", headers=advisor,
                             json={"assignee_id": advisor_id})
    assert missing.status_code == 404
    await api.post(f"{BASE}/tickets/{second.ticket_id}/close", headers=advisor)
    closed = await api.post(f"{BASE}/tickets/{second.ticket_id}/assign", headers=advisor,
                            json={"assignee_id": advisor_id})
    assert closed.status_code in (404, 409)
