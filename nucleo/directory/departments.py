"""The dependencias of the directory as people see them: the active ones, by name.

The one place that says which dependencias a person may choose (``active``); the bot's
onboarding searches and pages them.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from nucleo.models import Department


async def search_departments(session: AsyncSession, key: str, limit: int = 8) -> list[Department]:
    """Active departments whose normalised name contains every word of the key."""
    query = select(Department).where(Department.active.is_(True))
    for word in key.split()[:6]:
        query = query.where(Department.normalized_name.contains(word, autoescape=True))
    return list((await session.execute(query.order_by(Department.name).limit(limit))).scalars())


async def department_page(session: AsyncSession, page: int,
                          size: int) -> tuple[list[Department], int]:
    """One page of active departments by name, and the total count."""
    total = (await session.execute(select(func.count()).select_from(Department)
                                   .where(Department.active.is_(True)))).scalar_one()
    rows = await session.execute(select(Department).where(Department.active.is_(True))
                                 .order_by(Department.name).offset(page * size).limit(size))
    return list(rows.scalars()), int(total)
