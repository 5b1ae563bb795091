"""The 24-hour customer-service window: free-form messages only within 24 hours of the
person's last message (Meta's rule); outside it, only approved templates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.keys import ConversationKeys
from bot.core.types import WHATSAPP, PersonRef
from bot.whatsapp.models import WhatsAppWindow
from nucleo.db import Database, commit, upsert

WINDOW = timedelta(hours=24)


async def record_inbound(session: AsyncSession, key: str, at: datetime) -> None:
    """Move the chat's window start to ``at`` (never backwards: webhooks arrive out of order)."""
    insert = upsert(session, WhatsAppWindow).values(key=key, last_inbound_at=at)
    table = WhatsAppWindow.__table__
    await session.execute(insert.on_conflict_do_update(
        index_elements=["key"], set_={"last_inbound_at": insert.excluded.last_inbound_at},
        where=table.c.last_inbound_at < insert.excluded.last_inbound_at))
    await commit(session)


class ServiceWindow:
    """Answers «may this WhatsApp id get a free-form message now?» from the table."""

    def __init__(self, db: Database, keys: ConversationKeys,
                 clock: Callable[[], datetime]) -> None:
        self.db = db
        self.keys = keys
        self.clock = clock

    def key(self, wa_id: str) -> str:
        return self.keys.key(PersonRef(WHATSAPP, wa_id))

    async def record(self, wa_id: str, at: datetime) -> None:
        """Record an inbound message (its own small transaction)."""
        async with self.db.transaction() as session:
            await record_inbound(session, self.key(wa_id), min(at, self.clock()))

    async def last_inbound(self, wa_id: str) -> datetime | None:
        async with self.db.session() as session:
            row = await session.get(WhatsAppWindow, self.key(wa_id))
            return row.last_inbound_at if row is not None else None

    async def is_open(self, wa_id: str) -> bool:
        last = await self.last_inbound(wa_id)
        return last is not None and self.clock() - last < WINDOW
