"""The Notifier port: messages queued in the caller's transaction (``bot_outbox``, on the
shared outbox ``nucleo.outbox``) and sent after commit by ``OutboxWorker`` through the person's
channel, with retries.

Telegram goes through the PTB bot (403 marks ``telegram_blocked_at``); WhatsApp, for a person
with a WhatsApp number on record, through the Cloud API within its 24-hour rule
(``bot.whatsapp.notices``); the web chat stores the message for the browser to fetch.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, Protocol

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import messages
from bot.core.types import Reply, buttons_from_json, buttons_to_json
from bot.models import Conversation, OutboxMessage, WebMessage
from nucleo.db import signal, table_of, utcnow
from nucleo.models import Person
from nucleo.outbox import Backoff, Outbox, OutboxState, Settle
from nucleo.ports import Button
from nucleo.services import Services

log = logging.getLogger(__name__)

TABLE = table_of(OutboxMessage)
QUEUED = "bot.outbox_queued"  # the after-commit signal that wakes the worker


class OutboxNotifier:
    """``nucleo.ports.Notifier``: queue a message for a person in the caller's transaction."""

    def __init__(self, clock: Callable[[], datetime] = utcnow) -> None:
        self.clock = clock

    async def notify(self, session: AsyncSession, person_id: int, text_html: str,
                     buttons: list[list[Button]] | None = None) -> None:
        """Queue the message; nothing is sent unless the caller commits (which wakes the worker)."""
        self.keep_replies(session, person_id, [Reply(text_html, buttons or [])])

    def keep_replies(self, session: AsyncSession, person_id: int, replies: list[Reply], *,
                     wait: float | None = None) -> None:
        """Queue, in order, replies a channel could not send right now (Telegram asked to wait
        ``wait`` seconds, or the network failed): the worker sends them with retries, so an
        answer is late rather than lost."""
        now = self.clock()
        due = now + timedelta(seconds=wait) if wait else now
        for reply in replies:
            session.add(OutboxMessage(person_id=person_id, text_html=reply.text_html,
                                      buttons=buttons_to_json(reply.buttons), image=reply.image,
                                      state=OutboxState.PENDIENTE.value, next_attempt_at=due,
                                      created_at=now))
        signal(session, QUEUED)


@dataclass(frozen=True)
class Outcome:
    """What happened to one send: sent, blocked (403), retry later, or failed for good."""

    status: Literal["sent", "blocked", "retry", "failed"]
    retry_after: float | None = None
    error: str | None = None
    rate_limited: bool = False  # the channel asked to slow down (counted in the metrics)
    message_ids: tuple[str, ...] = ()  # what the channel calls the messages sent (WhatsApp)


class Sender(Protocol):
    """Delivers replies to one person through one channel."""

    async def send(self, session: AsyncSession, person: Person, reply: Reply) -> Outcome: ...


class ChannelSender(Sender, Protocol):
    """A sender that reaches only some people (those with that channel on record)."""

    async def reaches(self, session: AsyncSession, person: Person) -> bool: ...

    def remember(self, session: AsyncSession, row_id: int, message_ids: tuple[str, ...]) -> None:
        """Keep the ids of a sent row's messages (in the caller's transaction), so the
        channel's later delivery statuses find the row."""


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
    """Component that claims due outbox rows (``nucleo.outbox``) and sends them, retrying with
    backoff. A message left in flight by a dead worker is sent again once its lease expires
    (``resend``): a duplicate notice is better than a lost one."""

    name = "bot-outbox"

    def __init__(self, services: Services, *, telegram: Sender | None = None,
                 web: Sender | None = None, whatsapp: ChannelSender | None = None,
                 interval: float = 1.0, batch: int = 50,
                 max_attempts: int = 6, lease: timedelta = timedelta(minutes=5),
                 reclaim_every: float = 60.0) -> None:
        self.services = services
        self.telegram = telegram
        self.web = web or WebInboxSender()
        self.whatsapp = whatsapp
        self.interval = interval
        self.batch = batch
        self.outbox = Outbox(services.db, TABLE, worker=self.name, lease=lease,
                             backoff=Backoff(2.0, 600.0), max_attempts=max_attempts,
                             resend=True, sent_column="sent_at", error_length=200,
                             reclaim_every=reclaim_every)
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
            except Exception:
                log.exception("outbox pass failed")
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=self.interval)
            except TimeoutError:
                pass
            self._wake.clear()

    async def run_once(self) -> int:
        """Claim and send one batch of due messages; returns how many were claimed."""
        now = self.clock()
        await self.outbox.reclaim_if_due(now)
        claimed = await self.outbox.claim(now, self.batch)
        done = 0
        try:
            for row in claimed:
                await self._deliver(row.id, attempts=row.attempts + 1)
                done += 1
        finally:
            if done < len(claimed):  # stopped or failed mid-batch: give the rest back
                await asyncio.shield(self.outbox.release([r.id for r in claimed[done:]]))
        return len(claimed)

    async def _deliver(self, message_id: int, *, attempts: int) -> None:
        if not await self.outbox.begin([message_id], self.clock()):
            return
        async with self.services.db.session() as session:
            message = await session.get(OutboxMessage, message_id)
            if message is None:
                return
            person = await session.get(Person, message.person_id)
            reply = Reply(message.text_html, buttons_from_json(message.buttons), message.image)
            outcome = await self._send(session, person, reply) if person else Outcome(
                "failed", error=messages.NOTIFY_PERSON_GONE)
            await self.outbox.settle(session, [self._result(message_id, attempts, person,
                                                            outcome)])
            if outcome.status == "sent" and outcome.message_ids and self.whatsapp is not None:
                self.whatsapp.remember(session, message_id, outcome.message_ids)
            await session.commit()

    async def _send(self, session: AsyncSession, person: Person, reply: Reply) -> Outcome:
        if person.telegram_chat_id is not None and self.telegram is not None:
            if person.telegram_blocked_at is not None:
                return Outcome("blocked", error="bloqueó el bot")
            return await self.telegram.send(session, person, reply)
        if self.whatsapp is not None and await self.whatsapp.reaches(session, person):
            return await self.whatsapp.send(session, person, reply)
        return await self.web.send(session, person, reply)

    def _result(self, message_id: int, attempts: int, person: Person | None,
                outcome: Outcome) -> Settle:
        now = self.clock()
        if outcome.status == "sent":
            return self.outbox.sent(message_id, now)
        if outcome.status == "blocked":
            if person is not None and person.telegram_blocked_at is None:
                person.telegram_blocked_at = now
            return self.outbox.failed(message_id, now, outcome.error, OutboxState.BLOQUEADA)
        if outcome.status == "retry":
            return self.outbox.retry(message_id, now, outcome.error, attempts=attempts,
                                     wait=outcome.retry_after)
        return self.outbox.failed(message_id, now, outcome.error)
