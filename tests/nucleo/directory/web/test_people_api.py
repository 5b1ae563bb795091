"""/api/v1/people: accent-blind search, cédula, Spanish order, edit, retire, export, bad input."""

from __future__ import annotations

import io

import httpx
from openpyxl import load_workbook

CSV = ("nombre;documento;correo;dependencia;tipo\n"
       "Zoe Ruiz;111;zoe@x.co;Hacienda;servidor\n"
       "Ñusta Quispe;222;nusta@x.co;Hacienda;servidor\n"
       "Álvaro Muñoz;1.020.304;alvaro@x.co;Hacienda;servidor\n"
       "Nora Munoz;444;nora@x.co;Gobierno;contratista\n"
       "alberto Ortiz;555;alberto@x.co;Gobierno;servidor\n"
       "=HYPERLINK(\"x\");666;h@x.co;Gobierno;servidor\n").encode()


async def _setup(api: httpx.AsyncClient, staff_headers, role: str = "talento_humano"):
    headers = await staff_headers(role)
    response = await api.post("/api/v1/people/import", headers=headers,
                              files={"file": ("d.csv", CSV, "text/csv")},
                              data={"create_departments": "true"})
    assert response.status_code == 200 and response.json()["created"] == 6
    return headers


async def _names(api: httpx.AsyncClient, headers, **params) -> list[str]:
    response = await api.get("/api/v1/people", headers=headers, params=params)
    assert response.status_code == 200, response.text
    return [p["full_name"] for p in response.json()["items"]]


async def test_search_ignores_accents_both_ways_and_finds_cedulas(
        api: httpx.AsyncClient, staff_headers) -> None:
    headers = await _setup(api, staff_headers)
    assert await _names(api, headers, q="munoz") == ["Álvaro Muñoz", "Nora Munoz"]
    assert await _names(api, headers, q="MUÑOZ") == ["Álvaro Muñoz", "Nora Munoz"]
    assert await _names(api, headers, q="alvaro muñoz") == ["Álvaro Muñoz"]
    assert await _names(api, headers, q="1.020.304") == ["Álvaro Muñoz"]
    assert await _names(api, headers, q="1020 304") == ["Álvaro Muñoz"]
    assert await _names(api, headers, q="nusta@") == ["Ñusta Quispe"]
    for nasty in ("%", "_", "' OR 1=1 --", "\\", "x" * 100, "ÅÆØ東京"):
        assert await _names(api, headers, q=nasty) == []
    assert len(await _names(api, headers, q="\u202e\u200b")) == 6  # nothing visible: all
    assert await _names(api, headers, q="𝔐𝔲𝔫𝔬𝔷") == ["Álvaro Muñoz", "Nora Munoz"]  # NFKC


async def test_spanish_order(api: httpx.AsyncClient, staff_headers) -> None:
    headers = await _setup(api, staff_headers)
    assert await _names(api, headers) == [
        "alberto Ortiz", "Álvaro Muñoz", "=HYPERLINK(\"x\")", "Nora Munoz", "Ñusta Quispe",
        "Zoe Ruiz"]
    assert (await _names(api, headers, sort="-nombre"))[:2] == ["Zoe Ruiz", "Ñusta Quispe"]


