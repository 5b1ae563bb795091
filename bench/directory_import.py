"""Directory import speed: rows/s for a 100,000-row CSV on SQLite and PostgreSQL.

Reference measured in the same run: parsing and validating the same file without storing it.
``--jefes``: the file also has the «jefe inmediato» column (#18), each person reporting to one
of the people before (a tree ten wide, five or six levels deep), by cédula.
Usage: .venv/bin/python bench/directory_import.py [--rows 100000] [--jefes] [--pg ...]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

from bench.pg_schema import scratch_database
from nucleo.db import Database
from nucleo.directory.importer import import_people
from nucleo.directory.reader import read_rows
from nucleo.migrate import upgrade_database


def make_csv(rows: int, superiors: bool = False) -> bytes:
    lines = ["nombre;documento;correo;dependencia;tipo" + (";jefe inmediato" if superiors else "")]
    lines += [f"Persona Núñez {i};{10_000_000 + i};p{i}@alcaldia.gov.co;Dependencia {i % 60};"
              f"{'servidor' if i % 3 else 'contratista'}"
              + (f";{10_000_000 + (i - 1) // 10 if i else ''}" if superiors else "")
              for i in range(rows)]
    return ("\n".join(lines) + "\n").encode("latin-1")


async def timed_import(db: Database, data: bytes) -> tuple[float, float]:
    await upgrade_database(db)
    times = []
    for _ in range(2):  # first import creates, the second finds everything unchanged
        start = time.perf_counter()
        async with db.session() as session:
            await import_people(session, data, create_departments=True)
        times.append(time.perf_counter() - start)
    return times[0], times[1]


async def main(rows: int, pg_url: str, superiors: bool = False) -> None:
    data = make_csv(rows, superiors)
    start = time.perf_counter()
    read_rows(data)
    parse = time.perf_counter() - start
    print(f"rows={rows}  parse+validate only: {parse:.2f}s ({rows / parse:,.0f} rows/s) = 1.00")
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = Database(f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}")
        first, second = await timed_import(sqlite, data)
        await sqlite.dispose()
    print(f"SQLite     create {first:.2f}s ({rows / first:,.0f} rows/s, {first / parse:.2f}x parse)"
          f"  re-import {second:.2f}s ({second / parse:.2f}x parse)")
    async with scratch_database(pg_url) as pg:
        first, second = await timed_import(pg, data)
    print(f"PostgreSQL create {first:.2f}s ({rows / first:,.0f} rows/s, "
          f"{first / parse:.2f}x parse)  re-import {second:.2f}s ({second / parse:.2f}x parse)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--jefes", action="store_true")
    parser.add_argument("--pg", default="postgresql+asyncpg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    asyncio.run(main(args.rows, args.pg, args.jefes))
