"""What consultations tell the integrity report (``nucleo.report``): escalated questions of a
period answered by their due date. Not split by dependency: a consultation about a possible
conflict of interest in a small office would point at its author. Read only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.consultas import messages
from bot.consultas.tables import ConsultationTicket
from nucleo.formats import local_day
from nucleo.report import Figures, Period, per_period
from nucleo.report import messages as report_messages


@dataclass(frozen=True)
class ConsultationsOnTime:
    """Tickets opened in the period and answered on or before their due date."""

    key: str = "consultas.a_tiempo"
    label: str = messages.MEASURE_ON_TIME
    source: str = messages.MEASURE_ON_TIME_SOURCE
    unit: str = messages.MEASURE_ON_TIME_UNIT

    async def measure_series(self, session: AsyncSession,
                             periods: Sequence[Period]) -> list[Figures]:
        """Every period's figures from one query over the whole span (the Inicio trend)."""
        if not periods:
            return []
        counts = [[0, 0, 0] for _ in periods]  # on time, late, pending
        rows = await session.execute(per_period(periods, lambda index, p: select(
            index, ConsultationTicket.due_on, ConsultationTicket.answered_at).where(
                ConsultationTicket.created_at >= p.start, ConsultationTicket.created_at < p.end)))
        for index, due_on, answered_at in rows:
            if answered_at is None:
                counts[index][2] += 1
            elif local_day(answered_at, periods[index].tz) <= due_on:
                counts[index][0] += 1
            else:
                counts[index][1] += 1
        return [Figures(value=on_time, total=on_time + late + pending,
                        details=((messages.MEASURE_OPENED, on_time + late + pending),
                                 (messages.MEASURE_ANSWERED, on_time + late),
                                 (messages.MEASURE_LATE, late),
                                 (messages.MEASURE_PENDING, pending)))
                for on_time, late, pending in counts]

    async def measure(self, session: AsyncSession, period: Period,
                      group_by_dependency: bool = False) -> Figures:
        figures = (await self.measure_series(session, [period]))[0]
        return replace(figures, note=report_messages.NO_GROUPS if group_by_dependency else None)


PROVIDERS = (ConsultationsOnTime(),)
