"""The active dependencias, in one place (nucleo/directory/departments.py), on both engines."""

from __future__ import annotations

from nucleo.db import Database
from nucleo.directory.departments import department_choices, department_page, search_departments
from nucleo.models import Department


async def _add(db: Database) -> None:
    async with db.session() as session:
        session.add_all([
            Department(name="Secretaría de Hacienda", normalized_name="secretaria de hacienda"),
            Department(name="Almacén", normalized_name="almacen", active=False),
            Department(name="<b>Control</b> Interno", normalized_name="<b>control</b> interno"),
            Department(name="Secretaría de Salud", normalized_name="secretaria de salud")])
        await session.commit()


async def test_choices_are_the_active_ones_by_name_unless_every_one_is_asked(db: Database) -> None:
    await _add(db)
    async with db.session() as session:
        active = await department_choices(session)
        every = await department_choices(session, active=False)
    assert [n for _i, n in active] == ["<b>Control</b> Interno", "Secretaría de Hacienda",
                                       "Secretaría de Salud"]
    assert [n for _i, n in every] == ["<b>Control</b> Interno", "Almacén",
                                      "Secretaría de Hacienda", "Secretaría de Salud"]


async def test_search_and_page_never_offer_an_inactive_one(db: Database) -> None:
    await _add(db)
    async with db.session() as session:
        assert [d.name for d in await search_departments(session, "almacen")] == []
        assert [d.name for d in await search_departments(session, "secretaria salud")] == [
            "Secretaría de Salud"]
        assert await search_departments(session, "%") == []  # a LIKE wildcard is a character
        assert await search_departments(session, "x" * 10_000) == []
        first, total = await department_page(session, 0, 2)
        second, _ = await department_page(session, 1, 2)
    assert total == 3
    assert [d.name for d in first + second] == ["<b>Control</b> Interno",
                                                "Secretaría de Hacienda", "Secretaría de Salud"]
