"""The plan and report pages: seed, edit with bad input, evidence, confirmations, downloads,
roles."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import openpyxl
import pytest
from pypdf import PdfReader

from nucleo.services import Services
from tests.web.console import LoginAs

NOW = datetime(2026, 11, 28, 15, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clock(services: Services) -> None:
    services.clock = lambda: NOW


async def test_seed_then_plan_shows_the_figures(login_as: LoginAs) -> None:
    user = await login_as("talento_humano")
    page = await user.get("/consola/informe")
    assert page.status_code == 200 and 'id="sembrar"' in page.text
    response = await user.post("/consola/informe/sembrar", {"anio": "2026"})
    assert response.status_code == 303
    page = await user.get("/consola/informe")
    assert "Se cargaron 16 actividades" in page.text
    assert re.search(r'id="planeado">91 %<', page.text), page.text[:200]
    assert 'id="avance">57,5 %<' in page.text and 'id="cumplimiento">63,2 %<' in page.text
    assert "Gestión de Conflicto de Intereses" in page.text
    assert "Alcance de las campañas" in page.text and "Fuente" in page.text
    again = await user.post("/consola/informe/sembrar", {"anio": "2026"})
    assert again.status_code == 409 and "plan vacío" in again.text


async def test_activity_form_refuses_bad_input_and_keeps_it(login_as: LoginAs) -> None:
    user = await login_as("admin")
    form = {"component": "Código de Integridad", "name": "Evento de integridad",
            "starts_on": "2026-03-01", "ends_on": "2026-02-01", "progress": "50"}
    response = await user.post("/consola/informe/actividades", form)
    assert response.status_code == 422
    assert "La fecha de fin debe ser igual o posterior" in response.text
    assert "Evento de integridad" in response.text  # nothing typed is lost
    response = await user.post("/consola/informe/actividades", {**form, "ends_on": "2026-12-31",
                                                                "measure_key": "campanas.alcance",
                                                                "goal_percent": "80"})
    assert response.status_code == 303
    location = response.headers["location"]
    page = await user.get(location)
    assert "Avance calculado hoy: 0 %" in page.text
    response = await user.post(location, {**form, "ends_on": "2026-12-31", "progress": "abc"})
    assert response.status_code == 422 and "número entero entre 0 y 100" in response.text


async def test_evidence_upload_download_and_confirmed_delete(login_as: LoginAs) -> None:
    user = await login_as("talento_humano")
    await user.post("/consola/informe/sembrar", {"anio": "2026"})
    base = "/consola/informe/actividades/1"
    response = await user.post(base + "/evidencias", {"nota": "Acta del evento"},
                               files={"archivo": ("acta.pdf", b"%PDF-1.4 acta", "application/pdf")})
    assert response.status_code == 303
    page = await user.get(base)
    link = re.search(r'href="(/consola/informe/actividades/1/evidencias/(\d+))"', page.text)
    assert link and "Acta del evento" in page.text
    download = await user.get(link.group(1))
    assert download.content == b"%PDF-1.4 acta"
    assert download.headers["content-disposition"].startswith("attachment")
    bad = await user.post(base + "/evidencias", {"nota": ""},
                          files={"archivo": ("x.exe", b"MZ", "application/x-msdownload")})
    assert bad.status_code == 422 and "tipo de archivo" in bad.text
    unconfirmed = await user.post(f"{base}/evidencias/{link.group(2)}/eliminar", {})
    assert unconfirmed.status_code == 422 and "confirmación" in unconfirmed.text
    assert (await user.get(link.group(1))).status_code == 200
    unconfirmed = await user.post(base + "/eliminar", {})
    assert unconfirmed.status_code == 422
    deleted = await user.post(base + "/eliminar", {"confirmar": "si"})
    assert deleted.status_code == 303
    assert (await user.get(base)).status_code == 404


async def test_downloads_and_bad_period(login_as: LoginAs) -> None:
    user = await login_as("auditor")
    pdf = await user.get("/consola/informe/informe.pdf?desde=2026-01-01&hasta=2026-06-30")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "01/01/2026" in text and "30/06/2026" in text
    xlsx = await user.get("/consola/informe/informe.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert "Indicadores" in book.sheetnames
    bad = await user.get("/consola/informe?desde=2026-02-30&hasta=2026-03-01")
    assert bad.status_code == 400 and "no es válida" in bad.text
    bad = await user.get("/consola/informe/informe.pdf?desde=2026-05-01&hasta=2026-03-01")
    assert bad.status_code in (400, 422) and "Traceback" not in bad.text


async def test_roles(login_as: LoginAs) -> None:
    auditor = await login_as("auditor")
    page = await auditor.get("/consola/informe")
    assert page.status_code == 200 and 'id="sembrar"' not in page.text
    assert (await auditor.post("/consola/informe/sembrar", {"anio": "2026"})).status_code == 403
    advisor = await login_as("asesor")
    assert (await advisor.get("/consola/informe")).status_code == 403


async def test_a_withheld_group_shows_its_text(login_as: LoginAs, services: Services) -> None:
    from nucleo.report import MEASURES
    from tests.informe.test_report import WithheldMeasure

    user = await login_as("talento_humano")
    services.extras[MEASURES].register(WithheldMeasure())
    page = await user.get("/consola/informe")
    assert '<td colspan="2" class="withheld">menos de 5 respuestas</td>' in page.text
    assert "Ver por valor y pregunta" in page.text and "82,4 %" in page.text
