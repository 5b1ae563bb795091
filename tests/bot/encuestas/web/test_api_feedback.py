"""Quick feedback in the survey API: GET /api/v1/surveys/feedback, the ``quick_feedback`` of a
survey's results, and the "Retroalimentación rápida" parts of the diagnosis exports."""

from __future__ import annotations

import io
from datetime import timedelta

import httpx
from openpyxl import load_workbook

from bot.encuestas import answering
from nucleo.services import Services
from tests.bot.encuestas.conftest import make_people
from tests.bot.encuestas.feedback_data import seed_feedback

URL = "/api/v1/surveys/feedback"
MARCH = {"desde": "2025-03-01", "hasta": "2025-03-31"}


async def test_feedback_of_a_period(api: httpx.AsyncClient, services: Services, staff_headers,
                                    telegram_double_unlimited) -> None:
    await seed_feedback(services, telegram_double_unlimited)
    auditor = await staff_headers("auditor")
    response = await api.get(URL, params=MARCH, headers=auditor)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["since"], body["until"], body["min_group"]) == ("2025-03-01", "2025-03-31", 5)
    pieces = body["campaigns"]["pieces"]
    assert [p["reactions"] for p in pieces] == [8, None, None]
    assert pieces[1]["hidden"] == "menos_de_5" and pieces[1]["delivered"] == 8
    assert body["campaigns"]["total"]["reactions"] == 8  # hidden pieces are not added
    assert body["consultations"]["total"] == {
        "label": "Total", "entry_id": None, "helpful": 4, "unhelpful": 2, "total": 6,
        "rate": round(4 / 6, 4), "hidden": None}
    assert "Persona" not in response.text and "person" not in response.text
    default = (await api.get(URL, headers=auditor)).json()  # the last 90 days up to today
    today = services.clock().astimezone(services.settings.tz).date()
    assert default["until"] == today.isoformat()
    assert default["since"] == (today - timedelta(days=89)).isoformat()


BAD = [
    ({"desde": "2025-02-30"}, "fecha_invalida", "no es válida"),
    ({"hasta": "03/31/2025"}, "fecha_invalida", "AAAA-MM-DD"),
    ({"desde": "<b>x</b>"}, "fecha_invalida", "no es válida"),
    ({"desde": "2025-04-01", "hasta": "2025-03-01"}, "periodo_invertido", "posterior"),
    ({"desde": "2020-01-01", "hasta": "2025-03-01"}, "periodo_muy_largo", "dos años"),
    ({"desde": "9" * 300}, "datos_invalidos", ""),
]


async def test_bad_periods_get_422_in_spanish(api: httpx.AsyncClient, staff_headers) -> None:
    headers = await staff_headers("talento_humano")
    for params, code, words in BAD:
        response = await api.get(URL, params=params, headers=headers)
        assert response.status_code == 422, params
        error = response.json()["error"]
        assert error["code"] == code and words in error["message"], params


async def test_feedback_roles(api: httpx.AsyncClient, staff_headers) -> None:
    assert (await api.get(URL)).status_code == 401
    assert (await api.get(URL, headers=await staff_headers("asesor"))).status_code == 403
    for role in ("admin", "talento_humano", "auditor"):
        response = await api.get(URL, headers=await staff_headers(role))
        assert response.status_code == 200
        assert response.json()["campaigns"] is None  # no ports wired in this app
        assert len(response.json()["notes"]) == 2


async def test_results_and_diagnosis_carry_the_surveys_period(
        api: httpx.AsyncClient, services: Services, staff_headers,
        telegram_double_unlimited) -> None:
    await seed_feedback(services, telegram_double_unlimited)
    hr = await staff_headers("talento_humano")
    people = await make_people(services.db, {("Hacienda", "servidor"): 5})
    body = {"title": "Percepción 2025", "period_label": "2025-I", "opens_on": "2025-03-01",
            "closes_on": "2025-03-31",
            "questions": [{"kind": "likert", "value": "honestidad", "text": "¿Verdad?"}]}
    survey = (await api.post("/api/v1/surveys", json=body, headers=hr)).json()
    assert (await api.post(f"/api/v1/surveys/{survey['id']}/launch", headers=hr)).status_code == 200
    async with services.db.session() as session:
        for person in people:
            step = await answering.start(session, survey["id"], person)
            assert (await answering.answer(session, survey["id"], person, step.question_id,
                                           "5")).finished
    assert (await api.post(f"/api/v1/surveys/{survey['id']}/close", headers=hr)).status_code == 204
    results = (await api.get(f"/api/v1/surveys/{survey['id']}/results", headers=hr)).json()
    quick = results["quick_feedback"]
    assert results["overall"]["values"] == {"honestidad": 5.0}
    assert quick["since"] == "2025-03-01" and quick["campaigns"]["pieces"][0]["reactions"] == 8
    workbook = await api.get(f"/api/v1/surveys/{survey['id']}/diagnosis.xlsx", headers=hr)
    sheet = load_workbook(io.BytesIO(workbook.content))["Retroalimentación rápida"]
    rows = [r for r in sheet.iter_rows(values_only=True)]
    assert rows[0][:2] == ("Retroalimentación rápida", "Del 1 de marzo de 2025 al 31 de marzo de 2025")
    first = next(r for r in rows if r[0] == "Frase número 1 sobre la integridad")
    assert first[1:6] == ("Honestidad", "3 de marzo de 2025", 8, 8, "75%")
    second = next(r for r in rows if r[0] == "Frase número 2 sobre la integridad")
    assert second[4] == "menos de 5"
    lista = next(r for r in rows if r[1] == 4)
    assert lista[2:5] == (2, 6, "67%")
    page = await api.get(f"/api/v1/surveys/{survey['id']}/diagnosis.html", headers=hr)
    assert 'id="retroalimentacion"' in page.text and "menos de 5" in page.text
    assert "«¿Te sirvió?» de las consultas" in page.text
