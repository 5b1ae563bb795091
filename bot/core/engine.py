"""The dialogue core: one input in, replies out; state loaded from and saved to the database."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from bot import messages
from bot.core.context import Context
from bot.core.dispatch import dispatch
from bot.core.flood import FloodControl, KeyedLocks
from bot.core.flow import FlowRegistry
from bot.core.idempotency import first_delivery
from bot.core.keyboard import keyboard_shown, settle
from bot.core.keys import ConversationKeys
from bot.core.types import CHANNELS, Input, Reply
from bot.models import Conversation
from bot.people import consents_of, find_person
from nucleo.errors import DomainError
from nucleo.services import Services

log = logging.getLogger(__name__)

# Writes replies to a durable queue in the input's own transaction: (session, the person the
# chat belongs to or None, replies). The Telegram channel passes one (``bot_outbox``).
ReplyQueue = Callable[[AsyncSession, int | None, list[Reply]], None]


class DialogueCore:
    """Runs flows for every channel. Chats are independent: each has its own lock (inputs of
    one chat run in order) and its own flood bucket; state lives in ``conversations`` with
    optimistic concurrency, so a restart or a second process continues the same dialogue.
    At most ``max_transactions`` inputs hold a database session at once (below the pool size,
    so bursts queue here instead of churning connections)."""

    def __init__(self, services: Services, registry: FlowRegistry, *,
                 flood: FloodControl | None = None, attempts: int = 3,
                 max_transactions: int = 8) -> None:
        self.services = services
        self.registry = registry
        self.keys = ConversationKeys(services.settings.secret_key.get_secret_value())
        self.flood = flood or FloodControl()
        self.locks = KeyedLocks()
        self.attempts = attempts
        self._transactions = asyncio.Semaphore(max_transactions)

    @property
    def clock(self) -> Callable[[], datetime]:
        return self.services.clock

    async def handle(self, event: Input, *, queue: ReplyQueue | None = None) -> list[Reply]:
        """Process one input of one chat and return the replies to send. With ``queue``, the
        replies of a processed input are written by it in that input's transaction (they are
        sent after commit, and only if it commits); what is returned then is only what could
        not be queued there (the flood warning, «try again»), for the caller to queue."""
        if event.ref.channel not in CHANNELS:
            raise ValueError(f"unknown channel {event.ref.channel!r}")
        key = self.keys.key(event.ref)
        verdict = self.flood.check(key)
        if verdict == "warn":
            return [Reply(messages.SLOW_DOWN)]
        if verdict == "drop":
            return []
        async with self.locks.hold(key):
            for attempt in range(self.attempts):
                try:
                    async with self._transactions:
                        return await self._handle_once(event, key, queue)
                except (StaleDataError, IntegrityError):
                    log.info("conversation changed elsewhere; retrying (attempt %d)", attempt + 1)
            return [Reply(messages.TRY_AGAIN)]

    async def _handle_once(self, event: Input, key: str,
                           queue: ReplyQueue | None) -> list[Reply]:
        """One input is one unit of work: the actions the flow calls only flush, and the
        block commits once (then their after-commit effects run)."""
        async with self.services.db.transaction() as session:
            if event.delivery_id is not None and not await first_delivery(
                    session, event.delivery_id, self.clock()):
                log.info("ignored a repeated delivery")
                return []
            found = await session.execute(select(Conversation).where(Conversation.key == key))
            conversation = found.scalars().first()
            if conversation is None:
                conversation = Conversation(key=key, channel=event.ref.channel, data={})
            person = await find_person(session, event.ref, conversation)
            keyboard_before = keyboard_shown(conversation.data)
            consents = await consents_of(session, person.id) if person is not None else {}
            now = self.clock()
            ctx = Context(session=session, services=self.services, registry=self.registry,
                          ref=event.ref, key=key, conversation=conversation, person=person,
                          consents=consents, now=now)
            person_id = person.id if person is not None else None
            if person is not None:
                conversation.person_id = person.id
                if person.telegram_blocked_at is not None:
                    person.telegram_blocked_at = None
            try:
                await dispatch(ctx, event)
            except DomainError as exc:
                await session.rollback()
                return self._queued(session, queue, person_id, [Reply(messages.escape(exc.message))])
            except (StaleDataError, IntegrityError):
                raise
            except Exception:
                log.exception("dialogue transition failed")
                await session.rollback()
                return self._queued(session, queue, person_id, [Reply(messages.SOMETHING_FAILED)])
            await self._keep_or_drop(ctx)
            replies = settle(ctx.replies, before=keyboard_before,
                             after=not ctx.forgotten and keyboard_shown(conversation.data))
            return self._queued(session, queue, None if ctx.forgotten else person_id, replies)

    @staticmethod
    def _queued(session: AsyncSession, queue: ReplyQueue | None, person_id: int | None,
                replies: list[Reply]) -> list[Reply]:
        """Hand the replies to ``queue`` in this transaction (nothing left for the caller), or
        return them when there is none."""
        if queue is None or not replies:
            return replies
        queue(session, person_id, replies)
        return []

    async def _keep_or_drop(self, ctx: Context) -> None:
        """Save the state; an idle chat of nobody (or an erased one) keeps no row at all."""
        conversation, session = ctx.conversation, ctx.session
        persistent = conversation in session and conversation.id is not None
        idle = conversation.flow is None and conversation.person_id is None
        if ctx.forgotten or (idle and ctx.person is None):
            if persistent and not ctx.forgotten:
                await session.delete(conversation)
            elif conversation in session:
                session.expunge(conversation)
            return
        conversation.updated_at = ctx.now
        if not persistent:
            session.add(conversation)
