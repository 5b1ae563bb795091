"""Alembic environment: runs on a connection handed over by ``nucleo.migrate`` or, from the
alembic CLI, on ``VALOR_DATABASE_URL``."""

import asyncio

from alembic import context
from sqlalchemy.ext.asyncio import create_async_engine

from nucleo.db import Base
from nucleo.migrate import foreign_keys_off
from nucleo.registry import import_all_models

import_all_models()
config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_from_url() -> None:
    from nucleo.settings import load_settings

    engine = create_async_engine(load_settings().resolved_database_url)
    async with engine.connect() as conn, foreign_keys_off(conn), conn.begin():
        await conn.run_sync(_run)  # as nucleo.migrate does
    await engine.dispose()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    asyncio.run(_run_from_url())
