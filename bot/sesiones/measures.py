"""What the sessions tell the integrity report (``nucleo.report``): sensitization sessions held
in a period and the distinct people who attended them, overall and per dependencia. Read only.

*Held*: not cancelled, started within the period, with at least one attendance recorded (the
list is the evidence that it took place); its base is the sessions scheduled (not cancelled)
in the period, so the percentage says how many of the planned sessions took place. Per
dependencia, a session counts for each dependencia it was for (none: «Toda la entidad»).

*Attended*: distinct people with an attendance in such a session, over the active people of the
directory; per dependencia, the one the person had at check-in (``Attendance.department_id``:
where the person worked when the session took place, also after a move or /olvidarme). A person
who asked to be forgotten counts once by the random ``forgotten_key`` their rows share; a row
left without person before that key existed counts as one. Someone who moved between two
sessions counts in both dependencias, so the rows may add up to more than the total.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import ColumnElement, and_, distinct, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.sesiones import messages
from bot.sesiones.models import Attendance, SensitizationSession, SessionDepartment
from nucleo.report import Figures, Period, per_period_rows
from nucleo.report.dependencies import active_people, dependency_names, dependency_rows

S = SensitizationSession


def _in_period(period: Period) -> tuple[ColumnElement[bool], ...]:
    return (S.starts_at >= period.start, S.starts_at < period.end)


_HAS_ATTENDANCE = exists().where(Attendance.session_id == S.id)


def _people() -> ColumnElement[int]:
    """Distinct people among attendance rows: by person, by the key a forgotten person's rows
    share, and each row left without either (forgotten before the key existed) as one.

    A person who asked /olvidarme and then checks in again counts twice in a period spanning
    both: once by the key of the forgotten rows, once by the person (a directory person keeps
    the same id; one the bot created is a new person). Nothing may tie the two, by design."""
    return (func.count(distinct(Attendance.person_id))
            + func.count(distinct(Attendance.forgotten_key))
            + func.count().filter(Attendance.person_id.is_(None),
                                  Attendance.forgotten_key.is_(None)))


@dataclass(frozen=True)
class SessionsHeld:
    """Sessions held in the period / sessions scheduled (not cancelled) in it."""

    key: str = "sesiones.realizadas"
    label: str = messages.MEASURE_HELD
    source: str = messages.MEASURE_HELD_SOURCE
    unit: str = messages.MEASURE_HELD_UNIT

    async def measure_series(self, session: AsyncSession,
                             periods: Sequence[Period]) -> list[Figures]:
        """Every period's figures from one statement, a row per period (the Inicio trend)."""
        live = S.cancelled_at.is_(None)
        held_filter = and_(live, _HAS_ATTENDANCE)
        found = await per_period_rows(session, periods, lambda index, p: select(
            index, func.count().filter(live), func.count().filter(held_filter),
            func.count().filter(S.cancelled_at.is_not(None))).where(*_in_period(p)))
        return [Figures(value=held, total=scheduled, details=(
            (messages.MEASURE_SCHEDULED, scheduled), (messages.MEASURE_CANCELLED, cancelled)))
            for (scheduled, held, cancelled), in found]

    async def measure(self, session: AsyncSession, period: Period,
                      group_by_dependency: bool = False) -> Figures:
        (figures,) = await self.measure_series(session, [period])
        if not group_by_dependency:
            return figures
        live = S.cancelled_at.is_(None)
        rows = (await session.execute(
            select(SessionDepartment.department_id, func.count(), func.count().filter(
                _HAS_ATTENDANCE))
            .select_from(S).outerjoin(SessionDepartment, SessionDepartment.session_id == S.id)
            .where(live, *_in_period(period)).group_by(SessionDepartment.department_id))).all()
        names = await dependency_names(session)
        groups = dependency_rows({d: h for d, _s, h in rows}, {d: s for d, s, _h in rows},
                                 names, none_label=messages.MEASURE_WHOLE_ENTITY)
        return replace(figures, groups=groups)


@dataclass(frozen=True)
class PeopleAttended:
    """Distinct people who attended a session of the period / active people."""

    key: str = "sesiones.asistentes"
    label: str = messages.MEASURE_ATTENDED
    source: str = messages.MEASURE_ATTENDED_SOURCE
    unit: str = messages.MEASURE_ATTENDED_UNIT

    async def measure_series(self, session: AsyncSession,
                             periods: Sequence[Period]) -> list[Figures]:
        """Every period's figures from one statement, a row per period (the Inicio trend)."""
        if not periods:
            return []
        total = sum((await active_people(session)).values())
        return await self._series(session, periods, total)

    @staticmethod
    async def _series(session: AsyncSession, periods: Sequence[Period],
                      total: int) -> list[Figures]:
        found = await per_period_rows(session, periods, lambda index, p: select(
            index, _people(), func.count()).select_from(Attendance)
            .join(S, S.id == Attendance.session_id)
            .where(S.cancelled_at.is_(None), *_in_period(p)))
        return [Figures(value=int(people), total=total,
                        details=((messages.MEASURE_ATTENDANCES, int(rows)),))
                for (people, rows), in found]

    async def measure(self, session: AsyncSession, period: Period,
                      group_by_dependency: bool = False) -> Figures:
        bases = await active_people(session)
        (figures,) = await self._series(session, [period], sum(bases.values()))
        if not group_by_dependency:
            return figures
        rows = (await session.execute(
            select(Attendance.department_id, _people())
            .select_from(Attendance).join(S, S.id == Attendance.session_id)
            .where(S.cancelled_at.is_(None), *_in_period(period))
            .group_by(Attendance.department_id))).all()
        names = await dependency_names(session)
        groups = dependency_rows({d: int(n) for d, n in rows}, bases, names)
        return replace(figures, groups=groups)


PROVIDERS = (SessionsHeld(), PeopleAttended())
