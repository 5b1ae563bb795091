"""Campaign sending benchmark: rate held against Telegram's limits, pipeline capacity, and
materialising deliveries, each printed next to a reference measured in the same run.

Run from the repo root: ``python -m bench.campaigns_send [--people 2000] [--no-postgres]``.

1. Full speed against the Telegram double enforcing a limit L (30/s, then 300/s): our engine
   (claims, rate limiter, python-telegram-bot, outcomes) vs python-telegram-bot's stock
   ``AIORateLimiter`` sending the same campaign (same file_id) to the same number of people.
   Achieved rate ÷ L (from the double's own request times), lost, duplicates, 429s.
2. Pipeline capacity against an unlimited double (no rate limiter), on SQLite and PostgreSQL,
   vs the bare Bot sending the same photos with the same concurrency and no database.
3. Time to materialise 10,000 deliveries (one INSERT … SELECT) vs an executemany INSERT of the
   same rows.
The double runs in its own process (``python -m tests.fakes.telegram``).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import platform
import tempfile
import time
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
from sqlalchemy import insert
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, ExtBot
from telegram.request import HTTPXRequest

from campañas import actions
from campañas.audience import materialise
from campañas.delivery import DeliveryEngine, Lane
from campañas.models import Delivery, Run
from campañas.senders.telegram import TelegramSender, make_bot
from campañas.store import DeliveryStore
from nucleo.db import Database
from nucleo.migrate import upgrade_database
from nucleo.models import Person
from nucleo.ratelimit import TelegramLimits, TelegramRateLimiter
from nucleo.settings import load_settings
from tests.fakes.telegram.limits import RateLimits
from tests.fakes.telegram.remote import RemoteTelegramDouble

PG_URL = os.environ.get("VALOR_TEST_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
NOW = datetime.now(UTC)


class Databases:
    """Fresh migrated databases: SQLite files in a temp folder, PostgreSQL schemas."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.schemas: list[str] = []

    async def make(self, kind: str) -> Database:
        if kind == "sqlite":
            db = Database(f"sqlite+aiosqlite:///{self.folder / uuid.uuid4().hex}.db")
        else:
            schema = "bench_" + uuid.uuid4().hex[:10]
            conn = await asyncpg.connect(PG_URL.replace("+asyncpg", ""))
            await conn.execute(f'CREATE SCHEMA "{schema}"')
            await conn.close()
            self.schemas.append(schema)
            db = Database(PG_URL, schema=schema)
        await upgrade_database(db)
        return db

    async def drop(self) -> None:
        if self.schemas:
            conn = await asyncpg.connect(PG_URL.replace("+asyncpg", ""))
            for schema in self.schemas:
                await conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
            await conn.close()


def settings_for(folder: Path, tg: RemoteTelegramDouble, rate: float):
    return load_settings(data_dir=folder, secret_key="bench-" + "k" * 32, telegram_rate=rate,
                         telegram_token=tg.token, telegram_base_url=tg.base_url)


async def seed_people(db: Database, n: int, first_chat: int) -> None:
    async with db.session() as session:
        await session.execute(insert(Person), [
            {"full_name": f"Persona {i}", "telegram_chat_id": first_chat + i, "subscribed": True,
             "status": "activa", "source": "bench", "created_at": NOW, "updated_at": NOW}
            for i in range(n)])
        await session.commit()


async def campaign(db: Database, settings, n: int, first_chat: int) -> None:
    """n subscribers and a one-piece campaign sent now (deliveries materialised)."""
    await seed_people(db, n, first_chat)
    async with db.session() as session:
        created = await actions.create_campaign(session, settings=settings, name="Bench",
                                                value="honestidad")
    async with db.session() as session:
        await actions.add_piece(session, settings=settings, campaign_id=created.id,
                                phrase="La honestidad es el primer capítulo del libro de la "
                                       "sabiduría", author="Thomas Jefferson")
    async with db.session() as session:
        await actions.send_now(session, settings=settings, campaign_id=created.id, now=NOW)


