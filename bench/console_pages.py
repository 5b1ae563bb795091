"""Console pages with a year of data for a 3,000-person entity (#19: ≤ 300 ms p95 each; the
period report in ≤ 10 s).

Seeds a fresh database with ``bench.seed_year`` (SQLite file, or a fresh PostgreSQL schema with
``--pg``), starts the app in this process (``create_app``, role ``web``, lifespan run, service
clock fixed at 2026-12-06 15:00 UTC) and drives it through httpx's ASGI transport: logs in as
admin through the login form, then GETs every console page ``--rounds`` times. Each round
requests every page once, in the same order, plus the console's stylesheet (a static file of
the same app) as the reference, so all share the load of the moment. Prints p50/p95 per page,
in ms and as a multiple of the reference's, the median CPU time this process spent on the page
(app, client and SQLite's thread; not the PostgreSQL server's), which a loaded machine sways far
less than wall time, and flags pages over 300 ms p95. Then times the
period report of the last twelve months (PDF and XLSX) against 10 s.

In-process: the client's own work (building the request, reading the body) is counted too, and
there is no network; the figures are the app's time plus a small constant the reference shows.

Usage: .venv/bin/python bench/console_pages.py [--rounds 20] [--db PATH] [--pg URL]
[--schema NAME] [--only sqlite|pg] (``--db`` / ``--schema``: measure an already seeded database,
e.g. to alternate two branches on the same data)
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import re
import statistics
import sys
import tempfile
import time
import uuid
from contextlib import AsyncExitStack
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import httpx
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

from api.app import create_app
from bench.seed_year import ADMIN_EMAIL, ADMIN_PASSWORD, seed
from bot.consultas.tables import ConsultationTicket
from bot.declaraciones.models import Declaration
from bot.encuestas.models import Survey
from campañas.models import Campaign
from foro.models import Suggestion
from informe.models import PlanActivity
from nucleo.db import Database
from nucleo.models import Department, Person
from nucleo.services import Services
from nucleo.settings import load_settings

NOW = datetime(2026, 12, 6, 15, 0, tzinfo=UTC)
BUDGET_MS = 300.0
REPORT_BUDGET_S = 10.0
PERIOD = "desde=2025-12-07&hasta=2026-12-06"
REFERENCE = "/consola/estatico/console.css"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


async def pick_ids(db: Database) -> dict[str, int]:
    """A few items to open: the middle one of each list, and the busiest ones."""
    async with db.session() as session:
        async def middle(column: object) -> int:
            found = list(await session.scalars(select(column).order_by(column)))  # type: ignore[call-overload]  # columns of mixed types
            return int(found[len(found) // 2])
        return {
            "person": await middle(Person.id), "department": await middle(Department.id),
            "campaign": await middle(Campaign.id), "ticket": await middle(ConsultationTicket.id),
            "suggestion": await middle(Suggestion.id), "declaration": await middle(Declaration.id),
            "survey": int(await session.scalar(select(Survey.id).order_by(Survey.id.desc()))
                          or 0),
            "activity": await middle(PlanActivity.id)}


def pages(ids: dict[str, int]) -> list[tuple[str, str]]:
    """(label, path) of every console page measured."""
    i = ids
    return [
        ("inicio (tablero)", "/consola/"),
        ("directorio", "/consola/directorio"),
        ("directorio ?q=gomez", "/consola/directorio?q=gomez"),
        ("directorio ?dependencia", f"/consola/directorio?dependencia={i['department']}"),
        ("directorio página 30", "/consola/directorio?pagina=30"),
        ("directorio cobertura", "/consola/directorio/cobertura"),
        ("persona", f"/consola/directorio/personas/{i['person']}"),
        ("campañas", "/consola/campanas"),
        ("campañas calendario", "/consola/campanas/calendario"),
        ("campaña (detalle, estadísticas)", f"/consola/campanas/{i['campaign']}"),
        ("campaña estadísticas.csv", f"/consola/campanas/{i['campaign']}/estadisticas.csv"),
        ("consultas (abiertas)", "/consola/consultas"),
        ("consultas ?estado=todas", "/consola/consultas?estado=todas"),
        ("consultas ?estado=cerrado p.5", "/consola/consultas?estado=cerrado&pagina=5"),
        ("consultas ?oficina=juridica", "/consola/consultas?estado=todas&oficina=juridica"),
        ("consulta", f"/consola/consultas/{i['ticket']}"),
        ("base de conocimiento", "/consola/consultas/base"),
        ("sugerencias", "/consola/sugerencias"),
        ("sugerencias ?estado=adoptada", "/consola/sugerencias?estado=adoptada"),
        ("sugerencias ?valor=honestidad", "/consola/sugerencias?valor=honestidad"),
        ("sugerencia", f"/consola/sugerencias/{i['suggestion']}"),
        ("declaraciones", "/consola/declaraciones"),
        ("declaraciones ?estado=decidida", "/consola/declaraciones?estado=decidida"),
        ("declaración", f"/consola/declaraciones/{i['declaration']}"),
        ("encuestas", "/consola/encuestas"),
        ("encuesta", f"/consola/encuestas/{i['survey']}"),
        ("encuesta resultados", f"/consola/encuestas/{i['survey']}/resultados"),
        ("encuesta comentarios", f"/consola/encuestas/{i['survey']}/comentarios"),
        ("retroalimentación rápida", "/consola/encuestas/retroalimentacion"),
        ("auditoría", "/consola/auditoria"),
        ("auditoría ?accion=login.ok", "/consola/auditoria?accion=login.ok"),
        ("auditoría página 50", "/consola/auditoria?pagina=50"),
        ("personal", "/consola/personal"),
        ("informe (plan, año)", "/consola/informe"),
        ("informe 12 meses", f"/consola/informe?{PERIOD}"),
        ("actividad del plan", f"/consola/informe/actividades/{i['activity']}"),
    ]


async def login(client: httpx.AsyncClient) -> None:
    form = await client.get("/consola/entrar")
    match = TOKEN.search(form.text)
    assert match, "no login form token"
    done = await client.post("/consola/entrar", data={
        "correo": ADMIN_EMAIL, "clave": ADMIN_PASSWORD, "csrf_token": match.group(1)})
    assert done.status_code == 303, f"login failed: {done.status_code}"


async def timed(client: httpx.AsyncClient, path: str) -> tuple[float, float, int, int]:
    """Wall time and this process's CPU time (ms), status and size of one GET."""
    start, cpu = time.perf_counter(), time.process_time()
    response = await client.get(path)
    return ((time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000,
            response.status_code, len(response.content))


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def measure(db: Database, label: str, rounds: int, data_dir: str,
                  schema: str | None, url: str) -> list[str]:
    settings = load_settings(database_url=url, data_dir=data_dir,
                             secret_key="bench-secret-key-0123456789abcdef",
                             entity_name="Alcaldía de Banco de Pruebas")
    services = Services(settings=settings, db=Database(settings.resolved_database_url,
                                                       schema=schema))
    services.clock = lambda: NOW
    app = create_app(settings, role="web", services=services)
    lines: list[str] = []
    async with AsyncExitStack() as stack:
        await stack.enter_async_context(app.router.lifespan_context(app))
        for name in ("", "bm25s"):  # the app's logging set-up; the bench wants its table only
            logging.getLogger(name).setLevel(logging.WARNING)
        client = await stack.enter_async_context(httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1", timeout=120))
        await login(client)
        ids = await pick_ids(services.db)
        targets = [("referencia: console.css", REFERENCE), *pages(ids)]
        times: dict[str, list[float]] = {name: [] for name, _ in targets}
        cpu: dict[str, list[float]] = {name: [] for name, _ in targets}
        status: dict[str, tuple[int, int]] = {}
        for _ in range(2):  # warm-up: templates compiled, caches filled, connections open
            for name, path in targets:
                _ms, _cpu, code, size = await timed(client, path)
                status[name] = (code, size)
        for _ in range(rounds):
            for name, path in targets:
                ms, spent, code, size = await timed(client, path)
                times[name].append(ms)
                cpu[name].append(spent)
                status[name] = (code, size)
        ref50 = statistics.median(times[targets[0][0]])
        ref95 = pct(times[targets[0][0]], 0.95)
        lines.append(f"### {label}: {rounds} rounds, reference p50 {ref50:.1f} ms, "
                     f"p95 {ref95:.1f} ms")
        lines.append("")
        lines.append("| Página | HTTP | KB | p50 ms | p95 ms | p50 ×ref | p95 ×ref | CPU p50 ms "
                     "| ≤ 300 ms |")
        lines.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        for name, _path in targets:
            p50, p95 = statistics.median(times[name]), pct(times[name], 0.95)
            code, size = status[name]
            flag = "sí" if p95 <= BUDGET_MS and code == 200 else "**NO**"
            lines.append(f"| {name} | {code} | {size / 1024:.0f} | {p50:.1f} | {p95:.1f} | "
                         f"{p50 / ref50:.0f} | {p95 / ref95:.0f} | "
                         f"{statistics.median(cpu[name]):.1f} | {flag} |")
        lines.append("")
        for kind in ("pdf", "xlsx"):
            spent = []
            for _ in range(3):
                ms, _cpu, code, size = await timed(client,
                                                   f"/consola/informe/informe.{kind}?{PERIOD}")
                spent.append(ms / 1000)
            best, worst = min(spent), max(spent)
            verdict = "sí" if worst <= REPORT_BUDGET_S and code == 200 else "**NO**"
            lines.append(f"- Informe del periodo 2025-12-07 a 2026-12-06, {kind.upper()}: HTTP "
                         f"{code}, {size / 1024:.0f} KB, {best:.2f}–{worst:.2f} s en 3 "
                         f"descargas (≤ {REPORT_BUDGET_S:.0f} s: {verdict})")
        lines.append("")
    await services.db.dispose()
    return lines


async def run_sqlite(rounds: int, path: str | None) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        file = Path(path) if path else Path(tmp) / "year.db"
        url = f"sqlite+aiosqlite:///{file}"
        if not file.exists():
            print(f"seeding SQLite {file}", flush=True)
            db = Database(url)
            await seed(db)
            await db.dispose()
        return await measure(Database(url), "SQLite", rounds, tmp, None, url)


async def run_pg(rounds: int, pg_url: str, seeded: str | None = None) -> list[str]:
    if seeded:  # an already seeded schema (``bench/seed_year.py --pg``), kept afterwards
        with tempfile.TemporaryDirectory() as tmp:
            return await measure(Database(pg_url, schema=seeded), "PostgreSQL", rounds, tmp,
                                 seeded, pg_url)
    schema = "bench_" + uuid.uuid4().hex[:8]
    admin = await asyncpg.connect(pg_url.replace("+asyncpg", ""))
    await admin.execute(f'CREATE SCHEMA "{schema}"')
    try:
        print(f"seeding PostgreSQL schema {schema}", flush=True)
        db = Database(pg_url, schema=schema)
        await seed(db)
        await db.dispose()
        with tempfile.TemporaryDirectory() as tmp:
            return await measure(db, "PostgreSQL", rounds, tmp, schema, pg_url)
    finally:
        await admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        await admin.close()


async def main(rounds: int, db_path: str | None, pg_url: str, only: str | None,
               schema: str | None) -> None:
    logging.basicConfig(level=logging.WARNING)
    lines: list[str] = []
    if only != "pg":
        lines += await run_sqlite(rounds, db_path)
        print("\n".join(lines), flush=True)
    if only != "sqlite":
        more = await run_pg(rounds, pg_url, schema)
        print("\n".join(more), flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--db", help="an already seeded SQLite file (default: seed a fresh one)")
    parser.add_argument("--pg", default="postgresql+asyncpg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--schema", help="an already seeded PostgreSQL schema (default: seed a "
                        "fresh one and drop it)")
    parser.add_argument("--only", choices=["sqlite", "pg"])
    args = parser.parse_args()
    asyncio.run(main(args.rounds, args.db, args.pg, args.only, args.schema))
