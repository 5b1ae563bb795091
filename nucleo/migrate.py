"""Bring a database to the latest schema with Alembic (used on start and by ``valor db upgrade``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, text
from sqlalchemy.ext.asyncio import AsyncConnection

from nucleo.db import Database

SCRIPT_LOCATION = "nucleo:migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    return config


def _upgrade(connection: Connection, target: str) -> None:
    if connection.dialect.name == "postgresql":
        # Several processes may start at once: one migrates, the others wait for it.
        connection.execute(text("SELECT pg_advisory_xact_lock(72656)"))
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, target)


@asynccontextmanager
async def foreign_keys_off(conn: AsyncConnection) -> AsyncIterator[None]:
    """On SQLite, foreign keys off for the block and on again after it, even when it fails
    (the pragma only changes outside a transaction, so each change is committed). SQLite's
    table-rebuild procedure requires it: dropping a rebuilt table would otherwise delete the
    rows that reference it. A migration that rebuilds checks the references itself
    (``PRAGMA foreign_key_check``). Nothing on PostgreSQL."""
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        await conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        await conn.commit()
    try:
        yield
    finally:
        if sqlite:
            await conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            await conn.commit()


async def upgrade_database(db: Database, target: str = "heads") -> None:
    """Apply every pending migration (every feature branch up to its head), with foreign
    keys off on SQLite (``foreign_keys_off``)."""
    async with db.engine.connect() as conn, foreign_keys_off(conn), conn.begin():
        await conn.run_sync(_upgrade, target)
