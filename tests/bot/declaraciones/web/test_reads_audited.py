"""Every read of declarations is audited (#18): a page of the register (console and API) and
the cross-check's flags leave one audit row per view with the filters and how many were shown,
never whose they are; the audit page says it in Spanish."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.declaraciones import preventive
from nucleo.models import AuditEntry
from nucleo.services import Services
from tests.bot.consultas.desk import BOGOTA, Clock, bogota
from tests.bot.declaraciones.helpers import add_official, add_person, file_one
from tests.web.console import LoginAs

URL = "/consola/declaraciones"


@pytest.fixture
def clock(services: Services) -> Clock:
    clock = Clock(bogota(2026, 12, 22, 9))
    services.clock = clock
    return clock


async def _entries(services: Services, action: str) -> list[AuditEntry]:
    async with services.db.session() as session:
        return list((await session.execute(select(AuditEntry).where(
            AuditEntry.action == action).order_by(AuditEntry.id))).scalars())


async def test_each_view_of_the_register_is_one_audit_row(services, clock,
                                                          login_as: LoginAs) -> None:
    person = await add_person(services)
    await file_one(services, person, bogota(2026, 12, 4, 10))
    await file_one(services, person, bogota(2026, 12, 21, 10), matter="Permiso de obra 77")
    user = await login_as("juridica")
    assert (await user.get(URL)).status_code == 200
    filtered = await user.get(URL, params={"vencidas": "si", "causal": "0",
                                           "desde": "2026-12-01"})
    assert filtered.status_code == 200
    assert (await user.get(URL, params={"estado": "otra"})).status_code == 400  # no read
    assert (await user.get(URL, params={"tipo": "preventiva"})).status_code == 200
    assert (await user.get(URL, params={"clase": "permiso"})).status_code == 200
    first, second, third, fourth = await _entries(services, "declaraciones.listar")
    assert fourth.details["clase"] == "permiso"  # as the export and the API record it
    assert first.actor_id == user.account.id and first.target_type is None
    assert first.details == {"via": "consola", "total": 2, "pagina": 1, "mostradas": 2}
    assert second.details == {"via": "consola", "vencidas": "si", "desde": "2026-12-01",
                              "causal": "0", "total": 1, "pagina": 1, "mostradas": 1}
    assert third.details["tipo"] == "preventiva" and third.details["mostradas"] == 0
    assert "Ana" not in str([e.details for e in (first, second, third)])
    admin = await login_as("admin")
    audit_page = await admin.get("/consola/auditoria", params={"accion": "declaraciones.listar"})
    table = audit_page.text.split('id="auditoria"', 1)[1]
    assert "Consultó el registro de declaraciones" in table
    assert "<b>declaraciones mostradas</b>: 1" in table and "<b>por</b>: la consola" in table


async def test_the_api_list_is_audited_too(api, services, clock, staff_headers) -> None:
    person = await add_person(services)
    await file_one(services, person, bogota(2026, 12, 4, 10))
    headers = await staff_headers("juridica")
    listed = await api.get("/api/v1/declarations", headers=headers,
                           params={"overdue": "true", "department_id": 999, "limit": 5})
    assert listed.status_code == 200 and listed.json()["total"] == 0
    assert (await api.get("/api/v1/declarations", headers=headers)).json()["total"] == 1
    empty, full = await _entries(services, "declaraciones.listar")
    assert empty.details == {"via": "api", "vencidas": "si", "dependencia": 999, "total": 0,
                             "offset": 0, "mostradas": 0}
    assert full.details == {"via": "api", "total": 1, "offset": 0, "mostradas": 1}


async def test_the_cross_check_flags_are_audited(api, services, login_as: LoginAs,
                                                 staff_headers) -> None:
    services.clock = Clock(bogota(2026, 12, 4, 10))
    ana = await add_official(services, "Ana Pérez")
    async with services.db.session() as session:
        await preventive.file_preventive(
            session, person_id=ana, holder="pariente", counterparty="Constructora Andina",
            description="Mi hermano es el gerente de la empresa desde 2024.",
            now=bogota(2026, 12, 1, 9), tz=BOGOTA)
    user = await login_as("juridica")
    assert (await user.get("/consola/declaraciones/cruce")).status_code == 200
    assert (await user.get("/consola/declaraciones/cruce",
                           params={"revision": "todas"})).status_code == 200
    flags = await api.get("/api/v1/declarations/contracts/flags",
                          headers=await staff_headers("juridica"), params={"reviewed": "false"})
    assert flags.status_code == 200 and flags.json() == []
    pending, every, by_api = await _entries(services, "declaraciones.cruce.leer")
    assert pending.details == {"via": "consola", "alertas": "pendientes", "mostradas": 0}
    assert every.details["alertas"] == "todas"
    assert by_api.details == {"via": "api", "revisadas": False, "offset": 0, "mostradas": 0}
