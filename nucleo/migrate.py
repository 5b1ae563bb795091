"""Bring a database to the latest schema with Alembic (used on start and by ``valor db upgrade``)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, text

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


async def upgrade_database(db: Database, target: str = "heads") -> None:
    """Apply every pending migration (every feature branch up to its head).

    On SQLite foreign keys are off while migrating (the pragma only changes outside a
    transaction), as SQLite's table-rebuild procedure requires: dropping a rebuilt table would
    otherwise delete the rows that reference it. A migration that rebuilds checks the
    references itself (``PRAGMA foreign_key_check``)."""
    async with db.engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            await conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            await conn.commit()
        try:
            async with conn.begin():
                await conn.run_sync(_upgrade, target)
        finally:
            if sqlite:
                await conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                await conn.commit()
