"""The desk component (bot/consultas/component.py): its background loop, driven step by step
through an injected sleep, and its wiring in api/wiring.py."""

from __future__ import annotations

import asyncio
from datetime import date

from sqlalchemy import select

from bot.consultas.component import ConsultationsComponent
from bot.consultas.tables import ConsultationTicket, EntryOverride
from nucleo.models import StaffAccount
from nucleo.staff import create_staff
from tests.bot.consultas.desk import Clock, RecordingSender, bogota, desk_service, raffle_entry


class Steps:
    """The component's sleep, driven by the test: every call is recorded and waits until the
    test lets the loop take its next step."""

    def __init__(self) -> None:
        self.calls: list[float] = []
        self._asleep: asyncio.Queue[asyncio.Future[None]] = asyncio.Queue()

    async def sleep(self, seconds: float) -> None:
        self.calls.append(seconds)
        wake = asyncio.get_running_loop().create_future()
        await self._asleep.put(wake)
        await wake

    async def next(self) -> asyncio.Future[None]:
        """Wait until the loop has finished a pass and sleeps; returns its wake-up."""
        return await asyncio.wait_for(self._asleep.get(), 10)


async def _edit(services, phrasing: str, version: int) -> None:
    data = raffle_entry()
    data["phrasings"] = [phrasing, *data["phrasings"][1:]]
    async with services.db.session() as session:
        row = await session.get(EntryOverride, 1)
        if row is None:
            session.add(EntryOverride(entry_id="rifas_proveedores", data=data, version=version,
                                      updated_at=bogota(2026, 9, 1, 5)))
        else:
            row.data, row.version = data, version
        await session.commit()


def _phrasings(desk) -> list[str]:
    return list(desk.store.kb.get("rifas_proveedores").phrasings)


async def test_the_loop_reloads_edits_reminds_once_a_day_and_survives_a_failing_pass(services):
    clock = Clock(bogota(2026, 9, 1, 6))  # a Tuesday, before the reminder hour
    desk = desk_service(services, clock, reload_seconds=30, reminder_hour=8)
    await _edit(services, "cuadro de apuestas del contratista de aseo", version=1)
    async with services.db.session() as session:
        session.add(ConsultationTicket(question="secreto", anonymous=True, status="abierto",
                                       due_on=date(2026, 9, 2), created_at=bogota(2026, 8, 1, 9)))
        await session.commit()
        await create_staff(session, email="asesor@alcaldia.gov.co", full_name="Asesor",
                           role="asesor", password="clave-segura-123")
        account = await session.scalar(select(StaffAccount))
        account.telegram_chat_id = 11
        await session.commit()
    sender, steps = RecordingSender(), Steps()
    component = ConsultationsComponent(desk, sender=lambda: sender, sleep=steps.sleep)

    await component.start()  # the edit made before the start is loaded at once
    assert _phrasings(desk)[0] == "cuadro de apuestas del contratista de aseo"
    wake = await steps.next()  # first pass: 6:00 is before the reminder hour
    assert steps.calls == [30] and sender.sent == []

    await _edit(services, "polla mundialista del interventor", version=2)  # another process
    clock.now = bogota(2026, 9, 1, 8, 1)
    wake.set_result(None)
    wake = await steps.next()  # second pass: the edit is loaded and the advisor reminded
    assert _phrasings(desk)[0] == "polla mundialista del interventor"
    assert [chat for chat, _ in sender.sent] == [11] and "secreto" not in sender.sent[0][1]

    wake.set_result(None)
    wake = await steps.next()  # the same day: no second reminder
    assert len(sender.sent) == 1 and component.last_reminder_day == date(2026, 9, 1)

    original, failures = desk.store.refresh, []

    async def failing_refresh(session, *, force: bool = False) -> bool:
        failures.append(force)
        raise OSError("database gone for a moment")

    desk.store.refresh = failing_refresh
    wake.set_result(None)
    wake = await steps.next()  # the failing pass is logged and the loop sleeps on
    assert failures == [False] and steps.calls == [30, 30, 30, 30]
    desk.store.refresh = original

    await component.stop()  # cancels the sleeping loop
    assert wake.cancelled() and component._task is None
    await component.stop()  # a second stop is harmless


async def test_the_service_wiring_registers_the_port_and_loads_edits_at_start(services):
    from api.wiring import build_components
    from bot.consultas.service import ConsultationService
    from nucleo.ports import CONSULTATIONS

    async with services.db.session() as session:
        session.add(EntryOverride(entry_id="rifas_proveedores", data=raffle_entry(), version=1,
                                  updated_at=bogota(2026, 9, 1, 8)))
        await session.commit()
    components = build_components(services)
    service = services.get(CONSULTATIONS)
    assert isinstance(service, ConsultationService)
    for component in components:
        await component.start()
    try:
        reply = service.answer("puedo jugar la rifa del proveedor en navidad")
        assert reply.entry_id == "rifas_proveedores"
    finally:
        for component in reversed(components):
            await component.stop()
