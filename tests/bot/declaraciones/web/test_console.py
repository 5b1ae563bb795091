"""The register in the console: list with filters and overdue in words, detail, decide with a
confirmation (the person hears it through the bot's outbox), PDF and XLSX."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from bot.declaraciones import preventive
from bot.declaraciones.interest import Answers
from bot.declaraciones.models import Declaration
from bot.models import OutboxMessage
from bot.service import ensure_notifier
from nucleo.services import Services
from tests.bot.consultas.desk import Clock, bogota
from tests.bot.declaraciones.helpers import add_person, file_one
from tests.web.console import LoginAs

URL = "/consola/declaraciones"
INJECTION = "<script>alert(1)</script> =HYPERLINK(\"http://x\",\"y\") <img src=x onerror=alert(2)>"


@pytest.fixture
def clock(services: Services) -> Clock:
    clock = Clock(bogota(2026, 12, 22, 9))  # 21 December (the due date below) has passed
    services.clock = clock
    return clock


async def test_register_lists_overdue_in_words_and_escapes(services, clock, login_as: LoginAs):
    person = await add_person(services)
    await file_one(services, person, bogota(2026, 12, 4, 10), matter=INJECTION[:80],
                   description="Hechos: " + INJECTION)
    await file_one(services, person, bogota(2026, 12, 21, 10), matter="Permiso de obra 77")
    user = await login_as("asesor")
    page = await user.get(URL)
    assert page.status_code == 200
    assert "vencida hace 1 día hábil" in page.text and "faltan 9 días hábiles" in page.text
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;" in page.text
    only = await user.get(URL, params={"vencidas": "si"})
    assert "DI-2026-0001" in only.text and "DI-2026-0002" not in only.text
    assert (await user.get(URL, params={"estado": "otra"})).status_code == 400
    assert 'id="exportar"' not in page.text  # an asesor decides but does not export


async def test_decide_with_confirmation_reaches_the_chat(services, clock, login_as: LoginAs):
    ensure_notifier(services)
    person = await add_person(services)
    filed = await file_one(services, person, bogota(2026, 12, 4, 10))
    user = await login_as("talento_humano")
    detail = await user.get(f"{URL}/{filed.id}")
    assert detail.status_code == 200 and "vencida hace 1 día hábil" in detail.text
    form = {"resultado": "aceptada", "decision": "Se acepta: asume <b>Jurídica</b>."}
    confirm = await user.post(f"{URL}/{filed.id}/decidir", form)
    assert confirm.status_code == 200 and "Sí, decidir" in confirm.text
    async with services.db.session() as session:
        assert (await session.get(Declaration, filed.id)).state == "radicada"
    done = await user.post(f"{URL}/{filed.id}/decidir", {**form, "confirmar": "si"})
    assert done.status_code == 303
    async with services.db.session() as session:
        saved = await session.get(Declaration, filed.id)
        [queued] = (await session.execute(select(OutboxMessage))).scalars().all()
    assert saved is not None and saved.state == "decidida" and saved.outcome == "aceptada"
    assert queued.person_id == person and "DI-2026-0001" in queued.text_html
    assert "&lt;b&gt;Jurídica&lt;/b&gt;" in queued.text_html
    again = await user.post(f"{URL}/{filed.id}/decidir", {**form, "confirmar": "si"})
    assert again.status_code == 409 and "La declaración está decidida" in again.text


async def test_bad_decision_keeps_what_was_typed(services, clock, login_as: LoginAs):
    person = await add_person(services)
    filed = await file_one(services, person, bogota(2026, 12, 4, 10))
    user = await login_as("admin")
    refused = await user.post(f"{URL}/{filed.id}/decidir", {"resultado": "aceptada",
                                                           "decision": "corto"})
    assert refused.status_code == 422 and "caracteres" in refused.text and "corto" in refused.text


async def test_pdf_constancia_is_readable(services, clock, login_as: LoginAs):
    person = await add_person(services)
    filed = await file_one(services, person, bogota(2026, 12, 4, 10),
                           description="Mi cuñada <b>María</b> es socia del proponente; ñandú.",
                           ground=10)
    user = await login_as("asesor")
    response = await user.get(f"{URL}/{filed.id}/constancia.pdf")
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert "constancia-DI-2026-0001.pdf" in response.headers["content-disposition"]
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    for expected in ("Constancia de radicación", "DI-2026-0001", "Ana Pérez",
                     "viernes 4 de diciembre de 2026", "lunes 21 de diciembre de 2026",
                     "Mi cuñada <b>María</b> es socia del proponente; ñandú.",
                     "Num. 10 — Socio o socia de un interesado (sociedad de personas)"):
        assert expected in text, expected


async def test_xlsx_export_neutralises_formulas(services, clock, login_as: LoginAs):
    person = await add_person(services)
    await file_one(services, person, bogota(2026, 12, 4, 10), office="=cmd|' /C calc'!A0")
    user = await login_as("talento_humano")
    page = await user.get(URL)
    assert 'id="exportar"' in page.text
    response = await user.get(f"{URL}/exportar.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Radicado" and rows[1][0] == "DI-2026-0001"
    assert rows[1][7] == "'=cmd|' /C calc'!A0"
    assert (await (await login_as("asesor")).get(f"{URL}/exportar.xlsx")).status_code == 403


async def test_register_filters_by_filing_dates(services, clock, login_as: LoginAs, api,
                                               staff_headers):
    person = await add_person(services)
    await file_one(services, person, bogota(2026, 12, 1, 23, 30), matter="Permiso de obra 11")
    await file_one(services, person, bogota(2026, 12, 2, 8), matter="Permiso de obra 22")
    user = await login_as("talento_humano")
    page = await user.get(URL, params={"desde": "2026-12-02", "hasta": "2026-12-02"})
    assert "Permiso de obra 22" in page.text and "Permiso de obra 11" not in page.text
    until = await user.get(URL, params={"hasta": "2026-12-01"})
    assert "Permiso de obra 11" in until.text and "Permiso de obra 22" not in until.text
    assert (await user.get(URL, params={"desde": "2026-12-03",
                                        "hasta": "2026-12-01"})).status_code == 400
    assert (await user.get(URL, params={"desde": "ayer"})).status_code == 400
    sheet = await user.get(URL + "/exportar.xlsx", params={"desde": "2026-12-02"})
    assert sheet.status_code == 200
    headers = await staff_headers("talento_humano")
    listed = await api.get("/api/v1/declarations", headers=headers,
                           params={"filed_from": "2026-12-01", "filed_until": "2026-12-01"})
    assert [d["matter"] for d in listed.json()["items"]] == ["Permiso de obra 11"]
    wrong = await api.get("/api/v1/declarations", headers=headers,
                          params={"filed_from": "2026-12-03", "filed_until": "2026-12-01"})
    assert wrong.status_code == 422


async def test_register_filters_by_dependencia(services, clock, login_as: LoginAs, api,
                                              staff_headers):
    """The dependencia is that of whom the declaration concerns: the recused official for a
    recusal, the declarant otherwise; console list, XLSX export and API alike."""
    from nucleo.models import Department
    from tests.bot.declaraciones.helpers import add_official, file_recusal

    ana = await add_official(services, "Ana Pérez", department="Secretaría de Hacienda")
    beto = await add_official(services, "Beto Ruiz", department="Secretaría de Obras")
    await file_one(services, ana, bogota(2026, 12, 1, 9), matter="Permiso de obra 11")
    await file_one(services, beto, bogota(2026, 12, 1, 10), matter="Permiso de obra 22")
    await file_recusal(services, bogota(2026, 12, 2, 9), recused_person_id=ana,
                       person_id=beto, matter="Contrato de obra 33 de 2026")
    async with services.db.session() as session:
        ids = dict((await session.execute(select(Department.name, Department.id))).all())
    hacienda, obras = ids["Secretaría de Hacienda"], ids["Secretaría de Obras"]
    user = await login_as("talento_humano")
    page = await user.get(URL, params={"dependencia": str(hacienda)})
    assert page.status_code == 200
    assert "Permiso de obra 11" in page.text and "Contrato de obra 33" in page.text
    assert "Permiso de obra 22" not in page.text
    assert f'<option value="{obras}">Secretaría de Obras</option>' in page.text
    assert f"dependencia={hacienda}" in page.text  # the export keeps the filter
    for bad in ("999999", "obras"):
        assert (await user.get(URL, params={"dependencia": bad})).status_code == 400
    sheet = await user.get(URL + "/exportar.xlsx", params={"dependencia": str(obras)})
    assert sheet.status_code == 200
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert [r[5] for r in rows[1:]] == ["Permiso de obra 22"]
    headers = await staff_headers("talento_humano")
    listed = await api.get("/api/v1/declarations", headers=headers,
                           params={"department_id": hacienda})
    assert sorted(d["matter"] for d in listed.json()["items"]) == [
        "Contrato de obra 33 de 2026", "Permiso de obra 11"]
    assert (await api.get("/api/v1/declarations", headers=headers,
                          params={"department_id": 0})).status_code == 422


async def test_register_filters_by_ground(services, clock, login_as: LoginAs, api,
                                          staff_headers):
    """The ground of art. 11: shown in the list and the detail, a filter (0: without one), a
    column of the XLSX and a field and filter of the API."""
    from tests.bot.declaraciones.helpers import file_recusal

    person = await add_person(services)
    await file_one(services, person, bogota(2026, 12, 1, 9), matter="Permiso de obra 11",
                   ground=5)
    await file_one(services, person, bogota(2026, 12, 1, 10), matter="Permiso de obra 22")
    recusal = await file_recusal(services, bogota(2026, 12, 2, 9), recused_person_id=None,
                                 matter="Contrato de obra 33 de 2026", ground=5)
    async with services.db.session() as session:  # no ground to give: never «Sin precisar»
        await preventive.file_preventive(
            session, person_id=person, holder="yo", counterparty="Constructora Andina",
            description="Soy socia minoritaria de la empresa desde 2020.",
            now=bogota(2026, 12, 3, 10), tz=services.settings.tz)
    user = await login_as("talento_humano")
    page = await user.get(URL, params={"causal": "5"})
    assert page.status_code == 200
    assert "Permiso de obra 11" in page.text and "Contrato de obra 33" in page.text
    assert "Permiso de obra 22" not in page.text
    assert "Num. 5 — Pleito pendiente con un interesado" in page.text
    assert "causal=5" in page.text  # the export keeps the filter
    without = await user.get(URL, params={"causal": "0"})
    assert "Permiso de obra 22" in without.text and "Permiso de obra 11" not in without.text
    for bad in ("17", "x"):
        assert (await user.get(URL, params={"causal": bad})).status_code == 400
    detail = await user.get(f"{URL}/{recusal.id}")
    assert "Num. 5 — Pleito pendiente" in detail.text.split('id="causal"', 1)[1][:120]
    sheet = await user.get(URL + "/exportar.xlsx", params={"causal": "5"})
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    column = rows[0].index("Causal (art. 11 Ley 1437)")
    assert sorted(r[column] for r in rows[1:]) == [
        "Num. 5 — Pleito pendiente con un interesado"] * 2
    headers = await staff_headers("talento_humano")
    listed = await api.get("/api/v1/declarations", headers=headers, params={"ground": 0})
    [item] = listed.json()["items"]
    assert item["matter"] == "Permiso de obra 22" and item["ground"] is None
    assert item["ground_name"] == "Sin precisar"
    listed = await api.get("/api/v1/declarations", headers=headers, params={"ground": 5})
    assert {d["ground"] for d in listed.json()["items"]} == {5}
    assert (await api.get("/api/v1/declarations", headers=headers,
                          params={"ground": 17})).status_code == 422
    filed = await api.post("/api/v1/declarations/recusals", headers=headers, json={
        "matter": "Licencia 9 de 2026", "description": "Es acreedor del solicitante desde 2024.",
        "deciding_office": "Secretaría de Planeación", "recused_name": "Pedro Gómez",
        "ground": 9})
    assert filed.status_code == 201 and filed.json()["declaration"]["ground"] == 9


GUIDED = Answers(matter_type="contrato", role="decide", holder="pariente", relation="tios")


async def test_the_guided_answers_in_the_register_the_export_and_the_pdf(
        services, clock, login_as: LoginAs, api, staff_headers):
    """#18: the type of matter is a filter of the list, the export and the API; the detail,
    the XLSX and the PDF name the type, the role, who holds the interest and the degree."""
    person = await add_person(services)
    guided = await file_one(services, person, bogota(2026, 12, 1, 9), matter="Contrato 11",
                            answers=GUIDED, ground=1)
    await file_one(services, person, bogota(2026, 12, 1, 10), matter="Permiso de obra 22",
                   answers=Answers(matter_type="permiso", role="tramita", holder="yo"))
    await file_one(services, person, bogota(2026, 12, 1, 11), matter="Sin preguntas 33")
    user = await login_as("talento_humano")
    page = await user.get(URL, params={"clase": "contrato"})
    assert page.status_code == 200 and "Contrato 11" in page.text
    assert "Permiso de obra 22" not in page.text and "Sin preguntas 33" not in page.text
    assert "clase=contrato" in page.text  # the export keeps the filter
    for bad in ("licencia", "<script>", "contrato'--"):
        assert (await user.get(URL, params={"clase": bad})).status_code in (400, 422)
    detail = (await user.get(f"{URL}/{guided.id}")).text
    assert "Un contrato" in detail.split('id="clase"', 1)[1][:60]
    assert "Lo decide, lo firma u ordena el gasto" in detail.split('id="papel"', 1)[1][:80]
    assert "Un pariente: Tío/a (3.º grado de consanguinidad)" in detail.split('id="quien"', 1)[1]
    sheet = await user.get(URL + "/exportar.xlsx", params={"clase": "contrato"})
    header, *rows = load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True)
    [row] = rows
    cells = dict(zip(header, row, strict=True))
    assert cells["Clase de asunto"] == "Un contrato"
    assert cells["Papel de quien declara"] == "Lo decide, lo firma u ordena el gasto"
    assert cells["Quién tiene el interés"] == "Un pariente" and cells["Pariente"] == "Tío/a"
    assert cells["Grado de parentesco"] == "3.º grado de consanguinidad"
    response = await user.get(f"{URL}/{guided.id}/constancia.pdf")
    text = " ".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    for expected in ("Clase de asunto", "Un contrato", "Papel de quien declara",
                     "Lo decide, lo firma u ordena el gasto", "Tío/a",
                     "3.º grado de consanguinidad"):
        assert expected in text, expected
    headers = await staff_headers("talento_humano")
    listed = await api.get("/api/v1/declarations", headers=headers,
                           params={"matter_type": "permiso"})
    [item] = listed.json()["items"]
    assert item["matter_type"] == "permiso" and item["role"] == "tramita"
    assert item["interest_name"] == "Quien declara" and item["relation"] is None
    assert (await api.get("/api/v1/declarations", headers=headers,
                          params={"matter_type": "x"})).status_code == 422