async def test_edit_retire_and_reactivate(api: httpx.AsyncClient, staff_headers) -> None:
    headers = await _setup(api, staff_headers)
    nora = (await api.get("/api/v1/people", headers=headers, params={"q": "nora"})).json()
    pid = nora["items"][0]["id"]
    response = await api.patch(f"/api/v1/people/{pid}", headers=headers,
                               json={"full_name": "  Nora Muñoz Díaz ", "document_id": "4.445",
                                     "kind": "servidor"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["full_name"], body["document_id"], body["kind"]) == (
        "Nora Muñoz Díaz", "4445", "servidor")
    assert await _names(api, headers, q="diaz") == ["Nora Muñoz Díaz"]
    retired = await api.post(f"/api/v1/people/{pid}/retire", headers=headers)
    assert retired.status_code == 200 and retired.json()["status"] == "inactiva"
    assert retired.json()["retired_at"]
    assert "Nora Muñoz Díaz" not in await _names(api, headers)
    assert await _names(api, headers, scope="retiradas") == ["Nora Muñoz Díaz"]
    assert len(await _names(api, headers, scope="todas")) == 6
    again = await api.post(f"/api/v1/people/{pid}/retire", headers=headers)
    assert again.status_code == 409 and again.json()["error"]["message"] == (
        "La persona ya está retirada.")
    back = await api.post(f"/api/v1/people/{pid}/reactivate", headers=headers)
    assert back.status_code == 200 and back.json()["status"] == "activa"


async def test_bad_input_is_a_clear_4xx(api: httpx.AsyncClient, staff_headers) -> None:
    headers = await _setup(api, staff_headers)
    items = (await api.get("/api/v1/people", headers=headers)).json()["items"]
    first, second = items[0]["id"], items[1]["id"]
    cases = [
        ({"full_name": 12}, 422), ({"full_name": "x" * 401}, 422), ({"full_name": "   "}, 422),
        ({"kind": "jefe"}, 422), ({"department_id": "uno"}, 422),
        ({"department_id": 2**31}, 422), ({"department_id": 999}, 422),
        ({"email": "no-es-correo"}, 422), ({"document_id": "<script>"}, 422),
        ({"otra": 1}, 422), ({"email": items[1]["email"]}, 409),
        ({"document_id": items[1]["document_id"]}, 409),
    ]
    for body, status in cases:
        response = await api.patch(f"/api/v1/people/{first}", headers=headers, json=body)
        assert response.status_code == status, (body, response.text)
        assert response.json()["error"]["message"]
    assert (await api.patch("/api/v1/people/999", headers=headers, json={})).status_code == 404
    assert (await api.get("/api/v1/people/99999999999", headers=headers)).status_code == 422
    assert (await api.get("/api/v1/people", headers=headers,
                          params={"q": "x" * 101})).status_code == 422
    assert (await api.get("/api/v1/people", headers=headers,
                          params={"scope": "todos"})).status_code == 422
    assert (await api.get("/api/v1/people/export", headers=headers,
                          params={"format": "pdf"})).status_code == 422
    assert second


async def test_export_csv_and_xlsx_in_spanish_order_without_formulas(
        api: httpx.AsyncClient, staff_headers) -> None:
    headers = await _setup(api, staff_headers)
    response = await api.get("/api/v1/people/export", headers=headers, params={"q": "munoz"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Nombre,Documento,Correo,Dependencia")
    assert [ln.split(",")[0] for ln in lines[1:]] == ["Álvaro Muñoz", "Nora Munoz"]
    xlsx = await api.get("/api/v1/people/export", headers=headers, params={"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names[2] == "'=HYPERLINK(\"x\")" and names[-1] == "Zoe Ruiz"


async def test_roles_come_from_the_one_table(api: httpx.AsyncClient, staff_headers) -> None:
    await _setup(api, staff_headers)
    for role in ("asesor", "auditor"):
        headers = await staff_headers(role)
        assert (await api.get("/api/v1/people", headers=headers)).status_code == 403
        assert (await api.patch("/api/v1/people/1", headers=headers,
                                json={"kind": "servidor"})).status_code == 403
        assert (await api.get("/api/v1/people/export", headers=headers)).status_code == 403


async def test_coverage_through_the_api(api: httpx.AsyncClient, staff_headers) -> None:
    headers = await _setup(api, staff_headers)
    body = (await api.get("/api/v1/people/coverage", headers=headers)).json()
    assert [i["department"] for i in body["items"]] == ["Gobierno", "Hacienda"]
    assert body["total"]["people"] == 6 and body["total"]["linked"] == 0
    auditor = await staff_headers("auditor")
    assert (await api.get("/api/v1/people/coverage", headers=auditor)).status_code == 200
    asesor = await staff_headers("asesor")
    assert (await api.get("/api/v1/people/coverage", headers=asesor)).status_code == 403


async def test_mobile_field_is_e164_and_refuses_nasty_input(
        api: httpx.AsyncClient, staff_headers) -> None:
    headers = await _setup(api, staff_headers)
    items = (await api.get("/api/v1/people", headers=headers)).json()["items"]
    first, second = items[0]["id"], items[1]["id"]
    ok = await api.patch(f"/api/v1/people/{first}", headers=headers,
                         json={"mobile": "(300) 123-4567"})
    assert ok.status_code == 200 and ok.json()["mobile"] == "+573001234567"
    for body, status in [({"mobile": "trescientos"}, 422), ({"mobile": "9" * 41}, 422),
                         ({"mobile": "601 234 5678"}, 422), ({"mobile": 3001234567}, 422),
                         ({"mobile": "+57 300 123 4567"}, 409)]:
        response = await api.patch(f"/api/v1/people/{second}", headers=headers, json=body)
        assert response.status_code == status, (body, response.text)
        assert response.json()["error"]["message"]
    cleared = await api.patch(f"/api/v1/people/{first}", headers=headers, json={"mobile": ""})
    assert cleared.status_code == 200 and cleared.json()["mobile"] is None
