"""Contracts cross-check: 20,000 contracts against 3,000 preventive declarations.

Usage: .venv/bin/python bench/contracts_crosscheck.py [--contracts 20000] [--declarations 3000]
[--sample 400] [--pg-url URL | --no-postgres]

1. In memory, ``contracts.match`` (declarations indexed by person and name/NIT, one lookup per
   contract) against the reference measured in the same run: a naive nested scan that compares
   every contract with every declaration. The naive scan runs on a sample of contracts and is
   scaled to the full count; both must find the same flags on the sample.
2. End to end on SQLite and PostgreSQL: ``import_contracts`` of the 20,000-row CSV (Latin-1,
   semicolons) into a database with 3,000 people and their declarations, then the same file
   again (every contract updated, no flag added), against parsing the same file alone. Then
   one person's re-check after a new preventive declaration (``crosscheck_person``, the mean
   of 50) against HR's full re-check of the same data.

PostgreSQL: ``--pg-url`` (default ``VALOR_TEST_PG_URL`` or the local test server), on a
throwaway schema; ``--no-postgres`` skips it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

from bench.pg_schema import scratch_database
from bot.declaraciones import contracts
from bot.declaraciones.contracts import Contracted, Declared
from bot.declaraciones.models import Declaration
from nucleo.db import Database
from nucleo.migrate import upgrade_database
from nucleo.models import Person

COMPANIES = ["Constructora", "Inversiones", "Servicios", "Suministros", "Ingeniería"]


def company(i: int) -> str:
    return f"{COMPANIES[i % 5]} Núñez {i} S.A.S."


def dataset(n_contracts: int, n_declarations: int, seed: int = 7) -> tuple[
        list[Declared], list[Contracted], bytes]:
    rng = random.Random(seed)
    declared = [Declared(i + 1, i + 1, company(i), f"Mi hermano trabaja allí (NIT {900_000_000 + i}).")
                for i in range(n_declarations)]
    contracted = []
    lines = ["Número del contrato;Nombre del contratista;NIT;Objeto;Valor;Fecha de firma;"
             "Supervisor;Cédula del supervisor;Dependencia"]
    for c in range(n_contracts):
        person = rng.randrange(n_declarations) + 1
        # 2 % name the supervisor's declared company; the rest are other firms
        firm = person - 1 if rng.random() < 0.02 else n_declarations + c
        name, nit = company(firm), f"{900_000_000 + firm}-{firm % 10}"
        contracted.append(Contracted(c + 1, person, contracts.name_key(name), nit))
        lines.append(f"CD-{c:05d}-2026;{name};{nit};Obra número {c};$ {1_000_000 + c}.000;"
                     f"2026-03-01;Persona {person};{10_000_000 + person};Dependencia {person % 40}")
    return declared, contracted, ("\n".join(lines) + "\n").encode("latin-1")


def naive(declared: list[Declared], contracted: list[Contracted]) -> set[tuple[int, int]]:
    """The reference: every contract against every declaration."""
    found = set()
    for c in contracted:
        for d in declared:
            if d.person_id != c.supervisor_person_id:
                continue
            if contracts.name_key(d.counterparty) == c.contractor_key or (
                    c.contractor_document and contracts.document_base(c.contractor_document)
                    in contracts.documents_in(f"{d.counterparty} {d.description}")):
                found.add((c.contract_id, d.declaration_id))
    return found


PG_URL = os.environ.get("VALOR_TEST_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")


@asynccontextmanager
async def database(kind: str, pg_url: str) -> AsyncIterator[Database]:
    """A fresh migrated database: a SQLite file, or a throwaway PostgreSQL schema."""
    if kind == "postgresql":
        async with scratch_database(pg_url) as pg:
            await upgrade_database(pg)
            yield pg
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}")
        await upgrade_database(db)
        try:
            yield db
        finally:
            await db.dispose()


async def end_to_end(kind: str, pg_url: str, declared: list[Declared],
                     data: bytes) -> tuple[float, float, float, int, float, float]:
    """(parsing alone, first import, second import of the same file, flags, HR's full
    re-check, one person's re-check after a new declaration — the mean of 50) in seconds."""
    async with database(kind, pg_url) as db:
        now = datetime(2026, 12, 6, 15, tzinfo=UTC)
        async with db.session() as session:
            for d in declared:
                session.add(Person(id=d.person_id, full_name=f"Persona {d.person_id}",
                                   document_id=str(10_000_000 + d.person_id)))
            await session.flush()
            for d in declared:
                session.add(Declaration(
                    radicado=f"DP-2026-{d.declaration_id:05d}", series="DP", year=2026,
                    number=d.declaration_id, person_id=d.person_id, kind="preventiva",
                    matter="Preventiva", description=d.description, deciding_office="-",
                    state="registrada", created_at=now, counterparty=d.counterparty,
                    interest_holder="pariente"))
            await session.commit()
        start = time.perf_counter()
        contracts.read_contracts(data)
        parse = time.perf_counter() - start
        start = time.perf_counter()
        async with db.session() as session:
            report = await contracts.import_contracts(session, data, actor=None, now=now)
        full = time.perf_counter() - start
        start = time.perf_counter()
        async with db.session() as session:
            again = await contracts.import_contracts(session, data, actor=None, now=now)
        second = time.perf_counter() - start
        assert again.updated == report.created and again.new_flags == 0, "re-import changed flags"
        start = time.perf_counter()
        async with db.session() as session:
            assert await contracts.crosscheck(session, actor=None, now=now) == 0
        rerun = time.perf_counter() - start
        start = time.perf_counter()
        for person in range(1, 51):
            async with db.session() as session:
                assert await contracts.crosscheck_person(session, person_id=person, now=now) == 0
        one = (time.perf_counter() - start) / 50
        return parse, full, second, report.new_flags, rerun, one


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contracts", type=int, default=20_000)
    parser.add_argument("--declarations", type=int, default=3_000)
    parser.add_argument("--sample", type=int, default=400)
    parser.add_argument("--pg-url", default=PG_URL)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    declared, contracted, data = dataset(args.contracts, args.declarations)

    start = time.perf_counter()
    flags = contracts.match(declared, contracted)
    indexed = time.perf_counter() - start
    sample = contracted[:args.sample]
    start = time.perf_counter()
    reference = naive(declared, sample)
    naive_sample = time.perf_counter() - start
    naive_full = naive_sample * len(contracted) / len(sample)
    on_sample = {(f.contract_id, f.declaration_id) for f in contracts.match(declared, sample)}
    assert on_sample == reference, "the indexed and naive cross-checks disagree"
    print(f"{len(contracted):,} contracts × {len(declared):,} declarations: {len(flags)} flags")
    print(f"indexed match:        {indexed * 1000:8.1f} ms")
    print(f"naive nested scan:    {naive_full * 1000:8.1f} ms (scaled from {len(sample)} "
          f"contracts, {naive_sample * 1000:.1f} ms)")
    print(f"ratio naive/indexed:  {naive_full / indexed:8.0f}×")

    for kind in ("sqlite",) if args.no_postgres else ("sqlite", "postgresql"):
        parse, full, second, new_flags, rerun, one = asyncio.run(end_to_end(
            kind, args.pg_url, declared, data))
        print(f"{kind}: import + cross-check {full:6.2f} s ({new_flags} flags), "
              f"ratio {full / parse:.1f}×; same file again {second:6.2f} s, ratio "
              f"{second / parse:.1f}×; parsing alone {parse:5.2f} s")
        print(f"{kind}: one person's re-check {one * 1000:6.1f} ms against HR's full "
              f"re-check {rerun * 1000:6.1f} ms (ratio {one / rerun:.3f})")


if __name__ == "__main__":
    main()
