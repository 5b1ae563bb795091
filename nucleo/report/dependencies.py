"""Dependency names for the measures' per-dependency rows (the directory's departments)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from nucleo.models import Department, Person, PersonStatus
from nucleo.report import messages


async def dependency_names(session: AsyncSession) -> dict[int | None, str]:
    """Department id → name, with ``None`` for people without one."""
    names: dict[int | None, str] = dict(
        (await session.execute(select(Department.id, Department.name))).all())
    names[None] = messages.NO_DEPENDENCY
    return names


async def active_people(session: AsyncSession) -> dict[int | None, int]:
    """Active people per department (the base of a reach)."""
    rows = await session.execute(
        select(Person.department_id, func.count())
        .where(Person.status == PersonStatus.ACTIVA.value)
        .group_by(Person.department_id))
    return dict(rows.all())
