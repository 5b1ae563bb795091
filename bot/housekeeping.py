"""Forget what the bot no longer needs: idle anonymous conversations, old delivery ids, old
web messages, finished outbox rows and WhatsApp statuses kept for messages never recorded."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete

from bot.models import Conversation, OutboxMessage, ProcessedInput, WebMessage
from nucleo.lifecycle import cancel_and_wait
from nucleo.outbox import FINISHED, OutboxState
from nucleo.services import Services
from nucleo.whatsapp_kept import purge as purge_kept

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Retention:
    """How long each kind of row is kept."""

    anonymous_conversation: timedelta = timedelta(hours=24)
    processed_inputs: timedelta = timedelta(days=2)
    web_messages: timedelta = timedelta(days=30)
    finished_outbox: timedelta = timedelta(days=30)
    finished_replies: timedelta = timedelta(days=1)  # the bot's replies to a Telegram chat


async def purge(services: Services, now: datetime, retention: Retention = Retention()) -> None:
    """Delete expired rows (one transaction)."""
    async with services.db.transaction() as session:
        await session.execute(delete(Conversation).where(
            Conversation.person_id.is_(None),
            Conversation.updated_at < now - retention.anonymous_conversation))
        await session.execute(delete(ProcessedInput).where(
            ProcessedInput.received_at < now - retention.processed_inputs))
        await session.execute(delete(WebMessage).where(
            WebMessage.created_at < now - retention.web_messages))
        await session.execute(delete(OutboxMessage).where(
            OutboxMessage.state.in_(FINISHED),
            OutboxMessage.created_at < now - retention.finished_outbox))
        await session.execute(delete(OutboxMessage).where(
            OutboxMessage.chat_id.is_not(None),
            OutboxMessage.state.in_((*FINISHED, OutboxState.INCIERTA.value)),
            OutboxMessage.created_at < now - retention.finished_replies))
        await purge_kept(session, now)  # WhatsApp statuses whose message never appeared


class Housekeeping:
    """Component running ``purge`` every ``interval`` seconds."""

    name = "bot-housekeeping"

    def __init__(self, services: Services, *, interval: float = 3600.0) -> None:
        self.services = services
        self.interval = interval
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name=self.name)

    async def _loop(self) -> None:
        while True:
            try:
                await purge(self.services, self.services.clock())
            except Exception:
                log.exception("bot housekeeping failed")
            await asyncio.sleep(self.interval)

    async def stop(self) -> None:
        if self._task is not None:
            await cancel_and_wait(self._task)
