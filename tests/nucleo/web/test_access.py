"""The Jurídica / Control Interno role (#18): it keeps the declarations register (reads, decides,
exports, reads the cross-check flags) and reaches nothing else of Talento Humano's; the register's
keepers' digest reaches it too. The whole role matrix is walked in tests/api/console/test_access.py."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bot.declaraciones import keepers, reminders
from bot.declaraciones.models import Declaration
from bot.models import OutboxMessage
from bot.service import ensure_notifier
from nucleo.business_days import BusinessCalendar
from nucleo.models import AuditEntry, Role, StaffAccount
from nucleo.services import Services
from nucleo.web import access
from tests.bot.consultas.desk import Clock, RecordingSender, bogota
from tests.bot.declaraciones.helpers import add_person, file_one, new_staff
from tests.web.console import LoginAs

JURIDICA = Role.JURIDICA.value
KEEPS = ("declaraciones", "declaraciones.decidir", "declaraciones.exportar",
         "declaraciones.cruce", "declaraciones.zonas", "inicio", "cuenta", "cuenta.clave",
         "salir")


def test_the_role_keeps_the_register_and_nothing_else() -> None:
    assert {key for key in access.PAGES if access.allowed(key, JURIDICA)} == set(KEEPS)
    assert [label for _k, label, _p in access.navigation(JURIDICA)] == [
        "Inicio", "Declaraciones", "Zonas de riesgo", "Mi cuenta"]
    for key in ("consultas", "consultas.base", "consultas.probar", "encuestas", "campanas",
                "directorio", "directorio.editar", "sugerencias", "sesiones", "personal",
                "auditoria", "declaraciones.contratos", "declaraciones.bienes"):
        assert not access.allowed(key, JURIDICA), key


@pytest.fixture
def clock(services: Services) -> Clock:
    clock = Clock(bogota(2026, 12, 22, 9))  # the declaration below is overdue
    services.clock = clock
    ensure_notifier(services)
    return clock


async def test_a_keeper_of_the_role_decides_and_exports(services, clock,
                                                        login_as: LoginAs) -> None:
    person = await add_person(services)
    filed = await file_one(services, person, bogota(2026, 12, 4, 10))
    user = await login_as(JURIDICA)
    home = await user.get("/consola/")
    assert home.status_code == 200
    assert 'href="/consola/consultas' not in home.text  # no consultations card or entry
    assert (await user.get("/consola/consultas")).status_code == 403
    assert (await user.get("/consola/encuestas")).status_code == 403
    assert (await user.get("/consola/directorio")).status_code == 403
    form = {"resultado": "rechazada", "decision": "No se configura la causal alegada."}
    asked = await user.post(f"/consola/declaraciones/{filed.id}/decidir", form)
    assert asked.status_code == 200 and "Sí, decidir" in asked.text
    done = await user.post(f"/consola/declaraciones/{filed.id}/decidir",
                           {**form, "confirmar": "si"})
    assert done.status_code == 303
    export = await user.get("/consola/declaraciones/exportar.xlsx")
    assert export.status_code == 200
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == "DI-2026-0001"
    async with services.db.session() as session:
        saved = await session.get(Declaration, filed.id)
        queued = (await session.execute(select(OutboxMessage))).scalars().all()
        decided = await session.scalar(select(AuditEntry).where(
            AuditEntry.action == "declaraciones.decidir"))
    assert saved is not None and saved.state == "decidida" and saved.outcome == "rechazada"
    assert [q.person_id for q in queued] == [person]  # the declarant hears it in the chat
    assert decided is not None and decided.actor_id == user.account.id


async def test_the_keepers_digest_reaches_the_role(services) -> None:
    assert JURIDICA in keepers.DECIDING_ROLES
    account = await new_staff(services, role=JURIDICA, email="juridica@alcaldia.gov.co")
    async with services.db.session() as session:
        again = await session.get(StaffAccount, account.id)
        assert again is not None
        again.telegram_chat_id = 31
        await session.commit()
    person = await add_person(services)
    await file_one(services, person, bogota(2026, 12, 4, 9))  # due Monday 21 December
    sender = RecordingSender()
    async with services.db.session() as session:
        run = await reminders.send_reminders(session, today=date(2026, 12, 22),
                                             calendar=BusinessCalendar(), days_before=2,
                                             sender=sender, notifier=None)
    assert run.digest == ["DI-2026-0001"] and [chat for chat, _ in sender.sent] == [31]
