"""What the declarations give the integrity report and the plan de acción: the register
(``declaraciones.registro``) and bienes y rentas compliance (``declaraciones.bienes``), both
bound to their activities in the seeded plan."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import yaml
from sqlalchemy import select

from api.wiring import register_measures
from bot.declaraciones.measures import AssetFilingCompliance
from bot.declaraciones.models import AssetFiling
from informe import actions
from informe.models import PlanActivity
from nucleo.db import Database
from nucleo.models import Department, Person
from nucleo.report import MEASURES, Period
from nucleo.services import Services

YEAR_2026 = Period(date(2026, 1, 1), date(2026, 12, 31), ZoneInfo("America/Bogota"))


async def test_asset_compliance_counts_the_obliged_who_filed(db: Database) -> None:
    async with db.session() as session:
        hacienda = Department(name="Secretaría de Hacienda", normalized_name="hacienda")
        session.add(hacienda)
        await session.flush()
        people = [Person(full_name=f"Servidor {i}", kind="servidor",
                         department_id=hacienda.id if i < 3 else None) for i in range(4)]
        contractor = Person(full_name="Contratista", kind="contratista")
        session.add_all([*people, contractor])
        await session.flush()
        session.add_all([
            AssetFiling(person_id=people[0].id, year=2026, kind="bienes_rentas",
                        filed_on=date(2026, 7, 1), source="importado"),
            AssetFiling(person_id=people[1].id, year=2026, kind="bienes_rentas",
                        filed_on=date(2026, 7, 2), source="chat"),
            AssetFiling(person_id=people[2].id, year=2025, kind="bienes_rentas",
                        filed_on=date(2025, 7, 2), source="consola"),  # another year
            AssetFiling(person_id=contractor.id, year=2026, kind="bienes_rentas",
                        required=True),  # HR marked a contractor: obliged, pending
        ])
        await session.commit()
        figures = await AssetFilingCompliance().measure(session, YEAR_2026, True)
        plain = await AssetFilingCompliance().measure(session, YEAR_2026)
    assert (figures.value, figures.total, figures.percent) == (2, 5, 40.0)
    assert dict(figures.details) == {"Año de la declaración": 2026, "Obligados": 5,
                                     "Pendientes": 3, "Autodeclaradas en el chat": 1}
    assert [(g.label, g.value, g.total) for g in figures.groups] == [
        ("Secretaría de Hacienda", 2, 3), ("Sin dependencia", 0, 2)]
    assert plain.groups == () and (plain.value, plain.total) == (2, 5)


async def test_asset_series_is_the_compliance_of_each_periods_year(db: Database) -> None:
    """The Inicio trend: each period says what ``measure`` says for its year, read once per
    year (January and December of 2026 share one reading)."""
    async with db.session() as session:
        people = [Person(full_name=f"Servidor {i}", kind="servidor") for i in range(3)]
        session.add_all(people)
        await session.flush()
        session.add_all([
            AssetFiling(person_id=people[0].id, year=2025, kind="bienes_rentas",
                        filed_on=date(2025, 7, 1), source="consola"),
            AssetFiling(person_id=people[1].id, year=2026, kind="bienes_rentas",
                        filed_on=date(2026, 7, 1), source="consola"),
            AssetFiling(person_id=people[2].id, year=2026, kind="bienes_rentas",
                        filed_on=date(2026, 7, 2), source="chat")])
        await session.commit()
        tz = YEAR_2026.tz
        periods = [Period(date(2025, 1, 1), date(2025, 12, 31), tz),
                   Period(date(2026, 1, 1), date(2026, 1, 31), tz), YEAR_2026]
        measure = AssetFilingCompliance()
        series = await measure.measure_series(session, periods)
        assert series == [await measure.measure(session, p) for p in periods]
        assert await measure.measure_series(session, []) == []
    assert [(f.value, f.total) for f in series] == [(1, 3), (2, 3), (2, 3)]


async def test_the_seeded_plan_binds_both_measures(db: Database, services: Services) -> None:
    register_measures(services)
    registry = services.need(MEASURES)
    assert "declaraciones.bienes" in registry and "declaraciones.registro" in registry
    async with db.session() as session:
        await actions.seed_plan(session, None, 2026)
        bound = dict((await session.execute(
            select(PlanActivity.measure_key, PlanActivity.name)
            .where(PlanActivity.measure_key.like("declaraciones.%")))).all())
    assert bound["declaraciones.bienes"].startswith(
        "Utilizar como insumo para la identificación de conflictos de interés la declaración")
    assert bound["declaraciones.registro"].startswith(
        "Definir un procedimiento para el seguimiento y monitoreo")
    seed = yaml.safe_load(actions.SEED_FILE.read_text(encoding="utf-8"))
    assert all(row["measure"] in registry for row in seed["activities"] if row.get("measure"))
