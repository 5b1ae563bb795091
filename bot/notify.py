"""The bot's one outgoing queue on Telegram: messages queued in the caller's transaction
(``bot_outbox``, on the shared outbox ``nucleo.outbox``) and sent after commit by
``OutboxWorker``, with retries.

Two kinds of rows share it:

* **notices** (the Notifier port, ``person_id``): sent through the person's channel. Telegram
  goes through the PTB bot (403 marks ``telegram_blocked_at``); WhatsApp, for a person with a
  WhatsApp number on record, through the Cloud API within its 24-hour rule
  (``bot.whatsapp.notices``); the web chat stores the message for the browser to fetch. A notice
  left in flight by a dead worker is sent again once its lease expires.
* **replies** on Telegram (``chat_id``, :func:`queue_replies`): written by the dialogue core in
  the transaction of the input they answer, sent right after its commit (the commit wakes the
  worker, :func:`wake_worker`) at ``Priority.REPLY``, in order within each chat. A reply left
  in flight by a dead worker becomes ``incierta`` and is never sent again by itself: an answer
  arriving twice, or minutes late, confuses more than one the person can ask for again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal, Protocol

from sqlalchemy import Row, and_, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot import messages
from bot.core.types import Reply, buttons_from_json, buttons_to_json
from bot.models import Conversation, OutboxMessage, WebMessage
from nucleo.db import Database, database_of, notify_at_commit, signal, table_of, utcnow
from nucleo.lifecycle import cancel_and_wait, wake_or_timeout
from nucleo.models import Person
from nucleo.outbox import Backoff, Outbox, OutboxState, Settle
from nucleo.ports import Button
from nucleo.services import Services

log = logging.getLogger(__name__)

TABLE = table_of(OutboxMessage)
QUEUED = "bot.outbox_queued"  # the after-commit signal that wakes the worker in this process
MAX_ATTEMPTS = 6  # sends of one queued message before it fails (also for late failures)


class OutboxNotifier:
    """``nucleo.ports.Notifier``: queue a message for a person in the caller's transaction."""

    def __init__(self, clock: Callable[[], datetime] = utcnow) -> None:
        self.clock = clock

    async def notify(self, session: AsyncSession, person_id: int, text_html: str,
                     buttons: list[list[Button]] | None = None) -> None:
        """Queue the message; nothing is sent unless the caller commits (which wakes the worker)."""
        _queue(session, [Reply(text_html, buttons or [])], person_id=person_id, chat_id=None,
               now=self.clock())


def _queue(session: AsyncSession, replies: list[Reply], *, person_id: int | None,
           chat_id: int | None, now: datetime) -> None:
    for reply in replies:
        session.add(OutboxMessage(person_id=person_id, chat_id=chat_id,
                                  text_html=reply.text_html,
                                  buttons=buttons_to_json(reply.buttons), image=reply.image,
                                  state=OutboxState.PENDIENTE.value, next_attempt_at=now,
                                  created_at=now))
    if replies:
        wake_worker(session)


def wake_worker(session: AsyncSession) -> None:
    """Wake the worker once this transaction commits; a rollback wakes nobody. In this process
    through ``QUEUED``; on PostgreSQL also the leader's, whichever process it runs in: a
    ``NOTIFY`` issued inside the transaction, right before its commit (PostgreSQL delivers it
    at commit and drops it on rollback), heard by ``QueuedAcrossProcesses``."""
    signal(session, QUEUED)
    database = database_of(session)
    if database is not None:
        notify_at_commit(session, notify_channel(database))


def notify_channel(database: Database) -> str:
    """The ``NOTIFY`` channel of the bot's outbox: per schema, as the leader's lock is."""
    name = f"valor_bot_outbox:{database.schema or 'public'}"  # PostgreSQL allows 63 bytes
    return name.encode()[:63].decode(errors="ignore")


def queue_replies(session: AsyncSession, chat_id: int, replies: list[Reply], *,
                  person_id: int | None, now: datetime) -> None:
    """Queue, in order, the bot's replies to a Telegram chat in the caller's transaction (the
    person the chat belongs to, if any, for the record); its commit wakes the worker."""
    _queue(session, replies, person_id=person_id, chat_id=chat_id, now=now)


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


class ReplySender(Protocol):
    """Delivers the bot's replies to a Telegram chat, ahead of notices and campaigns."""

    async def send_reply(self, chat_id: int, reply: Reply) -> Outcome: ...


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
            return Outcome("failed", error=messages.NOTIFY_NO_WEB_CHAT)
        session.add(WebMessage(conversation_key=key, text_html=reply.text_html,
                               buttons=buttons_to_json(reply.buttons), image=reply.image,
                               created_at=utcnow()))
        return Outcome("sent")


