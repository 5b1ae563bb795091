"""The poster route: roles, a missing bot username explained, the link opens the bot with the
dependencia (read back by the bot's side)."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import select

from nucleo.directory.start_link import department_from_start, department_start
from nucleo.models import Department
from nucleo.services import Services
from nucleo.settings import Settings, load_settings
from tests.web.console import LoginAs


@pytest.fixture
def settings(tmp_path) -> Settings:
    return load_settings(data_dir=tmp_path, secret_key="test-secret-key-0123456789abcdef",
                         entity_name="Alcaldía de Prueba", telegram_bot_username="valor_bot")


async def _department(services: Services) -> int:
    async with services.db.session() as session:
        session.add(Department(name="Secretaría de Gobierno",
                               normalized_name="secretaria de gobierno"))
        await session.commit()
        return int(await session.scalar(select(Department.id)) or 0)


async def test_poster_png_and_pdf(login_as: LoginAs, services: Services) -> None:
    department_id = await _department(services)
    user = await login_as("talento_humano")
    base = f"/consola/directorio/dependencias/{department_id}/cartel"
    png = await user.get(base + ".png")
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(png.content)).size == (1240, 1754)
    pdf = await user.get(base + ".pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert (await user.get("/consola/directorio/dependencias/999/cartel.png")).status_code == 404
    assert (await user.get(base + ".gif")).status_code in (400, 404)
    parameter = department_start(services.signer, department_id)
    assert department_from_start(services.signer, parameter) == department_id
    coverage = await user.get("/consola/directorio/cobertura")
    assert coverage.status_code == 200  # lists dependencias with people only
    auditor = await login_as("auditor")
    assert (await auditor.get(base + ".png")).status_code == 403


async def test_without_the_bot_username_the_page_says_what_to_configure(
        login_as: LoginAs, services: Services) -> None:
    services.settings.telegram_bot_username = None
    department_id = await _department(services)
    user = await login_as("admin")
    response = await user.get(f"/consola/directorio/dependencias/{department_id}/cartel.png")
    assert response.status_code == 400 and "VALOR_TELEGRAM_BOT_USERNAME" in response.text
