"""The declarations register in the console with 10,000 declarations of a year (3,000 people in
60 dependencias, every kind, state and ground), on SQLite and PostgreSQL (issue #18).

Seeds a fresh database (``bench.risk_zones.seed``: the same declarations as the risk-zones
bench, then a third of them decided and the due dates spread over the year), starts the app in
this process (``create_app``, role ``web``, service clock fixed at 2026-12-06 15:00 UTC), logs
in as admin and GETs each register view ``--rounds`` times through httpx's ASGI transport: the
first page, a deep page, the filters (overdue, kind, ground, dependencia, dates), one
declaration and the XLSX export of every row. Each round requests every target once, in the
same order, with the console's stylesheet (a static file of the same app) as the reference
measured in the same run. Prints p50/p95 in ms and as multiples of the reference.

Then the writer alone, on the exported rows read back: ``nucleo.xlsx.xlsx_bytes`` against
openpyxl as the export used it (``nucleo.exports.workbook_bytes``, the reference), openpyxl's
write-only mode and XlsxWriter (``constant_memory`` and ``in_memory``, with nucleo.xlsx's
rules for each cell), ``--writer-rounds`` times each, interleaved.

Usage: .venv/bin/python bench/declarations_register.py [--declarations 10000] [--rounds 15]
[--pg URL] [--only sqlite|pg] [--writer-rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import io
import logging
import math
import statistics
import sys
import tempfile
import time
from contextlib import AsyncExitStack
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import xlsxwriter
from openpyxl import Workbook, load_workbook
from sqlalchemy import select, update

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

from api.app import create_app
from bench.console_pages import NOW, REFERENCE, login, pct, timed
from bench.pg_schema import scratch_database
from bench.risk_zones import seed as seed_declarations
from bench.seed_year import seed_staff
from bot.declaraciones.models import Declaration
from nucleo.db import Database
from nucleo.exports import neutralise, new_workbook, workbook_bytes
from nucleo.migrate import upgrade_database
from nucleo.models import Department
from nucleo.services import Services
from nucleo.settings import load_settings
from nucleo.xlsx import NOT_XML, xlsx_bytes

REGISTER = "/consola/declaraciones"


async def seed(db: Database, declarations: int) -> dict[str, int]:
    """Migrate, seed, then spread due dates and decide a third of the rows; the ids to open."""
    await upgrade_database(db)
    await seed_staff(db)
    await seed_declarations(db, declarations)
    async with db.session() as session:
        rows = (await session.execute(select(Declaration.id, Declaration.created_at,
                                             Declaration.kind))).all()
        for n, (declaration_id, created_at, kind) in enumerate(rows):
            if kind == "preventiva":
                values: dict[str, object] = {"state": "registrada", "due_on": None}
            else:
                values = {"due_on": created_at.date() + timedelta(days=14)}
                if n % 3 == 0:
                    values |= {"state": "decidida", "outcome": "aceptada",
                               "decision": "Se acepta; asume el jefe de la oficina jurídica.",
                               "decided_at": created_at + timedelta(days=5)}
            await session.execute(update(Declaration).where(Declaration.id == declaration_id)
                                  .values(**values))
        await session.commit()
        middle = sorted(r[0] for r in rows)[len(rows) // 2]
        department = await session.scalar(select(Department.id).order_by(Department.id))
    return {"declaration": middle, "department": int(department or 0)}


def targets(ids: dict[str, int], declarations: int) -> list[tuple[str, str]]:
    deep = max(1, declarations // 25 // 2)
    return [
        ("referencia: console.css", REFERENCE),
        ("registro", REGISTER),
        (f"registro página {deep}", f"{REGISTER}?pagina={deep}"),
        ("registro ?vencidas=si", f"{REGISTER}?vencidas=si"),
        ("registro ?estado=decidida", f"{REGISTER}?estado=decidida"),
        ("registro ?tipo=recusacion", f"{REGISTER}?tipo=recusacion"),
        ("registro ?causal=5", f"{REGISTER}?causal=5"),
        ("registro ?dependencia", f"{REGISTER}?dependencia={ids['department']}"),
        ("registro ?desde&hasta (un mes)", f"{REGISTER}?desde=2026-06-01&hasta=2026-06-30"),
        ("preventivas", f"{REGISTER}?tipo=preventiva"),
        ("declaración", f"{REGISTER}/{ids['declaration']}"),
        ("XLSX de todo el registro", f"{REGISTER}/exportar.xlsx"),
    ]


def _openpyxl(rows: list[list[object]]) -> bytes:
    book, sheet = new_workbook("Declaraciones")
    for row in rows:
        sheet.append(row)
    return workbook_bytes(book)


def _write_only(rows: list[list[object]]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Declaraciones")
    for row in rows:
        sheet.append([neutralise(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsxwriter(rows: list[list[object]], memory: bool) -> bytes:
    """XlsxWriter with nucleo.xlsx's rules: numbers and dates typed, text neutralised and
    written as text (no guessing), NaN/infinities and dates before 1900 as text."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"constant_memory": not memory, "in_memory": memory,
                                     "strings_to_formulas": False, "strings_to_urls": False,
                                     "strings_to_numbers": False})
    sheet = book.add_worksheet("Declaraciones")
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    moment = book.add_format({"num_format": "yyyy-mm-dd h:mm:ss"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                sheet.write_boolean(r, c, value)
            elif isinstance(value, int | Decimal) or (isinstance(value, float)
                                                      and math.isfinite(value)):
                sheet.write_number(r, c, value)
            elif isinstance(value, datetime) and value.year >= 1900:
                sheet.write_datetime(r, c, value, moment)
            elif isinstance(value, date) and value.year >= 1900:
                sheet.write_datetime(r, c, value, day)
            else:
                sheet.write_string(r, c, neutralise(NOT_XML.sub("", str(value))))
    book.close()
    return out.getvalue()


def writers(data: bytes, rounds: int) -> list[str]:
    """The writer alone on the export's rows: nucleo.xlsx against openpyxl (the reference)."""
    sheet = load_workbook(io.BytesIO(data), read_only=True).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]  # type: ignore[union-attr]  # a new book's one sheet
    candidates = {"openpyxl (referencia)": _openpyxl, "openpyxl write_only": _write_only,
                  "nucleo.xlsx": lambda r: xlsx_bytes("Declaraciones", r),
                  "XlsxWriter constant_memory": lambda r: _xlsxwriter(r, memory=False),
                  "XlsxWriter in_memory": lambda r: _xlsxwriter(r, memory=True)}
    times: dict[str, list[float]] = {name: [] for name in candidates}
    for _ in range(rounds):
        for name, write in candidates.items():
            start = time.perf_counter()
            write(rows)
            times[name].append((time.perf_counter() - start) * 1000)
    ref = statistics.median(times["openpyxl (referencia)"])
    lines = ["", f"Escritor solo, {len(rows)} filas × {len(rows[0])} columnas, {rounds} vueltas:",
             "", "| Escritor | p50 ms | ×ref |", "| --- | ---: | ---: |"]
    for name, found in times.items():
        p50 = statistics.median(found)
        lines.append(f"| {name} | {p50:.0f} | {p50 / ref:.2f} |")
    return lines


async def measure(label: str, url: str, schema: str | None, declarations: int,
                  rounds: int, writer_rounds: int = 0) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(database_url=url, data_dir=tmp,
                                 secret_key="bench-secret-key-0123456789abcdef",
                                 entity_name="Alcaldía de Banco de Pruebas")
        services = Services(settings=settings, db=Database(settings.resolved_database_url,
                                                           schema=schema))
        services.clock = lambda: NOW
        ids = await seed(services.db, declarations)
        app = create_app(settings, role="web", services=services)
        lines = [f"### {label}: {declarations} declaraciones, {rounds} vueltas", "",
                 "| Vista | HTTP | KB | p50 ms | p95 ms | p50 ×ref | p95 ×ref |",
                 "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
        async with AsyncExitStack() as stack:
            await stack.enter_async_context(app.router.lifespan_context(app))
            for name in ("", "bm25s"):
                logging.getLogger(name).setLevel(logging.WARNING)
            client = await stack.enter_async_context(httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1",
                timeout=120))
            await login(client)
            views = targets(ids, declarations)
            times: dict[str, list[float]] = {name: [] for name, _ in views}
            status: dict[str, tuple[int, int]] = {}
            for round_no in range(rounds + 2):  # two warm-up rounds
                for name, path in views:
                    ms, _cpu, code, size = await timed(client, path)
                    status[name] = (code, size)
                    if round_no >= 2:
                        times[name].append(ms)
            ref50, ref95 = statistics.median(times[views[0][0]]), pct(times[views[0][0]], 0.95)
            for name, _path in views:
                p50, p95 = statistics.median(times[name]), pct(times[name], 0.95)
                code, size = status[name]
                lines.append(f"| {name} | {code} | {size / 1024:.0f} | {p50:.1f} | {p95:.1f} | "
                             f"{p50 / ref50:.0f} | {p95 / ref95:.0f} |")
            if writer_rounds:
                export = await client.get(views[-1][1])
                lines += writers(export.content, writer_rounds)
        await services.db.dispose()
    return lines


async def main(declarations: int, rounds: int, pg_url: str, only: str | None,
               writer_rounds: int) -> None:
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    if only != "pg":
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite+aiosqlite:///{Path(tmp) / 'register.db'}"
            print("\n".join(await measure("SQLite", url, None, declarations, rounds,
                                           writer_rounds)), flush=True)
    if only != "sqlite":
        async with scratch_database(pg_url) as pg:
            schema = pg.schema
            print("\n".join(await measure("PostgreSQL", pg_url, schema, declarations, rounds)),
                  flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--declarations", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--pg", default="postgresql+asyncpg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--only", choices=["sqlite", "pg"])
    parser.add_argument("--writer-rounds", type=int, default=3,
                        help="rounds of the writer alone (after SQLite; 0: skip)")
    args = parser.parse_args()
    asyncio.run(main(args.declarations, args.rounds, args.pg, args.only, args.writer_rounds))
