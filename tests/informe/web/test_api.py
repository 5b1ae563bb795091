"""The report's REST API: plan, activities, measures, report data and files, JSON errors."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from nucleo.services import Services
from tests.conftest import StaffFactory

NOW = datetime(2026, 11, 28, 15, 0, tzinfo=UTC)
ACTIVITY = {"component": "Código de Integridad", "name": "Evento de integridad",
            "starts_on": "2026-01-01", "ends_on": "2026-12-31", "progress": 40}


@pytest.fixture(autouse=True)
def _clock(services: Services) -> None:
    services.clock = lambda: NOW


async def test_plan_crud_and_summary(api, staff_headers: StaffFactory) -> None:
    headers = await staff_headers("talento_humano")
    seeded = await api.post("/api/v1/report/plan/seed", json={"year": 2026}, headers=headers)
    assert seeded.status_code == 201 and seeded.json() == {"created": 16}
    created = await api.post("/api/v1/report/plan/activities", headers=headers, json={
        **ACTIVITY, "measure_key": "sugerencias.respondidas", "goal_percent": 90})
    assert created.status_code == 201, created.text
    activity_id = created.json()["id"]
    plan = (await api.get("/api/v1/report/plan", headers=headers)).json()
    assert plan["summary"]["activities"] == 17 and round(plan["summary"]["planned"]) == 91
    changed = await api.put(f"/api/v1/report/plan/activities/{activity_id}", headers=headers,
                            json={**ACTIVITY, "progress": 70})
    assert changed.status_code == 200 and changed.json()["progress"] == 70
    gone = await api.delete(f"/api/v1/report/plan/activities/{activity_id}", headers=headers)
    assert gone.status_code == 204
    missing = await api.get(f"/api/v1/report/plan/activities/{activity_id}", headers=headers)
    assert missing.status_code == 404 and missing.json()["error"]["message"]


async def test_bad_input_is_a_clear_json_error(api, staff_headers: StaffFactory) -> None:
    headers = await staff_headers("admin")
    for body, field in (({**ACTIVITY, "ends_on": "2025-01-01"}, "ends_on"),
                        ({**ACTIVITY, "progress": 140}, "progress"),
                        ({**ACTIVITY, "measure_key": "inventada"}, "measure_key"),
                        ({**ACTIVITY, "starts_on": "ayer"}, "starts_on")):
        response = await api.post("/api/v1/report/plan/activities", headers=headers, json=body)
        assert response.status_code == 422, response.text
        error = response.json()["error"]
        assert error["details"] == {"field": field} and error["message"]
    response = await api.get("/api/v1/report?desde=2026-13-01&hasta=2026-12-31",
                             headers=headers)
    assert response.status_code == 422 and response.json()["error"]["details"]["field"] == "desde"
    response = await api.post("/api/v1/report/plan/seed", json={"year": 1800}, headers=headers)
    assert response.status_code == 422


async def test_report_data_and_files(api, staff_headers: StaffFactory) -> None:
    headers = await staff_headers("auditor")
    measures = (await api.get("/api/v1/report/measures", headers=headers)).json()
    assert {m["key"] for m in measures} >= {"campanas.alcance", "encuestas.participacion"}
    assert all(m["source"] for m in measures)
    data = (await api.get("/api/v1/report", headers=headers)).json()
    assert data["since"] == "2026-01-01" and data["until"] == "2026-11-28"
    pdf = await api.get("/api/v1/report/report.pdf?desde=2026-01-01&hasta=2026-03-31",
                        headers=headers)
    assert pdf.status_code == 200 and PdfReader(io.BytesIO(pdf.content)).pages
    xlsx = await api.get("/api/v1/report/report.xlsx", headers=headers)
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    refused = await api.post("/api/v1/report/plan/seed", json={"year": 2026}, headers=headers)
    assert refused.status_code == 403


async def test_a_withheld_group_has_no_figures(api, services: Services,
                                               staff_headers: StaffFactory) -> None:
    from nucleo.report import MEASURES
    from tests.informe.test_report import WithheldMeasure

    services.extras[MEASURES].register(WithheldMeasure())
    headers = await staff_headers("auditor")
    data = (await api.get("/api/v1/report", headers=headers)).json()
    found = next(m for m in data["measures"] if m["key"] == "prueba.reserva")
    assert found["groups"][1] == {"label": "Tránsito", "value": None, "total": None,
                                  "percent": None, "withheld": "menos de 5 respuestas"}
    assert found["breakdown"] == [{"label": "Honestidad", "value": 14, "total": 17,
                                   "percent": 82.4, "withheld": None}]