def sends(tg: RemoteTelegramDouble, chats: range) -> dict[str, float]:
    """Lost, duplicates, 429s and achieved rate, from the double's records."""
    records = [r for r in tg.requests_for(method="sendPhoto")
               if int(r["params"].get("chat_id", 0)) in chats]
    for r in records:
        r["params"]["chat_id"] = int(r["params"]["chat_id"])
    ok = sorted((r for r in records if r["status"] == 200), key=lambda r: r["time"])
    per_chat = Counter(r["params"]["chat_id"] for r in ok)
    span = ok[-1]["time"] - ok[0]["time"] if len(ok) > 1 else float("nan")
    return {"sent": len(ok), "lost": sum(1 for c in chats if per_chat[c] == 0),
            "duplicates": sum(n - 1 for n in per_chat.values() if n > 1),
            "429": sum(1 for r in records if r["status"] == 429),
            "rate": (len(ok) - 1) / span if span else float("nan")}


async def run_engine(db: Database, settings, rate: float | None, pool: int = 32) -> float:
    """Send every pending delivery with our engine; returns wall seconds."""
    limiter = TelegramRateLimiter(TelegramLimits(global_rate=rate)) if rate else None
    sender = TelegramSender(make_bot(settings, pool_size=pool), settings.data_dir, limiter)
    engine = DeliveryEngine(DeliveryStore(db, "bench"), {"telegram": Lane.paced(sender, rate)},
                            clock=lambda: NOW)
    await sender.bot.initialize()
    sender._initialized = True
    started = time.perf_counter()
    await engine.drain()
    elapsed = time.perf_counter() - started
    await sender.close()
    return elapsed


async def upload_once(tg: RemoteTelegramDouble, folder: Path, settings) -> str:
    from campañas.graphics import render_card
    from campañas.values import ValueRegistry

    png = render_card(ValueRegistry().get("honestidad"), "Frase", "Autor", "Alcaldía")
    bot = make_bot(settings)
    async with bot:
        message = await bot.send_photo(chat_id=1, photo=png)
    return message.photo[-1].file_id


async def run_aio(tg: RemoteTelegramDouble, settings, rate: float, chats: range,
                  file_id: str) -> tuple[float, int]:
    """PTB's stock AIORateLimiter sending the same photo to every chat; (seconds, errors)."""
    bot = ExtBot(settings.telegram_token.get_secret_value(), base_url=tg.base_url,
                 base_file_url=tg.base_file_url,
                 request=HTTPXRequest(connection_pool_size=32, pool_timeout=120),
                 rate_limiter=AIORateLimiter(overall_max_rate=rate, overall_time_period=1))
    errors = 0
    async with bot:
        started = time.perf_counter()
        results = await asyncio.gather(
            *(bot.send_photo(chat_id=c, photo=file_id, caption="<b>Honestidad</b>",
                             parse_mode="HTML") for c in chats), return_exceptions=True)
        elapsed = time.perf_counter() - started
    errors = sum(1 for r in results if isinstance(r, (TelegramError, Exception)))
    return elapsed, errors


async def run_bare(tg: RemoteTelegramDouble, settings, chats: range, file_id: str,
                   concurrency: int = 32) -> float:
    """The bare Bot, no database and no limiter: the ceiling for the pipeline figure."""
    bot = make_bot(settings, pool_size=concurrency)
    gate = asyncio.Semaphore(concurrency)

    async def one(chat: int) -> None:
        async with gate:
            await bot.send_photo(chat_id=chat, photo=file_id, caption="<b>Honestidad</b>",
                                 parse_mode="HTML")

    async with bot:
        started = time.perf_counter()
        await asyncio.gather(*(one(c) for c in chats))
        return time.perf_counter() - started


async def limited(folder: Path, dbs: Databases, people: int, limit: float) -> None:
    print(f"\n## Límite L = {limit:g}/s, {people} suscriptores (doble con límites de Telegram)")
    with RemoteTelegramDouble.spawn() as tg:
        tg.set_rate_limits(RateLimits(global_per_second=limit, global_burst=limit))
        settings = settings_for(folder, tg, limit)
        db = await dbs.make("sqlite")
        chats = range(10_000, 10_000 + people)
        await campaign(db, settings, people, chats.start)
        seconds = await run_engine(db, settings, limit)
        ours = sends(tg, chats)
        await db.dispose()
        file_id = await upload_once(tg, folder, settings)
        ref_chats = range(100_000, 100_000 + people)
        await asyncio.sleep(2)  # let the double's buckets refill
        ref_seconds, errors = await run_aio(tg, settings, limit, ref_chats, file_id)
        ref = sends(tg, ref_chats)
    for name, figures, wall in (("motor de campañas", ours, seconds),
                                ("AIORateLimiter (referencia)", ref, ref_seconds)):
        print(f"- {name}: tasa lograda {figures['rate']:.2f}/s = {figures['rate'] / limit:.3f} × L;"
              f" enviados {figures['sent']}, perdidos {figures['lost']}, duplicados "
              f"{figures['duplicates']}, 429: {figures['429']} "
              f"({100 * figures['429'] / people:.2f} %), tiempo total {wall:.1f} s")
    print(f"- errores devueltos por AIORateLimiter (max_retries=0): {errors}")
    print(f"- cociente motor ÷ referencia (tasa): {ours['rate'] / ref['rate']:.3f}")


