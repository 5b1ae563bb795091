"""What surveys tell the integrity report (``nucleo.report``): participation in the surveys
open during a period, and their results (``SurveyResultsMeasure``, in ``results_measure``). Per
dependency only with the surveys' own suppression rule (``results.merge_small_groups``): a group
with fewer than ``MIN_GROUP`` finished surveys is never shown on its own. Read only."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.encuestas import messages, states
from bot.encuestas.models import Survey, SurveyParticipation
from bot.encuestas.periods import open_during
from bot.encuestas.results import MIN_GROUP, merge_small_groups
from bot.encuestas.results_measure import SurveyResultsMeasure
from nucleo.models import Person
from nucleo.report import Figures, GroupFigure, Period
from nucleo.report.dependencies import dependency_names, name_order

FINISHED = "terminada"


def suppressed_groups(finished: dict[str, int],
                      invited: dict[str, int]) -> tuple[tuple[GroupFigure, ...], str | None]:
    """Rows per group with every group under ``MIN_GROUP`` finished surveys merged into
    «Otras» (complementary suppression); nothing when no group reaches the minimum."""
    sizes = {g: finished.get(g, 0) for g in set(finished) | set(invited)}
    shown, merged = merge_small_groups(sizes)
    if not shown:
        return (), messages.MEASURE_GROUPS_HIDDEN.format(k=MIN_GROUP)
    rows = [GroupFigure(g, sizes[g], invited.get(g, 0)) for g in sorted(shown, key=name_order)]
    if merged:
        rows.append(GroupFigure(messages.OTHER_GROUP, sum(sizes[g] for g in merged),
                                sum(invited.get(g, 0) for g in merged)))
    return tuple(rows), None


@dataclass(frozen=True)
class SurveyParticipationMeasure:
    """Finished surveys / invitations, for surveys open at some point of the period
    (``periods.open_during``: from the launch to the close, the days it really was open; one
    still open up to its planned closing day at most). A survey still open counts with its
    figures so far (the «En curso» detail); one closed early or launched late counts where it
    was open."""

    key: str = "encuestas.participacion"
    label: str = messages.MEASURE_PARTICIPATION
    source: str = messages.MEASURE_PARTICIPATION_SOURCE.format(k=MIN_GROUP)
    unit: str = messages.MEASURE_PARTICIPATION_UNIT

    async def measure(self, session: AsyncSession, period: Period,
                      group_by_dependency: bool = False) -> Figures:
        surveys = (select(Survey.id)
                   .where(Survey.status != states.BORRADOR, open_during(period))
                   ).scalar_subquery()
        in_period = SurveyParticipation.survey_id.in_(surveys)
        counts = dict((await session.execute(
            select(SurveyParticipation.status, func.count()).where(in_period)
            .group_by(SurveyParticipation.status))).all())
        n_surveys = await session.scalar(select(func.count()).select_from(Survey).where(
            Survey.id.in_(surveys))) or 0
        invited = sum(counts.values())
        finished = counts.get(FINISHED, 0)
        groups: tuple[GroupFigure, ...] = ()
        note = None
        if group_by_dependency:
            rows = (await session.execute(
                select(Person.department_id, SurveyParticipation.status, func.count())
                .outerjoin(Person, Person.id == SurveyParticipation.person_id).where(in_period)
                .group_by(Person.department_id, SurveyParticipation.status))).all()
            names = await dependency_names(session)
            by_finished: dict[str, int] = {}
            by_invited: dict[str, int] = {}
            for department_id, status, n in rows:
                name = names.get(department_id, messages.NO_DEPARTMENT)
                by_invited[name] = by_invited.get(name, 0) + n
                if status == FINISHED:
                    by_finished[name] = by_finished.get(name, 0) + n
            groups, note = suppressed_groups(by_finished, by_invited)
        return Figures(value=finished, total=invited,
                       details=((messages.MEASURE_SURVEYS, n_surveys),
                                (messages.MEASURE_INVITED, invited),
                                (messages.MEASURE_IN_PROGRESS, counts.get("en_curso", 0)),
                                (messages.MEASURE_FINISHED, finished)),
                       groups=groups, note=note)


PROVIDERS = (SurveyParticipationMeasure(), SurveyResultsMeasure())