def notices_outbox(db: Database, **options: Any) -> Outbox:
    """The queue of the bot's messages (notices and replies) on the shared outbox: its table,
    back-off, sent column and error length, for the worker and for late failures alike."""
    return Outbox(db, TABLE, backoff=Backoff(2.0, 600.0), sent_column="sent_at",
                  error_length=200, **options)


class OutboxWorker:
    """Component that claims due outbox rows (``nucleo.outbox``) and sends them, retrying with
    backoff. Rows for different chats are sent concurrently (up to ``batch`` at a time), the
    rows of one chat one after the other, in order; a reply is not claimed while an earlier
    reply to its chat waits for a retry or is in flight. Every commit that queues a row wakes
    the worker (``QUEUED``), and so does every finished chat; ``interval`` is only the fallback
    poll (rows queued by another process, retries coming due)."""

    name = "bot-outbox"

    def __init__(self, services: Services, *, telegram: Sender | None = None,
                 web: Sender | None = None, whatsapp: ChannelSender | None = None,
                 replies: ReplySender | None = None,
                 interval: float = 1.0, batch: int = 50,
                 max_attempts: int = MAX_ATTEMPTS, lease: timedelta = timedelta(minutes=2),
                 reclaim_every: float = 30.0, notice_sessions: int = 4) -> None:
        self.services = services
        self.telegram = telegram
        self.replies = replies
        self.web = web or WebInboxSender()
        self.whatsapp = whatsapp
        self.interval = interval
        self.batch = batch
        self.outbox = notices_outbox(services.db, worker=self.name, lease=lease,
                                     max_attempts=max_attempts, resend=True,
                                     reclaim_every=reclaim_every,
                                     keep_uncertain=TABLE.c.chat_id.is_not(None))
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._chats: set[asyncio.Task[None]] = set()
        self._in_flight = 0  # rows claimed by the running chats, not settled yet
        # A notice's sender may write in the worker's session (the web inbox), so it holds a
        # connection while it sends: a few at a time, to leave the pool to the dialogue.
        self._notices = asyncio.Semaphore(notice_sessions)

    @property
    def clock(self) -> Callable[[], datetime]:
        return self.services.clock

    async def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name=self.name)

    async def stop(self) -> None:
        if self._task is not None:
            await cancel_and_wait(self._task)
            self._task = None
        chats = list(self._chats)
        for task in chats:
            task.cancel()
        await asyncio.gather(*chats, return_exceptions=True)

    def wake(self) -> None:
        """Look at the outbox now instead of at the next tick."""
        self._wake.set()

    async def _loop(self) -> None:
        while True:
            self._wake.clear()
            try:
                for rows in await self._claim(self.batch - self._in_flight):
                    self._start_chat(rows)
            except Exception:
                log.exception("outbox pass failed")
            await wake_or_timeout(self._wake, self.interval)

    def _start_chat(self, rows: list[Row[Any]]) -> None:
        self._in_flight += len(rows)
        task = asyncio.create_task(self._deliver_chat(rows), name=f"{self.name}-chat")
        self._chats.add(task)

        def done(finished: asyncio.Task[None]) -> None:
            self._chats.discard(finished)
            self._in_flight -= len(rows)
            self._wake.set()  # room for more, and the chat's next reply may be due

        task.add_done_callback(done)

    async def run_once(self) -> int:
        """Claim one batch of due messages and send them (chats concurrently); returns how
        many were claimed."""
        groups = await self._claim(self.batch)
        await asyncio.gather(*(self._deliver_chat(rows) for rows in groups))
        return sum(len(rows) for rows in groups)

    async def _claim(self, limit: int) -> list[list[Row[Any]]]:
        """Claim due rows, grouped by destination (a chat, or a person) in id order."""
        if limit <= 0:
            return []
        now = self.clock()
        await self.outbox.reclaim_if_due(now)
        t = TABLE
        claimed = await self.outbox.claim(now, limit, where=[self._in_order(now)],
                                          returning=[t.c.chat_id, t.c.person_id])
        groups: dict[tuple[str, int | None], list[Row[Any]]] = {}
        for row in claimed:
            key = ("chat", row.chat_id) if row.chat_id is not None else ("person", row.person_id)
            groups.setdefault(key, []).append(row)
        return list(groups.values())

    @staticmethod
    def _in_order(now: datetime) -> Any:
        """A reply is due only when no earlier reply to its chat is in flight, claimed, or
        waiting for a retry: replies reach a chat in the order they were written."""
        t, earlier = TABLE, TABLE.alias("earlier")
        held = exists().where(
            earlier.c.chat_id == t.c.chat_id, earlier.c.id < t.c.id,
            or_(earlier.c.state == OutboxState.ENVIANDO.value,
                and_(earlier.c.state == OutboxState.PENDIENTE.value,
                     or_(earlier.c.next_attempt_at > now, earlier.c.lease_until >= now))))
        return or_(t.c.chat_id.is_(None), ~held)

    async def _deliver_chat(self, rows: list[Row[Any]]) -> None:
        """Send one destination's rows in order; after a retry, give the rest back (they wait
        for it, see ``_in_order``)."""
        done = 0
        try:
            for row in rows:
                outcome = await self._deliver(row.id, attempts=row.attempts + 1)
                done += 1
                if outcome is not None and outcome.status == "retry" and row.chat_id is not None:
                    break
        except Exception:
            log.exception("outbox send failed")
        finally:
            if done < len(rows):  # stopped, failed or held back: give the rest back
                await asyncio.shield(self.outbox.release([r.id for r in rows[done:]]))

    async def _deliver(self, message_id: int, *, attempts: int) -> Outcome | None:
        if not await self.outbox.begin([message_id], self.clock()):
            return None
        async with self.services.db.session() as session:
            message = await session.get(OutboxMessage, message_id)
            if message is None:
                return None
            reply = Reply(message.text_html, buttons_from_json(message.buttons), message.image)
            chat_id, person_id = message.chat_id, message.person_id
        if chat_id is not None:  # a reply: no connection is held while it is sent
            outcome = await self._send_reply(chat_id, reply)
            async with self.services.db.session() as session:
                if outcome.status == "blocked":
                    await session.execute(update(Person).where(
                        Person.telegram_chat_id == chat_id,
                        Person.telegram_blocked_at.is_(None))
                        .values(telegram_blocked_at=self.clock()))
                await self.outbox.settle(session, [self._result(message_id, attempts, None,
                                                                outcome)])
                # A reply that left the queue keeps no text: what the bot said to a chat
                # (/misdatos repeats personal data) is not stored once it went or never will.
                await session.execute(update(OutboxMessage).where(
                    OutboxMessage.id == message_id,
                    OutboxMessage.state != OutboxState.PENDIENTE.value)
                    .values(text_html="", buttons=[], image=None))
                await session.commit()
            return outcome
        async with self._notices, self.services.db.session() as session:
            person = await session.get(Person, person_id) if person_id is not None else None
            outcome = await self._send(session, person, reply) if person else Outcome(
                "failed", error=messages.NOTIFY_PERSON_GONE)
            await self.outbox.settle(session, [self._result(message_id, attempts, person,
                                                            outcome)])
            if outcome.status == "sent" and outcome.message_ids and self.whatsapp is not None:
                self.whatsapp.remember(session, message_id, outcome.message_ids)
            await session.commit()
        return outcome

    async def _send_reply(self, chat_id: int, reply: Reply) -> Outcome:
        if self.replies is None:
            return Outcome("retry", retry_after=5.0, error=messages.NOTIFY_TELEGRAM_DOWN)
        return await self.replies.send_reply(chat_id, reply)

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


