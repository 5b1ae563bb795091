"""Asset declarations (bot/declaraciones/assets.py): who must file, HR records filings by
cédula, compliance per dependencia in the API and the console, the XLSX list."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bot.declaraciones import assets
from nucleo import asset_filings
from nucleo.errors import InvalidInput, NotFound
from nucleo.models import AuditEntry, Department, Person
from nucleo.services import Services
from tests.bot.consultas.desk import bogota
from tests.web.console import LoginAs

TODAY = date(2026, 12, 4)


async def _people(services: Services) -> None:
    async with services.db.session() as session:
        hacienda = Department(name="Secretaría de Hacienda", normalized_name="hacienda")
        obras = Department(name="Secretaría de Obras", normalized_name="obras")
        session.add_all([hacienda, obras])
        await session.flush()
        for i, (name, kind, dept) in enumerate([
                ("Ana Pérez", "servidor", hacienda), ("Beto Ruiz", "servidor", hacienda),
                ("Carla Díaz", "servidor", obras), ("Dora Contratista", "contratista", obras)]):
            session.add(Person(full_name=name, document_id=str(1000 + i), kind=kind,
                               department_id=dept.id))
        session.add(Person(full_name="Eva Inactiva", document_id="2000", kind="servidor",
                           status="inactiva"))
        await session.commit()


async def test_obliged_filed_and_bad_input(services: Services) -> None:
    await _people(services)
    now = bogota(2026, 12, 4, 10)
    async with services.db.session() as session:
        await assets.mark_filed(session, document="1.000", year=2026, kind="bienes_rentas",
                                filed_on=date(2026, 7, 20), staff=None, now=now, today=TODAY)
        await assets.mark_required(session, document="1003", year=2026, kind="ley_2013",
                                   required=True, staff=None, now=now, today=TODAY)
        with pytest.raises(NotFound, match="cédula 9999"):
            await assets.mark_filed(session, document="9999", year=2026, kind="bienes_rentas",
                                    filed_on=TODAY, staff=None, now=now, today=TODAY)
        for kwargs in ({"document": "abc"}, {"year": 2010}, {"kind": "otra"},
                       {"filed_on": date(2026, 12, 5)}):
            args = {"document": "1001", "year": 2026, "kind": "bienes_rentas",
                    "filed_on": TODAY} | kwargs
            with pytest.raises(InvalidInput):
                await assets.mark_filed(session, staff=None, now=now, today=TODAY,
                                        **args)  # type: ignore[arg-type]
        with pytest.raises(InvalidInput, match=f"entre {assets.FIRST_YEAR} y 2027"):
            assets.check("bienes_rentas", assets.FIRST_YEAR - 1, TODAY)
        people = await assets.obliged(session, year=2026, kind="bienes_rentas")
        ley = await assets.obliged(session, year=2026, kind="ley_2013")
    assert [p.full_name for p in people] == ["Ana Pérez", "Beto Ruiz", "Carla Díaz"]
    groups, total = assets.by_department(people)
    assert (total.obliged, total.filed, total.pending) == (3, 1, 2)
    assert [(g.department, g.filed, g.pending) for g in groups] == [
        ("Secretaría de Hacienda", 1, 1), ("Secretaría de Obras", 0, 1)]
    assert [p.full_name for p in ley] == ["Dora Contratista"] and ley[0].filed_on is None


async def test_api(services: Services, clock, api, staff_headers) -> None:  # type: ignore[no-untyped-def]
    await _people(services)
    th = await staff_headers("talento_humano")
    filed = await api.post("/api/v1/declarations/assets/filed", headers=th, json={
        "document_id": "1003", "year": 2026, "kind": "ley_2013", "filed_on": "2026-08-01",
        "required": True})
    assert filed.status_code == 200, filed.text
    assert filed.json()["required"] is True and filed.json()["source"] == "consola"
    missing = await api.post("/api/v1/declarations/assets/filed", headers=th, json={
        "document_id": "777", "year": 2026, "filed_on": "2026-08-01"})
    assert missing.status_code == 404 and "777" in missing.json()["error"]["message"]
    report = await api.get("/api/v1/declarations/assets/compliance",
                           params={"year": 2026, "kind": "ley_2013"}, headers=th)
    assert report.json()["total"] == {"department": None, "obliged": 1, "filed": 1,
                                      "pending": 0}
    bad = await api.get("/api/v1/declarations/assets/compliance", params={"year": 1990},
                        headers=th)
    assert bad.status_code == 422
    future = await api.get("/api/v1/declarations/assets/compliance", params={"year": 2090},
                           headers=th)  # like the console: at most next year
    assert future.status_code == 422 and "2019" in future.json()["error"]["message"]
    auditor = await staff_headers("auditor")
    assert (await api.get("/api/v1/declarations/assets/compliance", params={"year": 2026},
                          headers=auditor)).status_code == 403


async def test_console_mark_and_export(services: Services, clock, login_as: LoginAs) -> None:
    await _people(services)
    user = await login_as("talento_humano")
    page = await user.get("/consola/declaraciones/bienes", params={"anio": "2026"})
    assert page.status_code == 200 and "0%" in page.text
    saved = await user.post("/consola/declaraciones/bienes", {
        "cedula": "1001", "fecha": "2026-07-30", "anio": "2026", "tipo": "bienes_rentas"})
    assert saved.status_code == 303
    page = await user.get("/consola/declaraciones/bienes", params={"anio": "2026"})
    assert "33%" in page.text
    remind = ('id="recordar" href="/consola/campanas?audiencia=pendientes_bienes&amp;anio=2026'
              '&amp;declaracion=bienes_rentas"')
    assert remind in page.text  # «Recordar a quienes faltan»: a campaign draft, prefilled
    form = await user.get("/consola/campanas", params={
        "audiencia": "pendientes_bienes", "anio": "2026", "declaracion": "bienes_rentas"})
    assert form.status_code == 200 and 'name="anio" type="text" value="2026"' in form.text
    assert "cédula terminada en 001 (2026)" in page.text and "1001" not in page.text
    wrong = await user.post("/consola/declaraciones/bienes", {
        "cedula": "5555", "fecha": "2026-07-30", "anio": "2026"})
    assert wrong.status_code == 422 and "cédula 5555" in wrong.text
    no_date = await user.post("/consola/declaraciones/bienes", {"cedula": "1001", "fecha": "x"})
    assert no_date.status_code == 422 and "AAAA-MM-DD" in no_date.text
    sheet = await user.get("/consola/declaraciones/bienes.xlsx", params={"anio": "2026"})
    assert sheet.status_code == 200
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert len(rows) == 4 and rows[2][1] == "Beto Ruiz" and rows[2][4] == "Presentada"
    assert (await user.get("/consola/declaraciones/bienes",
                           params={"anio": "1800"})).status_code == 400


async def test_import_a_sigep_list(services: Services, clock, login_as: LoginAs) -> None:
    await _people(services)
    data = ("Cédula;Nombre;Fecha de presentación\n"
            "1.000;Ana Pérez;15/07/2026\n"
            "1001;Beto Ruiz;\n"
            "abc;Nadie;2026-07-01\n"
            "9999;Desconocida;2026-07-01\n"
            "1000;Ana otra vez;2026-07-01\n"
            "1002;Carla Díaz;31/02/2026\n"
            "1002;Carla Díaz;2027-01-01\n").encode("latin-1")
    user = await login_as("talento_humano")
    response = await user.post("/consola/declaraciones/bienes/importar",
                               {"anio": "2026", "tipo": "bienes_rentas"},
                               files={"archivo": ("sigep.csv", data, "text/csv")})
    assert response.status_code == 200
    assert "marcadas como presentadas: 2; filas rechazadas: 5" in response.text
    table = response.text.split('id="rechazadas"', 1)[1].split("</table>", 1)[0]
    assert '<td class="num">4</td>' in table and "solo con números" in table
    assert "cédula 9999" in table and "línea 2" in table and "31/02/2026" in table
    async with services.db.session() as session:
        people = await assets.obliged(session, year=2026, kind="bienes_rentas")
    filed = {p.full_name: (p.filed_on, p.source) for p in people if p.filed_on}
    assert filed == {"Ana Pérez": (date(2026, 7, 15), "importado"),
                     "Beto Ruiz": (TODAY, "importado")}
    missing = await user.post("/consola/declaraciones/bienes/importar", {"anio": "2026"},
                              files={"archivo": ("x.csv", b"Nombre;Fecha\nAna;\n", "text/csv")})
    assert missing.status_code == 422 and "columna de la cédula" in missing.text


async def test_a_list_without_dates_keeps_dates_and_a_refused_filing_changes_nothing(
        services: Services) -> None:
    await _people(services)
    now = bogota(2026, 12, 4, 10)
    async with services.db.session() as session:
        await assets.mark_filed(session, document="1000", year=2026, kind="bienes_rentas",
                                filed_on=date(2026, 7, 20), staff=None, now=now, today=TODAY)
        report = await assets.import_filed(session, b"cedula\n1000\n1001\n", year=2026,
                                           kind="bienes_rentas", actor=None, now=now,
                                           today=TODAY)
        assert report.filed == 2 and not report.rejected
        with pytest.raises(InvalidInput):  # a future date: «obligada» is not kept either
            await assets.mark_filed(session, document="1002", year=2026, kind="ley_2013",
                                    filed_on=date(2026, 12, 5), staff=None, now=now,
                                    today=TODAY, required=True)
    async with services.db.session() as session:
        filed = {p.full_name: p.filed_on for p in
                 await assets.obliged(session, year=2026, kind="bienes_rentas") if p.filed_on}
        ley = await assets.obliged(session, year=2026, kind="ley_2013")
    assert filed == {"Ana Pérez": date(2026, 7, 20), "Beto Ruiz": TODAY}
    assert "Carla Díaz" not in {p.full_name for p in ley}


async def test_hr_sets_the_reminder_window(services: Services, clock, login_as: LoginAs) -> None:
    """The window of the reminders: 1 June to 31 July unless HR sets another; bad dates are a
    Spanish message and change nothing; the change is audited."""
    await _people(services)
    user = await login_as("talento_humano")
    page = await user.get("/consola/declaraciones/bienes", params={"anio": "2026"})
    assert "entre el 1 de junio de 2026 y el 31 de julio de 2026" in page.text
    assert "Es la ventana por defecto" in page.text and "Hoy está cerrada" in page.text
    for desde, hasta, says in [
            ("2026-12-10", "2026-12-01", "no puede terminar antes de empezar"),
            ("2025-12-01", "2026-01-31", "entre el 2026-01-01 y el 2027-12-31"),
            ("2026-01-01", "2027-01-02", "a lo sumo un año"),
            ("1/12/2026", "2026-12-31", "AAAA-MM-DD")]:
        bad = await user.post("/consola/declaraciones/bienes/ventana", {
            "desde": desde, "hasta": hasta, "anio": "2026", "tipo": "bienes_rentas"})
        assert bad.status_code == 422 and says in bad.text, desde
        assert f'value="{desde}"' in bad.text  # what was typed comes back
    saved = await user.post("/consola/declaraciones/bienes/ventana", {
        "desde": "2026-11-02", "hasta": "2026-12-18", "anio": "2026", "tipo": "bienes_rentas"})
    assert saved.status_code == 303
    page = await user.get("/consola/declaraciones/bienes", params={"anio": "2026"})
    assert "entre el 2 de noviembre de 2026 y el 18 de diciembre de 2026" in page.text
    assert "La fijó Talento Humano" in page.text and "Hoy está abierta" in page.text
    other = await user.get("/consola/declaraciones/bienes",
                           params={"anio": "2026", "tipo": "ley_2013"})
    assert "Es la ventana por defecto" in other.text  # one window per declaration and year
    async with services.db.session() as session:
        window = await asset_filings.reminder_window(session, year=2026, kind="bienes_rentas")
        entry = (await session.scalars(select(AuditEntry).where(
            AuditEntry.action == "declaraciones.bienes.ventana"))).one()
    assert (window.opens_on, window.closes_on, window.configured) == (
        date(2026, 11, 2), date(2026, 12, 18), True)
    assert entry.details == {"anio": 2026, "tipo": "bienes_rentas", "desde": "2026-11-02",
                             "hasta": "2026-12-18"}
    asesor = await login_as("asesor")  # sees the compliance page only if allowed; never sets
    refused = await asesor.post("/consola/declaraciones/bienes/ventana", {
        "desde": "2026-06-01", "hasta": "2026-07-31", "anio": "2026"})
    assert refused.status_code == 403


async def test_reminder_window_api(services: Services, clock, api, staff_headers) -> None:  # type: ignore[no-untyped-def]
    th = await staff_headers("talento_humano")
    url = "/api/v1/declarations/assets/window"
    default = await api.get(url, params={"year": 2026, "kind": "preventiva"}, headers=th)
    assert default.json() == {"year": 2026, "kind": "preventiva", "opens_on": "2026-01-01",
                              "closes_on": "2026-12-31", "configured": False,
                              "open_today": True}  # the preventive one: the whole year
    saved = await api.put(url, headers=th, json={"year": 2026, "opens_on": "2026-11-15",
                                                 "closes_on": "2026-11-30"})
    assert saved.status_code == 200 and saved.json()["configured"] is True
    assert saved.json()["open_today"] is False  # 4 December
    reversed_ = await api.put(url, headers=th, json={"year": 2026, "opens_on": "2026-12-01",
                                                     "closes_on": "2026-11-01"})
    assert reversed_.status_code == 422 and "antes de empezar" in reversed_.text
    asesor = await staff_headers("asesor")
    assert (await api.put(url, headers=asesor, json={
        "year": 2026, "opens_on": "2026-06-01", "closes_on": "2026-07-31"})).status_code == 403
    again = await api.get(url, params={"year": 2026}, headers=th)
    assert (again.json()["opens_on"], again.json()["closes_on"]) == ("2026-11-15", "2026-11-30")
