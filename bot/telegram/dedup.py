"""Persisted dedup of Telegram update ids (a replayed update is ignored, even after restart)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite

from bot.models import TelegramUpdate
from nucleo.db import Database


async def first_time(db: Database, update_id: int, now: datetime) -> bool:
    """Record the update id; False when it was already processed."""
    dialect = sqlite if db.is_sqlite else postgresql
    statement = (dialect.insert(TelegramUpdate).values(update_id=update_id, received_at=now)
                 .on_conflict_do_nothing(index_elements=["update_id"]))
    async with db.session() as session:
        result = await session.execute(statement)
        await session.commit()
    return bool(result.rowcount)