async def capacity(folder: Path, dbs: Databases, people: int, kinds: list[str]) -> None:
    print(f"\n## Capacidad del canal de envío (doble sin límites, {people} entregas)")
    with RemoteTelegramDouble.spawn(unlimited=True, record_requests=False) as tg:
        settings = settings_for(folder, tg, 1000)
        file_id = await upload_once(tg, folder, settings)
        bare = people / await run_bare(tg, settings, range(1, people + 1), file_id)
        print(f"- referencia: Bot de python-telegram-bot sin base de datos, 32 en paralelo: "
              f"{bare:.0f}/s")
        for offset, kind in enumerate(kinds):
            db = await dbs.make(kind)
            await campaign(db, settings, people, 200_000 + offset * people)
            before = tg.stats()["sent"]
            seconds = await run_engine(db, settings, None)
            sent = tg.stats()["sent"] - before
            await db.dispose()
            print(f"- motor en {kind}: {sent / seconds:.0f} entregas/s ({sent} en {seconds:.2f} s)"
                  f" = {sent / seconds / bare:.2f} × referencia")


async def materialising(dbs: Databases, kinds: list[str], n: int = 10_000) -> None:
    print(f"\n## Materializar {n} entregas")
    for kind in kinds:
        db = await dbs.make(kind)
        await seed_people(db, n, 1)
        folder = Path(tempfile.mkdtemp())
        settings = load_settings(data_dir=folder, telegram_token="1:x", secret_key="k" * 32)
        async with db.session() as session:
            created = await actions.create_campaign(session, settings=settings, name="M",
                                                    value="respeto")
        async with db.session() as session:
            piece = await actions.add_piece(session, settings=settings, campaign_id=created.id,
                                            phrase="Frase")
        async with db.session() as session:
            runs = [Run(campaign_id=created.id, piece_id=piece.id, scheduled_for=NOW,
                        started_at=NOW),
                    Run(campaign_id=created.id, piece_id=piece.id, scheduled_for=NOW.replace(
                        year=NOW.year + 1), started_at=NOW)]
            session.add_all(runs)
            await session.commit()
        started = time.perf_counter()
        async with db.session() as session:
            added = await materialise(session, run_id=runs[0].id, piece_id=piece.id,
                                      spec={"type": "todos"}, channels=["telegram"], now=NOW)
            await session.commit()
        ours = time.perf_counter() - started
        async with db.session() as session:  # reference: the same rows sent by executemany
            await session.execute(Delivery.__table__.delete())
            await session.commit()
        started = time.perf_counter()
        async with db.session() as session:
            await session.execute(insert(Delivery), [
                {"run_id": runs[1].id, "piece_id": piece.id, "person_id": i + 1,
                 "channel": "telegram", "state": "pendiente", "attempts": 0,
                 "next_attempt_at": NOW, "created_at": NOW} for i in range(n)])
            await session.commit()
        ref = time.perf_counter() - started
        await db.dispose()
        print(f"- {kind}: {added} filas en {ours * 1000:.0f} ms (INSERT … SELECT … ON CONFLICT);"
              f" referencia executemany {ref * 1000:.0f} ms; cociente {ours / ref:.2f}")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--limits", default="30,300")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    logging.getLogger("telegram.ext.AIORateLimiter").setLevel(logging.CRITICAL)  # its 429s
    kinds = ["sqlite"] if args.no_postgres else ["sqlite", "postgresql"]
    print(f"# Envío de campañas — {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, "
          f"{platform.node()}, {os.cpu_count()} núcleos, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        dbs = Databases(Path(tmp))
        try:
            for limit in (float(x) for x in args.limits.split(",") if x):
                await limited(Path(tmp), dbs, args.people, limit)
            await capacity(Path(tmp), dbs, args.people, kinds)
            await materialising(dbs, kinds)
        finally:
            await dbs.drop()


if __name__ == "__main__":
    asyncio.run(main())
