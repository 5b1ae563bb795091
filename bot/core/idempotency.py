"""Process each delivery once: its key is inserted in the transaction of its effects."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import ProcessedInput
from nucleo.db import insert_new


async def first_delivery(session: AsyncSession, key: str, now: datetime) -> bool:
    """Record the delivery key; False when it was already processed (commit decides)."""
    return bool(await insert_new(session, ProcessedInput, {"key": key[:80], "received_at": now},
                                 ["key"]))