class QueuedAcrossProcesses:
    """PostgreSQL: the commit that queues a row in any process (a web replica answering a
    webhook) wakes the leader's worker at once, instead of at its next ``interval``: the
    transaction's ``NOTIFY`` (:func:`wake_worker`) reaches ``wake`` through a ``LISTEN`` on a
    connection of its own (this component, started with the worker)."""

    name = "bot-outbox-listen"

    def __init__(self, services: Services, wake: Callable[[], None]) -> None:
        self.services = services
        self.wake = wake
        self.channel = notify_channel(services.db)
        self._conn: Any = None

    async def start(self) -> None:
        import asyncpg
        from sqlalchemy.engine import make_url

        dsn = make_url(self.services.db.url).set(drivername="postgresql")
        try:
            self._conn = await asyncpg.connect(dsn.render_as_string(hide_password=False),
                                               timeout=10)
            await self._conn.add_listener(self.channel, self._heard)
        except Exception as exc:
            log.warning("the outbox worker cannot listen (%s); it polls", type(exc).__name__)
            self._conn = None

    def _heard(self, *_args: object) -> None:
        self.wake()

    def queued_here(self) -> None:
        """The in-process signal of a commit that queued something: wake the worker only when
        no ``LISTEN`` is up (the transaction's ``NOTIFY`` wakes it otherwise; both would make
        it look at the queue twice for each reply)."""
        if self._conn is None or self._conn.is_closed():
            self.wake()

    async def stop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None and not conn.is_closed():
            try:
                await asyncio.wait_for(conn.close(), 5)
            except Exception:
                conn.terminate()
