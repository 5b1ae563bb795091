"""What the declarations tell the integrity report (``nucleo.report``) and the plan de acción:
how many impediments, recusals and preventive declarations were filed in the period and how many
of those that must be decided were decided on time (not split by dependency: a declaration in a
small office would point at its author); and how many of those obliged filed their declaración
de bienes y rentas for the period's year, per dependency like the compliance page. Read only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.declaraciones import assets, messages
from bot.declaraciones.models import Declaration, DeclarationKind
from nucleo.asset_filings import BIENES_RENTAS
from nucleo.report import Figures, GroupFigure, Period
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


@dataclass(frozen=True)
class AssetFilingCompliance:
    """People obliged to file bienes y rentas for the year the period ends in who filed it
    (by any source: HR, an imported list, or self-reported in the chat), per dependency on
    request; the same list as the console's «Bienes y rentas» page (``assets.obliged``)."""

    key: str = "declaraciones.bienes"
    label: str = messages.MEASURE_ASSETS
    source: str = messages.MEASURE_ASSETS_SOURCE
    unit: str = messages.MEASURE_ASSETS_UNIT

    async def measure_series(self, session: AsyncSession,
                             periods: Sequence[Period]) -> list[Figures]:
        """Each period's figures: the compliance of the year it ends in, read once per year
        (a trend by year: periods of the same year say the same, a stock, not a flow)."""
        years: dict[int, Figures] = {}
        for period in periods:
            if period.until.year not in years:
                years[period.until.year] = await self.measure(session, period)
        return [years[period.until.year] for period in periods]

    async def measure(self, session: AsyncSession, period: Period,
                      group_by_dependency: bool = False) -> Figures:
        year = period.until.year
        people = await assets.obliged(session, year=year, kind=BIENES_RENTAS)
        groups, total = assets.by_department(people)
        self_reported = sum(1 for p in people if p.filed_on and p.source == "chat")
        return Figures(value=total.filed, total=total.obliged, details=(
            (messages.MEASURE_ASSETS_YEAR, year),
            (messages.MEASURE_ASSETS_OBLIGED, total.obliged),
            (messages.MEASURE_ASSETS_PENDING, total.pending),
            (messages.MEASURE_ASSETS_SELF_REPORTED, self_reported)),
            groups=tuple(GroupFigure(g.department or messages.MEASURE_ASSETS_NO_DEPARTMENT,
                                     g.filed, g.obliged) for g in groups)
            if group_by_dependency else ())


PROVIDERS = (DeclarationsRegister(), AssetFilingCompliance())
