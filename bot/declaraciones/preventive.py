"""Preventive declarations (Función Pública's guide, «conflicto potencial»): a servant or
contractor records, before any matter exists, a particular interest that could one day clash
with their duties (e.g. a brother working for a contractor of the entity). Same register and
state machine (kind ``preventiva``, radicado ``DP-AAAA-NNNN``), state ``registrada``: nothing is
suspended and nothing is decided; the person withdraws it when it no longer applies. Filing
one, or saying «sin novedad», is the person's yearly preventive declaration (``assets``, kind
``preventiva``): the reminder campaigns stop reaching them for the year. After the commit the
contracts cross-check runs again for the declarant (``contracts.listen``)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.declaraciones import actions, assets, contracts, messages
from bot.declaraciones.models import Declaration, DeclarationKind, DeclarationState
from nucleo.db import commit, signal
from nucleo.errors import InvalidInput
from nucleo.formats import local_day

HOLDERS = ("yo", "conyuge", "pariente", "socio")


async def file_preventive(session: AsyncSession, *, person_id: int, holder: str,
                          counterparty: str, description: str, now: datetime,
                          tz: ZoneInfo) -> Declaration:
    """Register a preventive declaration with the next ``DP`` radicado of the year."""
    if holder not in HOLDERS:
        raise InvalidInput(messages.BAD_HOLDER, details={"field": "interest_holder"})
    other = actions.check_name(counterparty, field="counterparty")
    today = local_day(now, tz)
    series = actions.SERIES[DeclarationKind.PREVENTIVA]
    number = await actions._next_number(session, series, today.year)
    declaration = Declaration(
        radicado=actions.radicado(today.year, number, series), series=series, year=today.year,
        number=number, person_id=person_id, kind=DeclarationKind.PREVENTIVA.value,
        matter=messages.PREVENTIVE_MATTER.format(counterparty=other)[:actions.MATTER[1]],
        description=actions.check_description(description),
        deciding_office=messages.PREVENTIVE_OFFICE, state=DeclarationState.REGISTRADA.value,
        created_at=now, due_on=None, interest_holder=holder, counterparty=other)
    session.add(declaration)
    await assets.record_preventive_year(session, person_id=person_id, year=today.year,
                                        filed_on=today, now=now, source="declaracion")
    signal(session, contracts.PREVENTIVE_FILED, person_id)  # the cross-check, after the commit
    await commit(session)
    return declaration
