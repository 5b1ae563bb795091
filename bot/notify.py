"""The Notifier port: messages queued in the caller's transaction (``bot_outbox``) and sent
after commit by ``OutboxWorker`` through the person's channel, with retries.

Telegram goes through the PTB bot (403 marks ``telegram_blocked_at``); the web chat stores the
message for the browser to fetch.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, Protocol

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.types import Reply, buttons_from_json, buttons_to_json
from bot.models import Conversation, OutboxMessage, WebMessage
from nucleo.db import signal, utcnow
from nucleo.models import Person
from nucleo.ports import Button
from nucleo.services import Services

log = logging.getLogger(__name__)

PENDING, SENDING, SENT, FAILED, BLOCKED = "pendiente", "enviando", "enviado", "fallido", "bloqueado"
QUEUED = "bot.outbox_queued"  # the after-commit signal that wakes the worker


class OutboxNotifier:
    """``nucleo.ports.Notifier``: queue a message for a person in the caller's transaction."""

    def __init__(self, clock: Callable[[], datetime] = utcnow) -> None:
        self.clock = clock

    async def notify(self, session: AsyncSession, person_id: int, text_html: str,
                     buttons: list[list[Button]] | None = None) -> None:
        """Queue the message; nothing is sent unless the caller commits (which wakes the worker)."""
        session.add(OutboxMessage(person_id=person_id, text_html=text_html,
                                  buttons=buttons_to_json(buttons or []), status=PENDING,
                                  next_attempt_at=self.clock(), created_at=self.clock()))
        signal(session, QUEUED)


@dataclass(frozen=True)
class Outcome:
    """What happened to one send: sent, blocked (403), retry later, or failed for good."""

    status: Literal["sent", "blocked", "retry", "failed"]
    retry_after: float | None = None
    error: str | None = None


class Sender(Protocol):
    """Delivers replies to one person through one channel."""

    async def send(self, session: AsyncSession, person: Person, reply: Reply) -> Outcome: ...


class WebInboxSender:
    """Web chat: store the message in the person's most recent web conversation."""

    async def send(self, session: AsyncSession, person: Person, reply: Reply) -> Outcome:
        """Insert a web message, or fail when the person has no web chat."""
        key = (await session.execute(
            select(Conversation.key).where(Conversation.person_id == person.id,
                                           Conversation.channel == "web")
            .order_by(Conversation.updated_at.desc()).limit(1))).scalar()
        if key is None:
            return Outcome("failed", error="sin chat web")
        session.add(WebMessage(conversation_key=key, text_html=reply.text_html,
                               buttons=buttons_to_json(reply.buttons), image=reply.image,
                               created_at=utcnow()))
        return Outcome("sent")


class OutboxWorker:
    """Component that claims due outbox rows and sends them, retrying with backoff."""

    name = "bot-outbox"

    def __init__(self, services: Services, *, telegram: Sender | None = None,
                 web: Sender | None = None, interval: float = 1.0, batch: int = 50,
                 max_attempts: int = 6, reclaim_after: timedelta = timedelta(minutes=5)) -> None:
        self.services = services
        self.telegram = telegram
        self.web = web or WebInboxSender()
        self.interval = interval
        self.batch = batch
        self.max_attempts = max_attempts
        self.reclaim_after = reclaim_after
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()

    @property
    def clock(self) -> Callable[[], datetime]:
        return self.services.clock

    async def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name=self.name)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None

    def wake(self) -> None:
        """Look at the outbox now instead of at the next tick."""
        self._wake.set()

    async def _loop(self) -> None:
        while True:
            try:
                while await self.run_once() >= self.batch:
                    pass
            except Exception:  # noqa: BLE001 - keep the worker alive; the rows stay pending
                log.exception("outbox pass failed")
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=self.interval)
            except TimeoutError:
                pass
            self._wake.clear()

    async def run_once(self) -> int:
        """Claim and send one batch of due messages; returns how many were claimed."""
        ids = await self._claim()
        for message_id in ids:
            await self._deliver(message_id)
        return len(ids)

    async def _claim(self) -> list[int]:
        now = self.clock()
        due = or_(OutboxMessage.status == PENDING,
                  (OutboxMessage.status == SENDING)
                  & (OutboxMessage.claimed_at < now - self.reclaim_after))
        async with self.services.db.session() as session:
            query = (select(OutboxMessage.id).where(due, OutboxMessage.next_attempt_at <= now)
                     .order_by(OutboxMessage.id).limit(self.batch))
            if not self.services.db.is_sqlite:
                query = query.with_for_update(skip_locked=True)
            ids = list((await session.execute(query)).scalars())
            if ids:
                await session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(ids))
                                      .values(status=SENDING, claimed_at=now))
            await session.commit()
        return ids

    async def _deliver(self, message_id: int) -> None:
        async with self.services.db.session() as session:
            message = await session.get(OutboxMessage, message_id)
            if message is None or message.status != SENDING:
                return
            person = await session.get(Person, message.person_id)
            reply = Reply(message.text_html, buttons_from_json(message.buttons), message.image)
            outcome = await self._send(session, person, reply) if person else Outcome(
                "failed", error="persona borrada")
            self._record(message, person, outcome)
            await session.commit()

    async def _send(self, session: AsyncSession, person: Person, reply: Reply) -> Outcome:
        if person.telegram_chat_id is not None and self.telegram is not None:
            if person.telegram_blocked_at is not None:
                return Outcome("blocked", error="bloqueó el bot")
            return await self.telegram.send(session, person, reply)
        return await self.web.send(session, person, reply)

    def _record(self, message: OutboxMessage, person: Person | None, outcome: Outcome) -> None:
        now = self.clock()
        message.attempts += 1
        message.last_error = (outcome.error or "")[:200] or None
        if outcome.status == "sent":
            message.status, message.sent_at = SENT, now
        elif outcome.status == "blocked":
            message.status = BLOCKED
            if person is not None and person.telegram_blocked_at is None:
                person.telegram_blocked_at = now
        elif outcome.status == "retry" and message.attempts < self.max_attempts:
            delay = outcome.retry_after or min(600.0, 2.0 ** message.attempts)
            message.status, message.next_attempt_at = PENDING, now + timedelta(seconds=delay)
        else:
            message.status = FAILED
