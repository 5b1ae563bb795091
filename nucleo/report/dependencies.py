"""Dependency names for the measures' per-dependency rows (the directory's departments)."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from nucleo.directory.keys import sort_key
from nucleo.models import Department, Person, PersonStatus
from nucleo.report import GroupFigure, messages


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


def name_order(label: str | None) -> tuple[bool, str, str]:
    """The sort key of a row named ``label``: Spanish alphabetical order (``sort_key``: accents
    ignored, ñ after n), an unnamed row (None) last."""
    return (label is None, sort_key(label) or "", label or "")


def dependency_rows(values: dict[int | None, int], bases: dict[int | None, int],
                    names: dict[int | None, str], *, none_label: str | None = None,
                    withheld: Collection[int | None] = (), withheld_text: str = ""
                    ) -> tuple[GroupFigure, ...]:
    """One row per dependency found in ``values``, ``bases`` or ``withheld`` (these last show
    ``withheld_text`` instead of figures), in Spanish alphabetical order (``sort_key``), the row
    without a dependency last (labelled ``none_label``, by default «Sin dependencia»); an id no
    longer in the directory reads «Dependencia desconocida». The one place every measure sorts
    and labels its rows per dependency."""
    def label(key: int | None) -> str:
        if key is None:
            return none_label or names.get(None, messages.NO_DEPENDENCY)
        return names.get(key, messages.UNKNOWN_DEPENDENCY)

    keys = sorted(set(values) | set(bases) | set(withheld),
                  key=lambda k: name_order(None if k is None else label(k)))
    return tuple(GroupFigure(label(k), 0, None, withheld=withheld_text) if k in withheld
                 else GroupFigure(label(k), values.get(k, 0), bases.get(k, 0)) for k in keys)
