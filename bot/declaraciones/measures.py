"""What the declarations tell the integrity report (``nucleo.report``) and the plan de acción:
how many impediments, recusals and preventive declarations were filed in the period and how many
of those that must be decided were decided on time (not split by dependency: a declaration in a
small office would point at its author); and how many of those obliged filed their declaración
de bienes y rentas for the period's year, per dependency like the compliance page. Read only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.declaraciones import assets, messages
from bot.declaraciones.models import AssetFiling, Declaration, DeclarationKind
from nucleo.asset_filings import BIENES_RENTAS, must_file
from nucleo.formats import local_day
from nucleo.models import Person
from nucleo.report import Figures, GroupFigure, Period, per_period_rows
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
            if local_day(decided_at, period.tz) <= due_on:
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
        """Each period's figures, the compliance of the year it ends in (a trend by year:
        periods of the same year say the same, a stock, not a flow), from one statement with
        a row per period counting what ``assets.obliged`` lists (the Inicio trend; reading
        the list once per year took 40–100 ms for five years and 3,000 people)."""
        def statement(index: ColumnElement[int], period: Period) -> Select[*tuple[Any, ...]]:
            year = period.until.year
            filing = and_(AssetFiling.person_id == Person.id, AssetFiling.year == year,
                          AssetFiling.kind == BIENES_RENTAS)
            filed = AssetFiling.filed_on.is_not(None)
            return (select(index, func.count(), func.count().filter(filed),
                           func.count().filter(filed, AssetFiling.source == "chat"))
                    .select_from(Person).outerjoin(AssetFiling, filing)
                    .where(must_file(BIENES_RENTAS, AssetFiling.required.is_(True))))

        found = await per_period_rows(session, periods, statement)
        return [self._figures(period.until.year, obliged, filed, chat)
                for period, ((obliged, filed, chat),) in zip(periods, found, strict=True)]

    @staticmethod
    def _figures(year: int, obliged: int, filed: int, self_reported: int) -> Figures:
        return Figures(value=filed, total=obliged, details=(
            (messages.MEASURE_ASSETS_YEAR, year),
            (messages.MEASURE_ASSETS_OBLIGED, obliged),
            (messages.MEASURE_ASSETS_PENDING, obliged - filed),
            (messages.MEASURE_ASSETS_SELF_REPORTED, self_reported)))

    async def measure(self, session: AsyncSession, period: Period,
                      group_by_dependency: bool = False) -> Figures:
        year = period.until.year
        people = await assets.obliged(session, year=year, kind=BIENES_RENTAS)
        groups, total = assets.by_department(people)
        self_reported = sum(1 for p in people if p.filed_on and p.source == "chat")
        figures = self._figures(year, total.obliged, total.filed, self_reported)
        if not group_by_dependency:
            return figures
        return replace(figures, groups=tuple(
            GroupFigure(g.department or messages.MEASURE_ASSETS_NO_DEPARTMENT, g.filed,
                        g.obliged) for g in groups))


PROVIDERS = (DeclarationsRegister(), AssetFilingCompliance())
