"""/api/v1/sessions: create, read, list, change, cancel; attendance by hand and its removal;
clear errors for bad input and roles."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from nucleo.services import Services
from tests.bot.consultas.desk import Clock
from tests.bot.sesiones.helpers import START, add_department, add_directory_person

BASE = "/api/v1/sessions"
BODY = {"title": "Diligencia", "topic": "diligencia", "place": "Auditorio",
        "starts_at": "2026-12-10T09:00:00-05:00", "ends_at": "2026-12-10T11:00:00-05:00",
        "facilitator": "Laura Gómez"}


@pytest.fixture
def clock(services: Services) -> Clock:
    clock = Clock(START)
    services.clock = clock
    services.settings = services.settings.model_copy(update={"telegram_bot_username": "valor_bot"})
    return clock


async def test_sessions_and_attendance(api, services, clock, staff_headers) -> None:
    hacienda = await add_department(services, "Hacienda")
    ana = await add_directory_person(services, "Ana Pérez", hacienda)
    headers = await staff_headers("talento_humano")
    created = await api.post(BASE, json={**BODY, "department_ids": [hacienda]}, headers=headers)
    assert created.status_code == 201, created.text
    one = created.json()
    assert one["department_ids"] == [hacienda] and one["attendance"] == 0
    assert one["telegram_link"].startswith("https://t.me/valor_bot?start=a")
    assert datetime.fromisoformat(one["check_in_opens_at"]) == START - timedelta(hours=1)
    sid = one["id"]
    added = await api.post(f"{BASE}/{sid}/attendance", json={"person_id": ana}, headers=headers)
    assert added.status_code == 201 and added.json()["name"] == "Ana Pérez"
    again = await api.post(f"{BASE}/{sid}/attendance", json={"person_id": ana}, headers=headers)
    assert again.status_code == 409 and again.json()["error"]["code"] == "asistencia_repetida"
    listed = await api.get(BASE, headers=headers)
    assert listed.json()["total"] == 1 and listed.json()["items"][0]["attendance"] == 1
    changed = await api.put(f"{BASE}/{sid}", json={**BODY, "place": "Sala 2"}, headers=headers)
    assert changed.json()["place"] == "Sala 2" and changed.json()["department_ids"] == []
    aid = added.json()["id"]
    assert (await api.delete(f"{BASE}/{sid}/attendance/{aid}", headers=headers)).status_code == 204
    assert (await api.get(f"{BASE}/{sid}/attendance", headers=headers)).json() == []
    cancelled = await api.post(f"{BASE}/{sid}/cancel", headers=headers)
    assert cancelled.json()["cancelled_at"] and cancelled.json()["telegram_link"] is None
    refused = await api.post(f"{BASE}/{sid}/cancel", headers=headers)
    assert refused.status_code == 409


async def test_bad_input_and_roles(api, services, clock, staff_headers) -> None:
    headers = await staff_headers("talento_humano")
    for bad in ({"topic": "otro"}, {"ends_at": "2026-12-10T08:00:00-05:00"},
                {"starts_at": "2026-12-10T09:00:00"}, {"department_ids": [999]}):
        response = await api.post(BASE, json={**BODY, **bad}, headers=headers)
        assert response.status_code in (400, 422), bad
        assert response.json()["error"]["message"]
    assert (await api.get(f"{BASE}/999", headers=headers)).status_code == 404
    auditor = await staff_headers("auditor")
    assert (await api.get(BASE, headers=auditor)).status_code == 403


async def test_web_chat_page_starts_with_the_check_in(api, services, clock) -> None:
    from bot.sesiones import actions

    token = actions.check_in_parameter(services.signer, 7)[1:]
    page = await api.get("/chat", params={"a": token})
    assert f'data-start="a{token}"' in page.text
    odd = await api.get("/chat", params={"a": "<script>"})
    assert 'data-start=""' in odd.text
