"""Survey API: create, starter, launch, close, results, exports, roles, bad input."""

from __future__ import annotations

import io

import httpx
from openpyxl import load_workbook

from bot.encuestas import answering
from nucleo.ports import NOTIFIER
from nucleo.services import Services
from tests.bot.encuestas.conftest import RecordingNotifier, make_people

BODY = {
    "title": "Percepción <b>2026</b>", "period_label": "2026-II",
    "opens_on": "2026-11-01", "closes_on": "2026-11-30",
    "questions": [
        {"kind": "likert", "value": "honestidad", "text": "¿Dicen la verdad?"},
        {"kind": "choice", "text": "¿Conoce el Código?", "options": ["Sí", "No"]},
    ],
}


async def test_full_cycle_through_the_api(api: httpx.AsyncClient, services: Services,
                                          staff_headers) -> None:
    notifier = RecordingNotifier()
    services.extras[NOTIFIER] = notifier
    hr = await staff_headers("talento_humano")
    auditor = await staff_headers("auditor")
    people = await make_people(services.db, {("Hacienda", "servidor"): 6})
    created = await api.post("/api/v1/surveys", json=BODY, headers=hr)
    assert created.status_code == 201, created.text
    survey = created.json()
    assert survey["status"] == "borrador" and len(survey["questions"][0]["options"]) == 5
    launched = await api.post(f"/api/v1/surveys/{survey['id']}/launch", headers=hr)
    assert launched.json() == {"invited": 6} and len(notifier.sent) == 6
    again = await api.post(f"/api/v1/surveys/{survey['id']}/launch", headers=hr)
    assert again.status_code == 409
    early = await api.get(f"/api/v1/surveys/{survey['id']}/results", headers=auditor)
    assert early.status_code == 409 and "cierra" in early.json()["error"]["message"]
    async with services.db.session() as session:
        for person in people:
            step = await answering.start(session, survey["id"], person)
            step = await answering.answer(session, survey["id"], person, step.question_id, "4")
            step = await answering.answer(session, survey["id"], person, step.question_id, "a")
            assert step.finished
    assert (await api.post(f"/api/v1/surveys/{survey['id']}/close", headers=hr)).status_code == 204
    result = (await api.get(f"/api/v1/surveys/{survey['id']}/results?by=kind",
                            headers=auditor)).json()
    assert result["overall"]["values"] == {"honestidad": 4.0}
    assert result["groups"][0]["respondents"] == 6
    bad_filter = await api.get(f"/api/v1/surveys/{survey['id']}/results?by=person",
                               headers=auditor)
    assert bad_filter.status_code == 422
    workbook = await api.get(f"/api/v1/surveys/{survey['id']}/diagnosis.xlsx", headers=auditor)
    sheet = load_workbook(io.BytesIO(workbook.content))["Resumen"]
    assert any(row[0] == "Honestidad" and row[1] == 4.0
               for row in sheet.iter_rows(values_only=True))
    page = await api.get(f"/api/v1/surveys/{survey['id']}/diagnosis.html", headers=auditor)
    assert "Percepción &lt;b&gt;2026&lt;/b&gt;" in page.text
    png = await api.get(f"/api/v1/surveys/{survey['id']}/chart.png", headers=auditor)
    assert png.content.startswith(b"\x89PNG")
    svg = await api.get(f"/api/v1/surveys/{survey['id']}/chart.svg", headers=auditor)
    assert svg.headers["content-type"] == "image/svg+xml" and b"<svg" in svg.content
    assert (await api.get(f"/api/v1/surveys/{survey['id']}/comments",
                          headers=auditor)).status_code == 403
    assert (await api.get(f"/api/v1/surveys/{survey['id']}/comments",
                          headers=hr)).json() == []


async def test_starter_survey(api: httpx.AsyncClient, staff_headers) -> None:
    hr = await staff_headers("admin")
    response = await api.post("/api/v1/surveys/starter", headers=hr, json={
        "opens_on": "2026-12-01", "closes_on": "2026-12-15", "period_label": "2026-II"})
    assert response.status_code == 201, response.text
    questions = response.json()["questions"]
    values = {q["value"] for q in questions}
    assert {"honestidad", "respeto", "compromiso", "diligencia", "justicia"} <= values
    assert any(q["kind"] == "dilemma" for q in questions)
    assert questions[-1]["kind"] == "text" and not questions[-1]["required"]


async def test_bad_input(api: httpx.AsyncClient, staff_headers, services: Services) -> None:
    hr = await staff_headers("talento_humano")
    cases = [
        ({**BODY, "title": "  "}, "título"),
        ({**BODY, "closes_on": "2026-10-01"}, "cierre"),
        ({**BODY, "questions": []}, "entre 1 y 60"),
        ({**BODY, "questions": [{"kind": "choice", "text": "x", "options": ["Sí"]}]}, "opciones"),
        ({**BODY, "questions": [{"kind": "likert", "text": "x", "value": "valentía"}]}, "valor"),
        ({**BODY, "audience": {"department_ids": [9999]}}, "Dependencias desconocidas"),
    ]
    for body, fragment in cases:
        response = await api.post("/api/v1/surveys", json=body, headers=hr)
        assert response.status_code == 422, body
        assert fragment in response.json()["error"]["message"]
    wrong_type = await api.post("/api/v1/surveys", json={**BODY, "questions": "todas"},
                                headers=hr)
    assert wrong_type.status_code == 422
    listed = await api.get("/api/v1/surveys", headers=hr)
    assert listed.json() == []
    created = (await api.post("/api/v1/surveys", json=BODY, headers=hr)).json()
    services.extras[NOTIFIER] = RecordingNotifier()
    empty = await api.post(f"/api/v1/surveys/{created['id']}/launch", headers=hr)
    assert empty.status_code == 422 and "Nadie" in empty.json()["error"]["message"]
    advisor = await staff_headers("asesor")
    assert (await api.post("/api/v1/surveys", json=BODY, headers=advisor)).status_code == 403
