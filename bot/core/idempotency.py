"""Process each delivery once: its key is inserted in the transaction of its effects."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import ProcessedInput
from nucleo.db import rows_changed


async def first_delivery(session: AsyncSession, key: str, now: datetime, *,
                         is_sqlite: bool) -> bool:
    """Record the delivery key; False when it was already processed (commit decides)."""
    dialect = sqlite if is_sqlite else postgresql
    statement = (dialect.insert(ProcessedInput).values(key=key[:80], received_at=now)
                 .on_conflict_do_nothing(index_elements=["key"]))
    return bool(await rows_changed(session, statement))
