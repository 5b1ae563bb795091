"""What the register tells the integrity report (``nucleo.report``): how many impediments,
recusals and preventive declarations were filed in the period and how many of those that must
be decided were decided on time. Not split by dependency: a declaration in a small office would
point at its author. Read only."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.declaraciones import messages
from bot.declaraciones.models import Declaration, DeclarationKind
from nucleo.report import Figures, Period
from nucleo.report import messages as report_messages


@dataclass(frozen=True)
class DeclarationsRegister:
    """Rows filed in the period, by kind, and the decisions taken by their due date."""

    key: str = "declaraciones.registro"
    label: str = messages.MEASURE_REGISTER
    source: str = messages.MEASURE_REGISTER_SOURCE
    unit: str = messages.MEASURE_REGISTER_UNIT

    async def measure(self, session: AsyncSession, period: Period,
                      group_by_dependency: bool = False) -> Figures:
        rows = (await session.execute(
            select(Declaration.kind, Declaration.due_on, Declaration.decided_at)
            .where(Declaration.created_at >= period.start,
                   Declaration.created_at < period.end))).all()
        counts = {kind.value: 0 for kind in DeclarationKind}
        on_time = late = 0
        for kind, due_on, decided_at in rows:
            counts[kind] = counts.get(kind, 0) + 1
            if decided_at is None or due_on is None:
                continue
            if decided_at.astimezone(period.tz).date() <= due_on:
                on_time += 1
            else:
                late += 1
        return Figures(value=len(rows), details=(
            (messages.MEASURE_IMPEDIMENTS,
             counts[DeclarationKind.IMPEDIMENTO] + counts[DeclarationKind.CONFLICTO]),
            (messages.MEASURE_RECUSALS, counts[DeclarationKind.RECUSACION]),
            (messages.MEASURE_PREVENTIVE, counts[DeclarationKind.PREVENTIVA]),
            (messages.MEASURE_ON_TIME, on_time),
            (messages.MEASURE_LATE, late)),
            note=report_messages.NO_GROUPS if group_by_dependency else None)


PROVIDERS = (DeclarationsRegister(),)
