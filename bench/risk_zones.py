"""The «Zonas de riesgo» page's counts with 10,000 declarations of a year (3,000 people in 60
dependencias, every ground of art. 11 and type of matter), on SQLite and PostgreSQL.

Times what the page computes — the counts read period by period (``zones.count``: three grouped
statements, whatever the number of periods), then the whole-range tables per dependencia, per
ground and per dependencia and type of matter (their column sums) and the two timelines — month
by month (12 months) or quarter by quarter (4), and by month with one type of matter, against a reference measured in the same run: the declarations per dependencia and
kind over the whole year as one grouped statement (``zones.declarations_by_department`` for a
single period). Each variant runs ``--rounds`` times, interleaved, and the median is reported.
Usage: .venv/bin/python bench/risk_zones.py [--declarations 10000] [--rounds 7] [--pg URL]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

from bench.pg_schema import scratch_database
from bot.declaraciones import interest, zones
from bot.declaraciones.models import Declaration
from nucleo.db import Database
from nucleo.migrate import upgrade_database
from nucleo.models import Department, Person
from nucleo.report import Period, per_period

TZ = ZoneInfo("America/Bogota")
SINCE, UNTIL = date(2025, 12, 7), date(2026, 12, 6)
KINDS = ("impedimento", "conflicto", "recusacion", "preventiva")
MATTER_TYPES = (*interest.MATTER_TYPES, None)  # None: filed before the guided questions
REFERENCE = "reference (one grouped statement)"


async def seed(db: Database, declarations: int) -> None:
    rng = random.Random(18)
    async with db.session() as session:
        departments = [Department(name=f"Dependencia {i:02d}", normalized_name=f"dependencia {i:02d}")
                       for i in range(60)]
        session.add_all(departments)
        await session.flush()
        people = [Person(full_name=f"Persona {i}", source="directorio",
                         department_id=departments[i % 60].id) for i in range(3000)]
        session.add_all(people)
        await session.flush()
        start = datetime(2025, 12, 7, 13, tzinfo=UTC)
        for n in range(declarations):
            kind = KINDS[n % 4]
            person = people[rng.randrange(3000)].id
            session.add(Declaration(
                radicado=f"B-{n:06d}", series="DI", year=2026, number=n + 1, person_id=person,
                kind=kind, matter="Asunto de prueba", description="Hechos de prueba " * 3,
                deciding_office="Jefe", state="radicada",
                created_at=start + timedelta(minutes=rng.randrange(364 * 24 * 60)),
                due_on=date(2026, 12, 31), recused_person_id=person if kind == "recusacion" else None,
                ground=None if kind == "preventiva" or n % 7 == 0 else rng.randrange(1, 17),
                matter_type=None if kind == "preventiva" else rng.choice(MATTER_TYPES)))
        await session.commit()


async def median_ms(work: Callable[[], Awaitable[object]], times: list[float]) -> None:
    start = time.perf_counter()
    await work()
    times.append((time.perf_counter() - start) * 1000)


async def run(name: str, db: Database, declarations: int, rounds: int) -> None:
    await upgrade_database(db)
    await seed(db, declarations)
    months = zones.periods(SINCE, UNTIL, zones.MONTH, TZ)
    quarters = zones.periods(SINCE, UNTIL, zones.QUARTER, TZ)

    async def reference() -> object:
        async with db.session() as session:
            return (await session.execute(per_period([Period(SINCE, UNTIL, TZ)],
                                                     zones.declarations_by_department))).all()

    def page(chosen: list[Period], matter_type: str | None = None
             ) -> Callable[[], Awaitable[object]]:
        async def work() -> object:
            async with db.session() as session:
                found = await zones.count(session, chosen, matter_type)
            return (zones.by_department(found), zones.by_ground(found),
                    zones.by_matter_type(found), zones.timelines(found))
        return work

    variants = {REFERENCE: reference,
                f"page, by month ({len(months)})": page(months),
                f"page, by quarter ({len(quarters)})": page(quarters),
                f"page, by month, contracts ({len(months)})": page(months, "contrato")}
    times: dict[str, list[float]] = {k: [] for k in variants}
    for _ in range(rounds):
        for label, work in variants.items():
            await median_ms(work, times[label])
    ref = statistics.median(times[REFERENCE])
    for label, values in times.items():
        mid = statistics.median(values)
        print(f"{name:<10} {label:<40} {mid:8.1f} ms  {mid / ref:5.1f}x reference")


async def main(declarations: int, rounds: int, pg_url: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = Database(f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}")
        try:
            await run("SQLite", sqlite, declarations, rounds)
        finally:
            await sqlite.dispose()
    async with scratch_database(pg_url) as pg:
        await run("PostgreSQL", pg, declarations, rounds)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--declarations", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--pg", default="postgresql+asyncpg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    asyncio.run(main(args.declarations, args.rounds, args.pg))
