"""Every upload of the declarations area (contracts in the console and the API, the SIGEP list)
refuses a file over the size limit in Spanish: the one check is ``decode()``'s."""

from __future__ import annotations

import pytest

from nucleo.directory import reader
from nucleo.services import Services
from tests.bot.consultas.desk import Clock, bogota
from tests.web.console import LoginAs

BIG = b"cedula;nombre\n" + b"1000;Ana\n" * 40


@pytest.fixture
def clock(services: Services) -> Clock:
    clock = Clock(bogota(2026, 12, 4, 10))
    services.clock = clock
    return clock


@pytest.mark.parametrize("url", ["/consola/declaraciones/contratos",
                                 "/consola/declaraciones/bienes/importar"])
async def test_console_uploads_over_the_limit(services: Services, clock, login_as: LoginAs,
                                              monkeypatch, url: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(reader, "MAX_BYTES", 100)
    user = await login_as("talento_humano")
    response = await user.post(url, {"anio": "2026"},
                               files={"archivo": ("lista.csv", BIG, "text/csv")})
    assert response.status_code == 422
    assert "supera el tamaño máximo" in response.text


async def test_api_upload_over_the_limit(services: Services, clock, api, staff_headers,
                                         monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(reader, "MAX_BYTES", 100)
    response = await api.post("/api/v1/declarations/contracts/import",
                              headers=await staff_headers("talento_humano"),
                              files={"file": ("contratos.csv", BIG, "text/csv")})
    assert response.status_code == 422
    assert "supera el tamaño máximo" in response.json()["error"]["message"]
