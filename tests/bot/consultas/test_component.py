"""The desk component (bot/consultas/component.py) and its wiring in api/wiring.py."""

from __future__ import annotations

from tests.bot.consultas.desk import Clock, bogota, desk_service
from bot.consultas.component import ConsultationsComponent


async def test_the_component_loads_overrides_at_start_and_stops_cleanly(services):
    clock = Clock(bogota(2026, 9, 1, 6))
    desk = desk_service(services, clock)
    ticks: list[float] = []

    async def sleep(seconds: float) -> None:
        ticks.append(seconds)
        if len(ticks) > 2:
            raise RuntimeError("stop the loop in the test")

    component = ConsultationsComponent(desk, sleep=sleep)
    await component.start()
    await component.stop()
    await component.stop()


async def test_the_service_wiring_registers_the_port_and_loads_edits_at_start(services):
    from api.wiring import build_components
    from bot.consultas.service import ConsultationService
    from bot.consultas.tables import EntryOverride
    from nucleo.ports import CONSULTATIONS
    from tests.bot.consultas.desk import raffle_entry

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
