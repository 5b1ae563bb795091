"""What consultations tell the integrity report (``nucleo.report``): escalated questions of a
period answered by their due date. Not split by dependency: a consultation about a possible
conflict of interest in a small office would point at its author. Read only."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.consultas import messages
from bot.consultas.tables import ConsultationTicket
from nucleo.report import Figures, Period
from nucleo.report import messages as report_messages


@dataclass(frozen=True)
class ConsultationsOnTime:
    """Tickets opened in the period and answered on or before their due date."""

    key: str = "consultas.a_tiempo"
    label: str = messages.MEASURE_ON_TIME
    source: str = messages.MEASURE_ON_TIME_SOURCE
    unit: str = messages.MEASURE_ON_TIME_UNIT

    async def measure(self, session: AsyncSession, period: Period,
                      group_by_dependency: bool = False) -> Figures:
        rows = (await session.execute(
            select(ConsultationTicket.due_on, ConsultationTicket.answered_at)
            .where(ConsultationTicket.created_at >= period.start,
                   ConsultationTicket.created_at < period.end))).all()
        on_time = late = pending = 0
        for due_on, answered_at in rows:
            if answered_at is None:
                pending += 1
            elif answered_at.astimezone(period.tz).date() <= due_on:
                on_time += 1
            else:
                late += 1
        return Figures(value=on_time, total=len(rows),
                       details=((messages.MEASURE_OPENED, len(rows)),
                                (messages.MEASURE_ANSWERED, on_time + late),
                                (messages.MEASURE_LATE, late),
                                (messages.MEASURE_PENDING, pending)),
                       note=report_messages.NO_GROUPS if group_by_dependency else None)


PROVIDERS = (ConsultationsOnTime(),)
