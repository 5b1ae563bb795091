import httpx

CSV = ("nombre;documento;correo;dependencia;tipo\n"
       "Ana;111;ana@x.co;Hacienda;servidor\n"
       "Beto;222;mal;Hacienda;servidor\n").encode("latin-1")


async def test_import_through_the_api(api: httpx.AsyncClient, staff_headers) -> None:
    headers = await staff_headers("talento_humano")
    response = await api.post("/api/v1/people/import", headers=headers,
                              files={"file": ("directorio.csv", CSV, "text/csv")},
                              data={"create_departments": "true"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["created"] == 1 and body["rejected"] == [
        {"line": 3, "reason": "Correo no válido: mal."}]
    people = (await api.get("/api/v1/people", headers=headers)).json()
    assert people["total"] == 1 and people["items"][0]["department"] == "Hacienda"
    departments = (await api.get("/api/v1/departments", headers=headers)).json()
    assert departments == [{"id": departments[0]["id"], "name": "Hacienda", "people": 1}]


async def test_binary_upload_is_a_clear_422(api: httpx.AsyncClient, staff_headers) -> None:
    headers = await staff_headers("admin")
    for data, said in ((b"PK\x03\x04" + bytes(100), "No se pudo leer el Excel"),
                       (b"\x89PNG\r\n\x1a\n" + bytes(100), "binario")):
        response = await api.post("/api/v1/people/import", headers=headers,
                                  files={"file": ("x.xlsx", data, "a/b")})
        assert response.status_code == 422
        assert said in response.json()["error"]["message"]


async def test_an_excel_workbook_imports(api: httpx.AsyncClient, staff_headers) -> None:
    from tests.nucleo.directory.test_sheets import ROWS, workbook

    headers = await staff_headers("admin")
    response = await api.post("/api/v1/people/import", headers=headers,
                              data={"create_departments": "true"},
                              files={"file": ("d.xlsx", workbook(ROWS), "a/b")})
    assert response.status_code == 200
    body = response.json()
    assert body["created"] == 2 and [r["line"] for r in body["rejected"]] == [5, 6]


async def test_advisor_cannot_import(api: httpx.AsyncClient, staff_headers) -> None:
    headers = await staff_headers("asesor")
    response = await api.post("/api/v1/people/import", headers=headers,
                              files={"file": ("d.csv", CSV, "text/csv")})
    assert response.status_code == 403


async def test_import_reports_superiors_apart(api: httpx.AsyncClient, staff_headers) -> None:
    """#18: the jefe inmediato column; a refused superior leaves the row imported."""
    headers = await staff_headers("talento_humano")
    data = (b"nombre;documento;dependencia;tipo;jefe inmediato\n"
            b"Ana Ruiz;111;Hacienda;servidor;222\nBeto Paz;222;Hacienda;servidor;\n"
            b"Ciro Sol;333;Hacienda;servidor;999\n")
    body = (await api.post("/api/v1/people/import", headers=headers,
                           files={"file": ("d.csv", data, "text/csv")},
                           data={"create_departments": "true"})).json()
    assert body["created"] == 3 and body["rejected"] == [] and body["superiors_set"] == 1
    assert [r["line"] for r in body["superior_rejected"]] == [4]
    people = {p["document_id"]: p for p in
              (await api.get("/api/v1/people", headers=headers)).json()["items"]}
    assert people["111"]["superior_id"] == people["222"]["id"]
