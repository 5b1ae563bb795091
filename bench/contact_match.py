"""Matching a contact shared in the bot («Compartir mi número») against a 20,000-person
directory, on SQLite and PostgreSQL.

The bot's lookup (``match_mobile``: E.164, then one indexed lookup on ``people.mobile``, as
``bot/flows/vinculo.py`` does) against a
reference measured in the same run: a naive scan that reads every person's number and compares
it in Python, as a directory without a normalised, indexed column would have to. Each lookup
opens its own session, as one bot message does. Half the contacts are in the directory.
Usage: .venv/bin/python bench/contact_match.py [--people 20000] [--lookups 400] [--pg URL]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

from sqlalchemy import select

from bench.pg_schema import scratch_database
from nucleo.db import Database
from nucleo.directory.importer import import_people
from nucleo.directory.phones import match_mobile, try_normalize
from nucleo.migrate import upgrade_database
from nucleo.models import Person, PersonStatus


def number(i: int) -> str:
    return f"3{10 + i // 10_000_000:02d}{i % 10_000_000:07d}"  # 310xxxxxxx, 311xxxxxxx...


def make_csv(people: int) -> bytes:
    lines = ["nombre;documento;correo;celular;dependencia;tipo"]
    lines += [f"Persona {i};{10_000_000 + i};p{i}@alcaldia.gov.co;{number(i * 7)};Dep {i % 60};"
              "servidor" for i in range(people)]
    return ("\n".join(lines) + "\n").encode()


def contacts(people: int, lookups: int) -> list[str]:
    rng = random.Random(17)
    return ["57" + number(rng.randrange(people) * 7 + (0 if k % 2 == 0 else 3))
            for k in range(lookups)]  # even: in the directory; odd: nobody's


async def indexed(db: Database, phones: list[str]) -> tuple[float, int]:
    found = 0
    start = time.perf_counter()
    for phone in phones:
        async with db.session() as session:
            found += await match_mobile(session, phone) is not None
    return time.perf_counter() - start, found


async def naive(db: Database, phones: list[str]) -> tuple[float, int]:
    found = 0
    start = time.perf_counter()
    for phone in phones:
        wanted = try_normalize(phone, with_country_code=True)
        async with db.session() as session:
            rows = (await session.execute(select(Person.id, Person.mobile).where(
                Person.status == PersonStatus.ACTIVA.value))).all()
        found += any(mobile == wanted for _pid, mobile in rows)
    return time.perf_counter() - start, found


async def run(name: str, db: Database, data: bytes, phones: list[str], naive_n: int) -> None:
    await upgrade_database(db)
    start = time.perf_counter()
    async with db.session() as session:
        report = await import_people(session, data, create_departments=True)
    load = time.perf_counter() - start
    assert not report.rejected, report.rejected[:3]
    fast, hits = await indexed(db, phones)
    slow, slow_hits = await naive(db, phones[:naive_n])
    assert slow_hits == sum(1 for k in range(naive_n) if k % 2 == 0) and hits == len(phones) // 2
    per_fast, per_slow = fast / len(phones), slow / naive_n
    print(f"{name:<10} import {report.created:,} with mobiles {load:.2f}s | find_by_mobile "
          f"{per_fast * 1000:.3f} ms/lookup ({len(phones) / fast:,.0f}/s) | naive scan "
          f"{per_slow * 1000:.2f} ms/lookup = {per_slow / per_fast:.0f}x slower")


async def main(people: int, lookups: int, pg_url: str) -> None:
    data = make_csv(people)
    phones = contacts(people, lookups)
    naive_n = max(2, lookups // 10)
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = Database(f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}")
        try:
            await run("SQLite", sqlite, data, phones, naive_n)
        finally:
            await sqlite.dispose()
    async with scratch_database(pg_url) as pg:
        await run("PostgreSQL", pg, data, phones, naive_n)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--lookups", type=int, default=400)
    parser.add_argument("--pg", default="postgresql+asyncpg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    asyncio.run(main(args.people, args.lookups, args.pg))
