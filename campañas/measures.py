"""What campaigns tell the integrity report (``nucleo.report``): how many people the campaigns
reached in a period, overall and per dependency. Read only."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from campañas import messages
from campañas.models import Delivery
from nucleo.models import Person
from nucleo.outbox import OutboxState
from nucleo.report import Figures, GroupFigure, Period
from nucleo.report.dependencies import active_people, dependency_names


@dataclass(frozen=True)
class CampaignReach:
    """People who received at least one campaign piece in the period / active people."""

    key: str = "campanas.alcance"
    label: str = messages.MEASURE_REACH
    source: str = messages.MEASURE_REACH_SOURCE
    unit: str = messages.MEASURE_REACH_UNIT

    async def measure(self, session: AsyncSession, period: Period,
                      group_by_dependency: bool = False) -> Figures:
        sent = (Delivery.state == OutboxState.ENVIADA.value,
                Delivery.sent_at >= period.start, Delivery.sent_at < period.end)
        deliveries, reached, pieces = (await session.execute(
            select(func.count(), func.count(distinct(Delivery.person_id)),
                   func.count(distinct(Delivery.piece_id))).where(*sent))).one()
        bases = await active_people(session)
        groups: tuple[GroupFigure, ...] = ()
        if group_by_dependency:
            # The people reached (read from the delivery index), then their dependencias:
            # a join of every delivery with its person took ~3 times as long (#19).
            reached_ids = select(Delivery.person_id).where(*sent)
            per = dict((await session.execute(
                select(Person.department_id, func.count())
                .where(Person.id.in_(reached_ids))
                .group_by(Person.department_id))).all())
            names = await dependency_names(session)
            keys = sorted(set(per) | set(bases), key=lambda k: names.get(k, "").casefold())
            groups = tuple(GroupFigure(names.get(k, messages.MEASURE_UNKNOWN), per.get(k, 0),
                                       bases.get(k, 0)) for k in keys)
        return Figures(value=reached, total=sum(bases.values()),
                       details=((messages.MEASURE_REACH_DELIVERIES, deliveries),
                                (messages.MEASURE_REACH_PIECES, pieces)),
                       groups=groups)


PROVIDERS = (CampaignReach(),)
