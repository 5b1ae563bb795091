"""Sessions in the console: create (validated), the list, the session page with its links and
attendance, manual add and removal (confirmed), edit, cancel (confirmed), the QR poster, roles
and the audit log."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select

from bot.sesiones import actions
from bot.sesiones.models import Attendance, SensitizationSession
from nucleo.models import AuditEntry
from nucleo.services import Services
from tests.bot.consultas.desk import Clock
from tests.bot.helpers import count_rows
from tests.bot.sesiones.helpers import START, add_department, add_directory_person, add_session
from tests.web.console import LoginAs

URL = "/consola/sesiones"
FORM = {"titulo": "Respeto <b>en</b> la atención", "tema": "respeto", "lugar": "Auditorio",
        "dia": "2026-12-10", "inicio": "09:00", "fin": "11:00", "dirige": "Laura Gómez",
        "notas": ""}


@pytest.fixture
def clock(services: Services) -> Clock:
    clock = Clock(START)
    services.clock = clock
    services.settings = services.settings.model_copy(update={
        "telegram_bot_username": "valor_bot",
        "public_url": "https://integridad.example.gov.co"})
    return clock


async def test_create_list_and_session_page(services, clock, login_as: LoginAs) -> None:
    hacienda = await add_department(services, "Hacienda")
    user = await login_as("talento_humano")
    bad = await user.post(URL + "/nueva", {**FORM, "fin": "08:00"})
    assert bad.status_code == 422 and "posterior a la de inicio" in bad.text
    assert 'value="Auditorio"' in bad.text  # what was typed stays
    done = await user.post(URL + "/nueva", {**FORM, "dependencias": str(hacienda)})
    assert done.status_code == 303
    async with services.db.session() as session:
        row = (await session.execute(select(SensitizationSession))).scalar_one()
    assert row.starts_at == START and row.topic == "respeto"
    listing = await user.get(URL)
    assert "Respeto &lt;b&gt;en&lt;/b&gt; la atención" in listing.text and "Hacienda" in listing.text
    page = await user.get(f"{URL}/{row.id}")
    assert page.status_code == 200
    parameter = actions.check_in_parameter(services.signer, row.id)
    assert f"https://t.me/valor_bot?start={parameter}" in page.text
    assert f"https://integridad.example.gov.co/chat?a={parameter[1:]}" in page.text
    assert "Todavía no hay asistentes" in page.text


async def test_manual_attendance_add_and_remove(services, clock, login_as: LoginAs) -> None:
    hacienda = await add_department(services, "Hacienda")
    ana = await add_directory_person(services, "Ana Pérez", hacienda,
                                     search_key="ana perez")
    row = await add_session(services)
    user = await login_as("talento_humano")
    found = await user.get(f"{URL}/{row.id}", params={"q": "ana"})
    assert "Ana Pérez" in found.text and 'name="persona"' in found.text
    added = await user.post(f"{URL}/{row.id}/asistencia", {"persona": str(ana)})
    assert added.status_code == 303
    again = await user.post(f"{URL}/{row.id}/asistencia", {"persona": str(ana)})
    assert again.status_code == 409 and "ya está en la lista" in again.text
    page = await user.get(f"{URL}/{row.id}")
    assert "Agregada en la consola" in page.text and "Personas registradas: 1" in page.text
    async with services.db.session() as session:
        attended = (await session.execute(select(Attendance))).scalar_one()
    path = f"{URL}/{row.id}/asistencia/quitar"
    asked = await user.post(path, {"asistencia": str(attended.id)})
    assert asked.status_code == 200 and "¿Quitar esta asistencia" in asked.text
    assert f'name="asistencia" value="{attended.id}"' in asked.text  # carried to the confirm
    assert await count_rows(services, Attendance) == 1
    assert (await user.post(path, {"asistencia": str(attended.id), "confirmado": "1"})
            ).status_code == 303
    assert await count_rows(services, Attendance) == 0


async def test_edit_cancel_and_poster(services, clock, login_as: LoginAs) -> None:
    row = await add_session(services)
    user = await login_as("talento_humano")
    png = await user.get(f"{URL}/{row.id}/qr.png")
    assert png.status_code == 200 and Image.open(io.BytesIO(png.content)).size == (1240, 1754)
    pdf = await user.get(f"{URL}/{row.id}/qr.pdf")
    assert pdf.status_code == 200 and len(PdfReader(io.BytesIO(pdf.content)).pages) == 1
    edited = await user.post(f"{URL}/{row.id}/editar", {**FORM, "lugar": "Sala 2"})
    assert edited.status_code == 303
    asked = await user.post(f"{URL}/{row.id}/cancelar")
    assert asked.status_code == 200 and "¿Cancelar la sesión" in asked.text
    assert (await user.post(f"{URL}/{row.id}/cancelar", {"confirmado": "1"})).status_code == 303
    async with services.db.session() as session:
        current = await session.get(SensitizationSession, row.id)
        assert current is not None and current.place == "Sala 2"
        assert current.cancelled_at is not None
        actions_logged = set((await session.execute(select(AuditEntry.action))).scalars())
    assert {"sesiones.crear", "sesiones.editar", "sesiones.cancelar"} <= actions_logged
    refused = await user.get(f"{URL}/{row.id}/qr.png")
    assert refused.status_code == 400 and "está cancelada" in refused.text
    page = await user.get(f"{URL}/{row.id}")
    assert "fue cancelada" in page.text and 'id="editar"' not in page.text


async def test_roles(services, clock, login_as: LoginAs) -> None:
    row = await add_session(services)
    for role in ("asesor", "auditor"):
        user = await login_as(role)
        assert (await user.get(URL)).status_code == 403
        assert (await user.get(f"{URL}/{row.id}")).status_code == 403
