"""The one registry of /misdatos sections (nucleo/personal_data.py) and the modules' sections."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from api.wiring import register_personal_data
from nucleo.personal_data import PersonalData, personal_data
from nucleo.services import Services

TZ = ZoneInfo("America/Bogota")


async def _one(_session: AsyncSession, person_id: int, _tz: ZoneInfo) -> str:
    return f"• uno: {person_id}"


async def _empty(_session: AsyncSession, _person_id: int, _tz: ZoneInfo) -> str:
    return ""


async def test_sections_in_order_once_and_the_empty_ones_left_out() -> None:
    data = PersonalData()
    for section in (_one, _empty, _one):
        data.add(section)
    assert await data.lines(None, 7, TZ) == ["• uno: 7"]  # type: ignore[arg-type]  # these sections never read it


async def test_every_module_says_what_it_keeps_of_nobody(services: Services) -> None:
    """A person with nothing: each module still counts 0 (sessions say nothing), in one
    statement each, on both engines; registering twice adds nothing."""
    register_personal_data(services)
    register_personal_data(services)
    async with services.db.session() as session:
        lines = await personal_data(services).lines(session, 999, TZ)
    assert lines == ["• Sugerencias: 0; comentarios en el foro: 0",
                     "• Encuestas terminadas: 0 (qué respondió no se guarda con su nombre)",
                     "• Mensajes de campañas recibidos: 0"]
