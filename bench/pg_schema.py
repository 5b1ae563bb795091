"""A throwaway PostgreSQL schema for a bench run: created, handed out as a ``Database``, dropped."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg

from nucleo.db import Database


@asynccontextmanager
async def scratch_database(pg_url: str) -> AsyncIterator[Database]:
    """A ``Database`` on a new schema of ``pg_url`` (an asyncpg SQLAlchemy URL), dropped at
    the end whatever happens; the caller migrates it if it needs tables."""
    schema = "bench_" + uuid.uuid4().hex[:8]
    admin = await asyncpg.connect(pg_url.replace("+asyncpg", ""))
    await admin.execute(f'CREATE SCHEMA "{schema}"')
    try:
        pg = Database(pg_url, schema=schema)
        try:
            yield pg
        finally:
            await pg.dispose()
    finally:
        await admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        await admin.close()
