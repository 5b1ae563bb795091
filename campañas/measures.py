"""What campaigns tell the integrity report (``nucleo.report``): how many people the campaigns
reached in a period, overall and per dependency. Read only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import ColumnElement, distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from campañas import messages
from campañas.models import Delivery
from nucleo.models import Person
from nucleo.outbox import OutboxState
from nucleo.report import Figures, GroupFigure, Period, per_period
from nucleo.report.dependencies import active_people, dependency_names


def _sent(period: Period) -> tuple[ColumnElement[bool], ...]:
    """Deliveries confirmed sent within the period."""
    return (Delivery.state == OutboxState.ENVIADA.value, Delivery.sent_at >= period.start,
            Delivery.sent_at < period.end)


@dataclass(frozen=True)
class CampaignReach:
    """People who received at least one campaign piece in the period / active people."""

    key: str = "campanas.alcance"
    label: str = messages.MEASURE_REACH
    source: str = messages.MEASURE_REACH_SOURCE
    unit: str = messages.MEASURE_REACH_UNIT

    async def measure_series(self, session: AsyncSession,
                             periods: Sequence[Period]) -> list[Figures]:
        """Every period's reach from one statement, a row per period (the Inicio trend)."""
        if not periods:
            return []
        return await self._series(session, periods, await active_people(session))

    async def _series(self, session: AsyncSession, periods: Sequence[Period],
                      bases: dict[int | None, int]) -> list[Figures]:
        rows = {index: (deliveries, reached, pieces)
                for index, deliveries, reached, pieces in (await session.execute(per_period(
                    periods, lambda index, p: select(
                        index, func.count(), func.count(distinct(Delivery.person_id)),
                        func.count(distinct(Delivery.piece_id))).where(*_sent(p))))).all()}
        total = sum(bases.values())
        return [Figures(value=reached, total=total,
                        details=((messages.MEASURE_REACH_DELIVERIES, deliveries),
                                 (messages.MEASURE_REACH_PIECES, pieces)))
                for deliveries, reached, pieces in (rows[i] for i in range(len(periods)))]

    async def measure(self, session: AsyncSession, period: Period,
                      group_by_dependency: bool = False) -> Figures:
        bases = await active_people(session)
        figures = (await self._series(session, [period], bases))[0]
        if not group_by_dependency:
            return figures
        # The people reached (read from the delivery index), then their dependencias:
        # a join of every delivery with its person took ~3 times as long (#19).
        reached_ids = select(Delivery.person_id).where(*_sent(period))
        per = dict((await session.execute(
            select(Person.department_id, func.count())
            .where(Person.id.in_(reached_ids))
            .group_by(Person.department_id))).all())
        names = await dependency_names(session)
        keys = sorted(set(per) | set(bases), key=lambda k: names.get(k, "").casefold())
        groups = tuple(GroupFigure(names.get(k, messages.MEASURE_UNKNOWN), per.get(k, 0),
                                   bases.get(k, 0)) for k in keys)
        return replace(figures, groups=groups)


PROVIDERS = (CampaignReach(),)
