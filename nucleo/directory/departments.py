"""The dependencias of the directory as people see them: the active ones, by name.

The one place that says which dependencias a person may choose (``active``): the bot's
onboarding searches and pages them, the console's forms list them (``department_choices``).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from nucleo.models import Department


def _active() -> ColumnElement[bool]:
    """The one condition of a dependencia people may choose."""
    return Department.active.is_(True)


async def department_choices(session: AsyncSession, *,
                             active: bool = True) -> list[tuple[int, str]]:
    """``(id, name)`` of the dependencias by name: the active ones, or every one (a filter
    or a past record may name a dependencia no longer active)."""
    query = select(Department.id, Department.name).order_by(Department.name)
    rows = await session.execute(query.where(_active()) if active else query)
    return [(int(i), str(n)) for i, n in rows.all()]


async def search_departments(session: AsyncSession, key: str, limit: int = 8) -> list[Department]:
    """Active departments whose normalised name contains every word of the key."""
    query = select(Department).where(_active())
    for word in key.split()[:6]:
        query = query.where(Department.normalized_name.contains(word, autoescape=True))
    return list((await session.execute(query.order_by(Department.name).limit(limit))).scalars())


async def department_page(session: AsyncSession, page: int,
                          size: int) -> tuple[list[Department], int]:
    """One page of active departments by name, and the total count."""
    total = (await session.execute(select(func.count()).select_from(Department)
                                   .where(_active()))).scalar_one()
    rows = await session.execute(select(Department).where(_active()).order_by(Department.name)
                                 .offset(page * size).limit(size))
    return list(rows.scalars()), int(total)
