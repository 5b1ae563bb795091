"""Reminder campaign to the people who owe their asset declaration: counting and materialising
the audience «pendientes_bienes» (3,000 pending servants among 6,000 people with 9,000 filing
rows) against the audience «tipo servidor», which is exactly the same 3,000 people, measured on
the same database in the same run. Best of 5 each, SQLite and PostgreSQL. The runs happen on a
day of the default reminder window (1 July), so materialising checks the window as a campaign
run does (``asset_reminder_windows``, empty here: the default applies).

The automatic reminder (``campañas.asset_reminders``, #18) is measured on the same database: its
first tick queues the 3,000 (one campaign, one channel each, the window read from the database);
an idle tick (everyone already queued, nobody due again: it still looks for who is) adds nothing;
the tick 14 days later (``VALOR_ASSET_REMINDER_EVERY_DAYS`` by default; the first round marked
sent) queues the second round to the 3,000; all three against the «tipo servidor»
materialisation. The preventive declaration's window is set closed for the day, so the tick
queues bienes y rentas only.

Run from the repo root: ``python -m bench.pending_assets [--pending 3000] [--no-postgres]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update

from bench.campaigns_send import NOW, Databases
from bot.declaraciones.models import AssetFiling, AssetReminderWindow
from campañas import actions
from campañas.asset_reminders import queue_reminders
from campañas.audience import count_audience, materialise
from campañas.models import Delivery, Run
from nucleo.db import Database
from nucleo.models import Person
from nucleo.settings import Settings, load_settings

YEAR = 2026
ROUNDS = 5
IN_WINDOW = date(YEAR, 7, 1)  # a day of the default reminder window (1 June to 31 July)


async def seed(db: Database, pending: int) -> None:
    """``pending`` servants who owe YEAR (each filed the year before) and as many contractors
    who filed YEAR without being obliged (two filing rows each)."""
    people = [{"full_name": f"Persona {i}", "telegram_chat_id": 10_000 + i, "subscribed": True,
               "status": "activa", "source": "bench", "created_at": NOW, "updated_at": NOW,
               "kind": "servidor" if i < pending else "contratista"}
              for i in range(2 * pending)]
    async with db.session() as session:
        await session.execute(insert(Person), people)
        ids = list(await session.scalars(select(Person.id).order_by(Person.id)))
        filings: list[dict[str, Any]] = []
        for index, person_id in enumerate(ids):
            filings.append({"person_id": person_id, "year": YEAR - 1, "kind": "bienes_rentas",
                            "required": False, "filed_on": date(YEAR - 1, 7, 1),
                            "source": "importado", "recorded_at": NOW})
            if index >= pending:
                filings.append({"person_id": person_id, "year": YEAR, "kind": "bienes_rentas",
                                "required": False, "filed_on": date(YEAR, 7, 1),
                                "source": "importado", "recorded_at": NOW})
        await session.execute(insert(AssetFiling), filings)
        await session.commit()


async def timed(db: Database, spec: dict[str, Any], run_ids: list[int],
                piece_id: int) -> tuple[float, float, int]:
    """Best count time, best materialise time (each into a fresh run) and the rows added."""
    counts, writes, added = [], [], 0
    for run_id in run_ids:
        async with db.session() as session:
            started = time.perf_counter()
            await count_audience(session, spec, ["telegram"])
            counts.append(time.perf_counter() - started)
            started = time.perf_counter()
            added = await materialise(session, run_id=run_id, piece_id=piece_id, spec=spec,
                                      channels=["telegram"], now=NOW, today=IN_WINDOW)
            await session.commit()
            writes.append(time.perf_counter() - started)
    return min(counts), min(writes), added


async def measure(dbs: Databases, kind: str, pending: int) -> None:
    db = await dbs.make(kind)
    await seed(db, pending)
    settings = load_settings(data_dir=Path(tempfile.mkdtemp()), telegram_token="1:x",
                             secret_key="k" * 32)
    async with db.session() as session:
        created = await actions.create_campaign(session, settings=settings, name="Recordatorio",
                                                value="compromiso")
    async with db.session() as session:
        piece = await actions.add_piece(session, settings=settings, campaign_id=created.id,
                                        phrase="Presente su declaración de bienes y rentas")
    async with db.session() as session:
        runs = [Run(campaign_id=created.id, piece_id=piece.id,
                    scheduled_for=datetime(YEAR, 1, 1 + i, tzinfo=NOW.tzinfo), started_at=NOW)
                for i in range(2 * ROUNDS)]
        session.add_all(runs)
        await session.commit()
        run_ids = [r.id for r in runs]
    ours = await timed(db, {"type": "pendientes_bienes", "year": YEAR,
                            "declaracion": "bienes_rentas"}, run_ids[:ROUNDS], piece.id)
    ref = await timed(db, {"type": "tipo", "kind": "servidor"}, run_ids[ROUNDS:], piece.id)
    first, idle, again, added, added_again = await automatic(db, settings)
    await db.dispose()
    assert ours[2] == ref[2] == pending == added == added_again, (ours, ref, added, added_again)
    print(f"- {kind}: contar {ours[0] * 1000:.1f} ms (referencia «tipo servidor» "
          f"{ref[0] * 1000:.1f} ms, cociente {ours[0] / ref[0]:.2f}); materializar {ours[2]} "
          f"entregas {ours[1] * 1000:.0f} ms (referencia {ref[1] * 1000:.0f} ms, cociente "
          f"{ours[1] / ref[1]:.2f})")
    print(f"- {kind}: recordatorio automático, primer tick {added} entregas {first * 1000:.0f} ms "
          f"(cociente {first / ref[1]:.2f} frente a la referencia); tick sin nada nuevo "
          f"{idle * 1000:.0f} ms (cociente {idle / ref[1]:.2f}); segunda ronda a los "
          f"{settings.asset_reminder_every_days} días {added_again} entregas {again * 1000:.0f} ms "
          f"(cociente {again / ref[1]:.2f})")


async def automatic(db: Database, settings: Settings) -> tuple[float, float, float, int, int]:
    """The automatic reminder: the first tick (queues everyone pending), the best of ROUNDS
    idle ticks and the tick of the second round (the first one sent), each a transaction; with
    the preventive window closed that day. Returns the times and the rows of both rounds."""
    async with db.session() as session:
        session.add(AssetReminderWindow(year=YEAR, kind="preventiva", opens_on=date(YEAR, 12, 1),
                                        closes_on=date(YEAR, 12, 31), set_at=NOW))
        await session.commit()
    moment = datetime.combine(IN_WINDOW, dtime(15), tzinfo=UTC)  # 10:00 in Bogotá
    times, added = [], 0
    for _ in range(ROUNDS + 1):
        async with db.transaction() as session:
            started = time.perf_counter()
            added += await queue_reminders(session, now=moment, settings=settings,
                                           channels=["telegram"])
        times.append(time.perf_counter() - started)
    async with db.transaction() as session:
        await session.execute(update(Delivery).values(state="enviada"))
    later = moment + timedelta(days=settings.asset_reminder_every_days)
    async with db.transaction() as session:
        started = time.perf_counter()
        again = await queue_reminders(session, now=later, settings=settings, channels=["telegram"])
    second = time.perf_counter() - started
    return times[0], min(times[1:]), second, added, again


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pending", type=int, default=3000)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    kinds = ["sqlite"] if args.no_postgres else ["sqlite", "postgresql"]
    print(f"# Recordatorio a {args.pending} pendientes de bienes y rentas — "
          f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, {platform.node()}, "
          f"{os.cpu_count()} núcleos (máquina compartida), Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        dbs = Databases(Path(tmp))
        try:
            for kind in kinds:
                await measure(dbs, kind, args.pending)
        finally:
            await dbs.drop()


if __name__ == "__main__":
    asyncio.run(main())
