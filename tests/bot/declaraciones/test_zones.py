"""Risk zones (bot/declaraciones/zones.py and its console page): counts per dependencia and
kind in a period, recusals in the recused official's dependencia, small groups without numbers."""

from __future__ import annotations

from datetime import date

from bot.declaraciones import preventive, zones
from nucleo.services import Services
from tests.bot.consultas.desk import BOGOTA, bogota
from tests.bot.declaraciones.helpers import add_official, file_one, file_recusal
from tests.web.console import LoginAs


async def _fill(services: Services) -> None:
    hacienda = await add_official(services, "Ana Pérez", department="Secretaría de Hacienda")
    obras = await add_official(services, "Luis Gómez", department="Secretaría de Obras")
    for day in range(1, 5):
        await file_one(services, hacienda, bogota(2026, 12, day, 9))
    async with services.db.session() as session:
        await preventive.file_preventive(
            session, person_id=hacienda, holder="yo", counterparty="Constructora Andina",
            description="Soy socia minoritaria de la empresa desde 2020.",
            now=bogota(2026, 12, 4, 10), tz=BOGOTA)
    await file_one(services, obras, bogota(2026, 12, 2, 9))
    await file_recusal(services, bogota(2026, 12, 3, 9), recused_person_id=obras)
    await file_one(services, hacienda, bogota(2026, 11, 30, 9))  # before the period


async def test_counts_per_dependency_and_small_groups(services: Services) -> None:
    await _fill(services)
    async with services.db.session() as session:
        found = await zones.risk_zones(session, since=date(2026, 12, 1), until=date(2026, 12, 31),
                                       tz=BOGOTA)
        everything = await zones.risk_zones(session, tz=BOGOTA)
    [hacienda] = found.shown
    assert hacienda.department == "Secretaría de Hacienda"
    assert hacienda.counts == {"impedimento": 4, "preventiva": 1} and hacienda.total == 5
    [obras] = found.small
    assert obras.department == "Secretaría de Obras" and obras.total == 2
    assert found.totals == {"impedimento": 4, "preventiva": 1}
    assert everything.shown[0].total == 6


async def test_console_page(services: Services, login_as: LoginAs) -> None:
    await _fill(services)
    auditor = await login_as("auditor")
    page = await auditor.get("/consola/declaraciones/zonas",
                             params={"desde": "2026-12-01", "hasta": "2026-12-31"})
    assert page.status_code == 200
    table = page.text.split('id="zonas"', 1)[1].split("</table>", 1)[0]
    assert "Secretaría de Hacienda" in table and "Secretaría de Obras" not in table
    assert "Ana Pérez" not in page.text
    small = page.text.split('id="pequenas"', 1)[1].split("</p>", 1)[0]
    assert "Secretaría de Obras" in small and "2" not in small.replace("menos de 5", "")
    bad = await auditor.get("/consola/declaraciones/zonas",
                            params={"desde": "2026-12-31", "hasta": "2026-12-01"})
    assert bad.status_code == 400
    assert (await auditor.get("/consola/declaraciones/zonas",
                              params={"desde": "ayer"})).status_code == 400
