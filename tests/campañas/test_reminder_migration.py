"""Upgrading a database that already holds automatic reminder campaigns (``recordatorio:*``,
made before runs knew their round): their runs become round 1, other campaigns' runs keep no
round, and the round index then holds one run per campaign, piece and round. Both engines."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from nucleo.db import Database
from nucleo.migrate import upgrade_database
from tests.conftest import PG_URL, empty_pg_schema, require_postgres

BEFORE_ROUNDS = "i001_delivery_reach_probes"
NOW = "CURRENT_TIMESTAMP"


def _day(number: int) -> str:
    """A literal timestamp both engines read (runs of one piece differ in ``scheduled_for``)."""
    return f"'2026-06-{number:02d} 13:00:00'"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def empty(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """An empty database of each engine (a schema of its own on PostgreSQL)."""
    if request.param == "sqlite":
        db = Database(f"sqlite+aiosqlite:///{tmp_path / 'old.db'}")
        yield db
        await db.dispose()
        return
    require_postgres(request.getfixturevalue("postgres_available"))
    async with empty_pg_schema("r") as schema:
        db = Database(PG_URL, schema=schema)
        try:
            yield db
        finally:
            await db.dispose()


async def _campaign(conn: AsyncConnection, origin: str | None) -> int:
    found = await conn.execute(text(
        "INSERT INTO campaigns (name, rotation, status, audience, channels, timezone, version, "
        f"created_at, updated_at, origin) VALUES ('c', false, 'en_curso', '{{}}', '[]', "
        f"'America/Bogota', 1, {NOW}, {NOW}, :origin) RETURNING id"), {"origin": origin})
    return int(found.scalar_one())


async def _piece_and_runs(conn: AsyncConnection, campaign: int, position: int, runs: int) -> int:
    piece = int((await conn.execute(text(
        "INSERT INTO campaign_pieces (campaign_id, position, value_key, phrase, caption_html, "
        "image_sha256, image_path, image_mime, image_generated, buttons, created_at) VALUES "
        f"(:c, :p, '', 'f', 'Texto {position}', '', '', '', false, '[]', {NOW}) RETURNING id"),
        {"c": campaign, "p": position})).scalar_one())
    for week in range(runs):
        await conn.execute(text(
            "INSERT INTO campaign_runs (campaign_id, piece_id, scheduled_for, state, missed, "
            f"targeted) VALUES (:c, :p, {_day(week + 1)}, 'en_curso', false, 3)"),
            {"c": campaign, "p": piece})
    return piece


async def test_existing_reminder_runs_become_round_one(empty: Database) -> None:
    db = empty
    await upgrade_database(db, BEFORE_ROUNDS)
    async with db.engine.begin() as conn:
        reminder = await _campaign(conn, "recordatorio:bienes_rentas:2026")
        first = await _piece_and_runs(conn, reminder, 1, runs=1)
        await _piece_and_runs(conn, reminder, 2, runs=1)  # the late text: its own piece and run
        weekly = await _campaign(conn, None)
        await _piece_and_runs(conn, weekly, 1, runs=2)  # one piece sent twice: no round, no clash
    await upgrade_database(db)
    async with db.engine.begin() as conn:
        rounds = (await conn.execute(text(
            "SELECT campaign_id, reminder_round FROM campaign_runs ORDER BY id"))).all()
        assert [tuple(r) for r in rounds] == [(reminder, 1), (reminder, 1), (weekly, None),
                                              (weekly, None)]
        texts = (await conn.execute(text("SELECT reminder_text FROM campaign_pieces"))).scalars()
        assert set(texts) == {None}  # adopted by their text at the next sweep
        await conn.execute(text(
            "INSERT INTO campaign_runs (campaign_id, piece_id, scheduled_for, state, missed, "
            f"targeted, reminder_round) VALUES (:c, :p, {_day(15)}, 'en_curso', false, 0, 2)"),
            {"c": reminder, "p": first})
    with pytest.raises(IntegrityError):
        async with db.engine.begin() as conn:
            await conn.execute(text(
                "INSERT INTO campaign_runs (campaign_id, piece_id, scheduled_for, state, missed, "
                f"targeted, reminder_round) VALUES (:c, :p, {_day(20)}, 'en_curso', false, 0, 1)"),
                {"c": reminder, "p": first})
