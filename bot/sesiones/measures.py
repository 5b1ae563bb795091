"""What the sessions tell the integrity report (``nucleo.report``): sensitization sessions held
in a period and the distinct people who attended them, overall and per dependencia. Read only.

*Held*: not cancelled, started within the period, with at least one attendance recorded (the
list is the evidence that it took place); its base is the sessions scheduled (not cancelled)
in the period, so the percentage says how many of the planned sessions took place. Per
dependencia, a session counts for each dependencia it was for (none: «Toda la entidad»).

*Attended*: distinct people with an attendance in such a session, over the active people of the
directory; per dependencia, the person's current one, or the one recorded at check-in when the
person asked to be forgotten (the row stays without a person and counts as one person).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import ColumnElement, and_, distinct, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.sesiones import messages
from bot.sesiones.models import Attendance, SensitizationSession, SessionDepartment
from nucleo.models import Person
from nucleo.report import Figures, GroupFigure, Period
from nucleo.report.dependencies import active_people, dependency_names

S = SensitizationSession


def _in_period(period: Period) -> tuple[ColumnElement[bool], ...]:
    return (S.starts_at >= period.start, S.starts_at < period.end)


_HAS_ATTENDANCE = exists().where(Attendance.session_id == S.id)


def _sorted_groups(values: dict[int | None, int], bases: dict[int | None, int],
                   names: dict[int | None, str], none_label: str) -> tuple[GroupFigure, ...]:
    keys = sorted(set(values) | set(bases),
                  key=lambda k: (k is None, names.get(k, "").casefold()))
    return tuple(GroupFigure(names.get(k, none_label) if k is not None else none_label,
                             values.get(k, 0), bases.get(k, 0)) for k in keys)


@dataclass(frozen=True)
class SessionsHeld:
    """Sessions held in the period / sessions scheduled (not cancelled) in it."""

    key: str = "sesiones.realizadas"
    label: str = messages.MEASURE_HELD
    source: str = messages.MEASURE_HELD_SOURCE
    unit: str = messages.MEASURE_HELD_UNIT

    async def measure(self, session: AsyncSession, period: Period,
                      group_by_dependency: bool = False) -> Figures:
        live = S.cancelled_at.is_(None)
        held_filter = and_(live, _HAS_ATTENDANCE)
        scheduled, held, cancelled = (await session.execute(
            select(func.count().filter(live), func.count().filter(held_filter),
                   func.count().filter(S.cancelled_at.is_not(None)))
            .where(*_in_period(period)))).one()
        figures = Figures(value=held, total=scheduled, details=(
            (messages.MEASURE_SCHEDULED, scheduled), (messages.MEASURE_CANCELLED, cancelled)))
        if not group_by_dependency:
            return figures
        rows = (await session.execute(
            select(SessionDepartment.department_id, func.count(), func.count().filter(
                _HAS_ATTENDANCE))
            .select_from(S).outerjoin(SessionDepartment, SessionDepartment.session_id == S.id)
            .where(live, *_in_period(period)).group_by(SessionDepartment.department_id))).all()
        names = await dependency_names(session)
        groups = _sorted_groups({d: h for d, _s, h in rows}, {d: s for d, s, _h in rows}, names,
                                messages.MEASURE_WHOLE_ENTITY)
        return replace(figures, groups=groups)


@dataclass(frozen=True)
class PeopleAttended:
    """Distinct people who attended a session of the period / active people."""

    key: str = "sesiones.asistentes"
    label: str = messages.MEASURE_ATTENDED
    source: str = messages.MEASURE_ATTENDED_SOURCE
    unit: str = messages.MEASURE_ATTENDED_UNIT

    async def measure(self, session: AsyncSession, period: Period,
                      group_by_dependency: bool = False) -> Figures:
        department = func.coalesce(Person.department_id, Attendance.department_id)
        people = func.count(distinct(Attendance.person_id)) \
            + func.count().filter(Attendance.person_id.is_(None))
        total_people = (await session.execute(
            select(people, func.count()).select_from(Attendance)
            .join(S, S.id == Attendance.session_id)
            .where(S.cancelled_at.is_(None), *_in_period(period)))).one()
        bases = await active_people(session)
        figures = Figures(value=int(total_people[0]), total=sum(bases.values()),
                          details=((messages.MEASURE_ATTENDANCES, int(total_people[1])),))
        if not group_by_dependency:
            return figures
        rows = (await session.execute(
            select(department, people)
            .select_from(Attendance).join(S, S.id == Attendance.session_id)
            .outerjoin(Person, Person.id == Attendance.person_id)
            .where(S.cancelled_at.is_(None), *_in_period(period))
            .group_by(department))).all()
        names = await dependency_names(session)
        groups = _sorted_groups({d: int(n) for d, n in rows}, bases, names, names[None])
        return replace(figures, groups=groups)


PROVIDERS = (SessionsHeld(), PeopleAttended())
