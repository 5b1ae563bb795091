"""What campaigns tell the integrity report (``nucleo.report``): how many people the campaigns
reached in a period, overall and per dependency. Read only.

The report's one long period (a year: ~130,000 deliveries for 3,000 people) probes each person
and each piece in an index that starts with it (``ix_campaign_deliveries_person_sent`` /
``_piece_sent``), the people per dependency and their total in one statement; sorting every
delivery of the year to count people and pieces once, twice with the groups, took 3–4 times as
long (#19). The trend's short periods (weeks) sort their deliveries instead: 3,000 probes per
week cost more than a week's deliveries. Both count the same (``tests/informe``)"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import ColumnElement, distinct, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from campañas import messages
from campañas.models import Delivery, Piece
from nucleo.models import Person
from nucleo.outbox import OutboxState
from nucleo.report import Figures, Period, per_period_rows
from nucleo.report.dependencies import active_people, dependency_names, dependency_rows


def _sent(period: Period) -> tuple[ColumnElement[bool], ...]:
    """Deliveries confirmed sent within the period."""
    return (Delivery.state == OutboxState.ENVIADA.value, Delivery.sent_at >= period.start,
            Delivery.sent_at < period.end)


def _probe(match: ColumnElement[bool], period: Period) -> ColumnElement[bool]:
    """Whether a delivery matching ``match`` was sent in the period: one probe per row of the
    outer table. A scalar subquery with LIMIT 1, not EXISTS: PostgreSQL turns an EXISTS into a
    join, and with the generic plan of a prepared statement (after five runs) hashed every
    delivery of the period again (145–175 ms; probing, 1 ms for the pieces, #19)."""
    return select(literal(1)).where(match, *_sent(period)).limit(1) \
        .scalar_subquery().is_not(None)


async def _sorted(session: AsyncSession, periods: Sequence[Period]
                  ) -> list[tuple[int, int, int]]:
    """(deliveries, people reached, pieces) for each period, every delivery of the period
    counted once: cheap for the short periods of a trend (a week's ~3,000 deliveries)."""
    return [(sent, reached, pieces) for ((sent, reached, pieces),) in await per_period_rows(
        session, periods, lambda index, p: select(
            index, func.count(), func.count(distinct(Delivery.person_id)),
            func.count(distinct(Delivery.piece_id))).where(*_sent(p)))]


async def _probed(session: AsyncSession, period: Period
                  ) -> tuple[int, int, dict[int | None, int]]:
    """(deliveries, pieces, people reached per dependency) for one period, the people and
    pieces probed: cheap for a long period (the report's year, ~130,000 deliveries), whose
    deliveries sorting took 4 times as long, twice with the groups."""
    sent = await session.scalar(select(func.count()).where(*_sent(period))) or 0
    pieces = await session.scalar(select(func.count()).select_from(Piece).where(
        _probe(Delivery.piece_id == Piece.id, period))) or 0
    per = dict((await session.execute(select(Person.department_id, func.count())
                                      .where(_probe(Delivery.person_id == Person.id, period))
                                      .group_by(Person.department_id))).all())
    return sent, pieces, per


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
        total = sum((await active_people(session)).values())
        return [self._figures(sent, pieces, reached, total)
                for sent, reached, pieces in await _sorted(session, periods)]

    @staticmethod
    def _figures(sent: int, pieces: int, reached: int, total: int) -> Figures:
        return Figures(value=reached, total=total,
                       details=((messages.MEASURE_REACH_DELIVERIES, sent),
                                (messages.MEASURE_REACH_PIECES, pieces)))

    async def measure(self, session: AsyncSession, period: Period,
                      group_by_dependency: bool = False) -> Figures:
        bases = await active_people(session)
        sent, pieces, per = await _probed(session, period)
        figures = self._figures(sent, pieces, sum(per.values()), sum(bases.values()))
        if not group_by_dependency:
            return figures
        groups = dependency_rows(per, bases, await dependency_names(session))
        return replace(figures, groups=groups)


PROVIDERS = (CampaignReach(),)
