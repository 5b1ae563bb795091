"""«Cruce» in the console: import contracts (rejected rows with their lines), the flags, a
review note, who may do what."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.declaraciones import preventive
from bot.declaraciones.models import ContractFlag
from nucleo.services import Services
from tests.bot.consultas.desk import BOGOTA, Clock, bogota
from tests.bot.declaraciones.helpers import add_official
from tests.web.console import LoginAs

URL = "/consola/declaraciones/cruce"
CSV = ("Número del contrato;Contratista;NIT;Objeto;Supervisor\n"
       "CD-001-2026;Constructora <b>Andina</b> S.A.S.;900123456-7;Obra;Ana Pérez\n"
       "CD-002-2026;Otra;ABC;Obra;Ana Pérez\n"
       "CD-003-2026;Tercera;123456;Obra;Carlos Ruiz\n").encode("latin-1")


@pytest.fixture
def clock(services: Services) -> Clock:
    clock = Clock(bogota(2026, 12, 4, 10))
    services.clock = clock
    return clock


async def _import(user, data: bytes = CSV):  # type: ignore[no-untyped-def]
    return await user.post("/consola/declaraciones/contratos",
                           files={"archivo": ("contratos.csv", data, "text/csv")})


async def test_import_flag_and_review(services: Services, clock, login_as: LoginAs) -> None:
    ana = await add_official(services, "Ana Pérez")
    await add_official(services, "Carlos Ruiz")
    await add_official(services, "Carlos Ruiz")
    async with services.db.session() as session:
        await preventive.file_preventive(
            session, person_id=ana, holder="pariente", counterparty="Constructora <b>Andina</b>",
            description="Mi hermano es el gerente de la empresa desde 2024.",
            now=bogota(2026, 12, 1, 9), tz=BOGOTA)
    user = await login_as("talento_humano")
    response = await _import(user)
    assert response.status_code == 200
    assert "Contratos nuevos: 2" in response.text and "filas rechazadas: 1" in response.text
    table = response.text.split('id="rechazadas"', 1)[1].split("</table>", 1)[0]
    assert '<td class="num">3</td>' in table and "NIT «ABC»" in table
    assert 'id="ambiguos"' in response.text and ": 4" in response.text
    assert "Constructora &lt;b&gt;Andina&lt;/b&gt;" in response.text
    assert "<b>Andina" not in response.text
    assert "DP-2026-0001" in response.text
    async with services.db.session() as session:
        flag = (await session.execute(select(ContractFlag))).scalar_one()
    short = await user.post(f"{URL}/{flag.id}/revision", {"nota": "corta"})
    assert short.status_code == 422 and "nota de revisión" in short.text
    saved = await user.post(f"{URL}/{flag.id}/revision",
                            {"nota": "Revisado con Jurídica: se cambió el supervisor."})
    assert saved.status_code == 303
    pending = await user.get(URL)
    assert "No hay alertas que coincidan." in pending.text
    reviewed = await user.get(URL, params={"revision": "revisadas"})
    assert "se cambió el supervisor" in reviewed.text
    assert (await user.get(URL, params={"revision": "otra"})).status_code == 400
    assert (await user.post(f"{URL}/999999/revision",
                            {"nota": "Una nota suficientemente larga."})).status_code == 404
    rerun = await user.post(URL)
    assert rerun.status_code == 303


async def test_bad_files_and_roles(services: Services, clock, login_as: LoginAs) -> None:
    user = await login_as("talento_humano")
    empty = await user.post("/consola/declaraciones/contratos")
    assert empty.status_code == 422 and "Elija el archivo" in empty.text
    missing = await _import(user, b"Contrato;Valor\n1;2\n")
    assert missing.status_code == 422 and "faltan columnas" in missing.text
    asesor = await login_as("asesor")
    page = await asesor.get(URL)
    assert page.status_code == 200 and 'name="archivo"' not in page.text
    assert (await _import(asesor)).status_code == 403
    auditor = await login_as("auditor")
    assert (await auditor.get(URL)).status_code == 403


async def test_a_company_flag_shows_the_contractors_own_declaration(
        services: Services, clock, login_as: LoginAs) -> None:  # type: ignore[no-untyped-def]
    """«empresa»: the supervisor named a company the contractor declared as theirs; the page
    says so (never an accusation), with that declaration and the legal representative."""
    ana = await add_official(services, "Ana Pérez")
    marta = await add_official(services, "Marta Ríos")
    async with services.db.session() as session:
        for person, holder, company in ((ana, "pariente", "Inversiones Sol"),
                                        (marta, "yo", "Inversiones Sol & Cía. S.A.S.")):
            await preventive.file_preventive(
                session, person_id=person, holder=holder, counterparty=company,
                description="Es la empresa de la familia desde hace años.",
                now=bogota(2026, 12, 1, 9), tz=BOGOTA)
    user = await login_as("talento_humano")
    response = await _import(user, (
        "Número del contrato;Contratista;NIT;Objeto;Supervisor;Nombre Representante Legal\n"
        "CD-9;Marta Ríos;;Apoyo;Ana Pérez;Marta <b>Ríos</b>\n").encode("latin-1"))
    assert response.status_code == 200 and "posibles conflictos nuevos para revisar: 1" in \
        response.text
    page = await user.get(URL)
    row = page.text.split('id="alertas"', 1)[1]
    assert "una empresa que el contratista o su representante legal declaró como suya" in row
    assert "DP-2026-0002" in row and "Inversiones Sol &amp; Cía. S.A.S." in row
    assert "Representante legal: Marta &lt;b&gt;Ríos&lt;/b&gt;" in row
