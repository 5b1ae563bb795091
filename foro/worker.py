"""The outbox worker: delivers queued forum writes to the external forum, in order, once.

Rows are claimed with a lease on the shared outbox (``nucleo.outbox``; several workers can
run), marked in flight right before each delivery through the ``ForumBackend`` (idempotent:
topics by ``external_id``, posts by a marker) and settled. Failures that may pass (Discourse
down, 5xx, 429, garbage) are retried with exponential backoff; refusals (4xx) are ``fallida``
for HR to look at. A worker that dies mid-delivery leaves its lease to expire; any worker's
reclaim then puts the write back (deliveries are idempotent, so the next one finds the topic
already there). Writes of one suggestion keep their order: once one is held back, the later
ones wait for the next round.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from foro import messages, notices
from foro.backends import ForumBackend, TopicDraft
from foro.links import external_id, suggestion_url
from foro.models import ForumLink, ForumOutbox, ForumPost, Suggestion, SuggestionAnswer
from foro.queue import enqueue
from nucleo.db import table_of
from nucleo.lifecycle import wake_or_timeout
from nucleo.outbox import Backoff, Outbox, Settle
from nucleo.services import Services

log = logging.getLogger(__name__)
REPLACED_TAGS = notices.STATUS_TAGS | frozenset(messages.VALUE_LABELS)
TABLE = table_of(ForumOutbox)


class Waiting(Exception):
    """The write depends on one not delivered yet (usually the topic)."""


class OutboxWorker:
    """A Component that delivers ``forum_outbox`` rows through a ``ForumBackend``."""

    name = "foro-outbox"

    def __init__(self, services: Services, backend: ForumBackend, *, poll_interval: float = 2.0,
                 lease_seconds: float = 120.0, batch: int = 20, base_backoff: float = 5.0,
                 max_backoff: float = 300.0, max_attempts: int = 200,
                 reclaim_every: float = 60.0) -> None:
        self.services = services
        self.backend = backend
        self.poll_interval = poll_interval
        self.batch = batch
        self.outbox = Outbox(services.db, TABLE, worker=self.name,
                             lease=timedelta(seconds=lease_seconds),
                             backoff=Backoff(base_backoff, max_backoff),
                             max_attempts=max_attempts, resend=True, sent_column="done_at",
                             error_length=1000, reclaim_every=reclaim_every,
                             gave_up_note=messages.OUTBOX_GAVE_UP)
        self._paused_until: datetime | None = None
        self._stopping = asyncio.Event()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Start delivering in the background."""
        self._stopping.clear()
        self._task = asyncio.create_task(self._loop(), name=self.name)

    async def stop(self) -> None:
        """Finish the current delivery, stop, and close the backend's connections."""
        self._stopping.set()
        self._wake.set()
        if self._task is not None:
            await self._task
            self._task = None
        await self.backend.aclose()

    async def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                delivered = await self.run_once()
            except Exception:
                log.exception("forum outbox round failed")
                delivered = 0
            if delivered == 0:
                await wake_or_timeout(self._wake, self.poll_interval)
                self._wake.clear()

    def wake(self) -> None:
        """Look at the outbox now (a write was queued) instead of at the next poll."""
        self._wake.set()

    async def run_once(self) -> int:
        """Deliver what is due now; returns how many writes were delivered.

        After a failure that may pass (forum down, 5xx, 429) the round stops and the worker
        pauses for the same backoff: no point knocking on a closed door once per write.
        """
        now = self.services.clock()
        if self._paused_until is not None and now < self._paused_until:
            return 0
        await self.outbox.reclaim_if_due(now)
        claimed = await self.outbox.claim(now, self.batch,
                                          returning=(TABLE.c.suggestion_id,))
        held: set[int] = set()
        delivered = 0
        unstarted: list[int] = []
        for position, row in enumerate(claimed):
            if row.suggestion_id in held or self._stopping.is_set():
                unstarted.append(row.id)
                continue
            if not await self.outbox.begin([row.id], self.services.clock()):
                continue
            outcome = await self._attempt(row.id, attempts=row.attempts + 1)
            if outcome is True:
                delivered += 1
                continue
            held.add(row.suggestion_id)
            if isinstance(outcome, datetime):
                self._paused_until = outcome
                unstarted.extend(r.id for r in claimed[position + 1:])
                break
        await self.outbox.release(unstarted)
        return delivered

    async def _attempt(self, item_id: int, *, attempts: int) -> bool | datetime:
        """True when delivered; False when held back; the retry time when the forum failed."""
        async with self.services.db.session() as session:
            item = await session.get(ForumOutbox, item_id)
            assert item is not None
            kind = item.kind
            try:
                await self._deliver(session, item)
            except Waiting as exc:
                await self._settle(session, self.outbox.retry(  # not an attempt: wait a little
                    item_id, self.services.clock(), str(exc), attempts=attempts - 1,
                    count=False))
                return False
            except Exception as exc:
                retryable = getattr(exc, "retryable", None)
                message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
                now = self.services.clock()
                if retryable is False:
                    log.warning("forum write %s (%s) refused; the reason is kept on its row", item_id, kind)
                    await self._settle(session, self.outbox.failed(item_id, now, message))
                    return False
                if retryable is None:
                    log.exception("unexpected error delivering forum write %s", item_id)
                result = self.outbox.retry(item_id, now, message, attempts=attempts,
                                           wait=getattr(exc, "retry_after", None))
                await self._settle(session, result)
                return (result.next_attempt_at or now) if retryable else False
            await self.outbox.settle(session, [self.outbox.sent(item_id, self.services.clock())])
            await session.commit()
            return True

    async def _settle(self, session: AsyncSession, result: Settle) -> None:
        """Record a failed attempt after undoing what the delivery wrote."""
        await session.rollback()
        await self.outbox.settle(session, [result])
        await session.commit()

    # -- one write -------------------------------------------------------------------------

    async def _deliver(self, session: AsyncSession, item: ForumOutbox) -> None:
        suggestion = await session.get(Suggestion, item.suggestion_id)
        if suggestion is None:
            return
        handler = getattr(self, f"_deliver_{item.kind}")
        await handler(session, item, suggestion)

    async def _link(self, session: AsyncSession, suggestion: Suggestion) -> ForumLink:
        link = await session.scalar(select(ForumLink).where(
            ForumLink.suggestion_id == suggestion.id))
        if link is not None:
            return link
        # e.g. a suggestion written before Discourse was set up: publish its topic first
        await enqueue(session, key=f"topic:{suggestion.id}", kind="topic",
                      suggestion_id=suggestion.id, now=self.services.clock())
        await session.commit()
        raise Waiting(f"el tema de la sugerencia {suggestion.id} aún no existe")

    def _tags(self, suggestion: Suggestion) -> list[str]:
        tags = [suggestion.value] if suggestion.value else []
        return [*tags, notices.status_tag(suggestion.status)]

    async def _deliver_topic(self, session: AsyncSession, item: ForumOutbox,
                             suggestion: Suggestion) -> None:
        if suggestion.hidden_at is not None or await session.scalar(
                select(ForumLink.id).where(ForumLink.suggestion_id == suggestion.id)):
            return
        place = await self.backend.ensure_topic(TopicDraft(
            external_id=external_id(suggestion.ref), title=suggestion.title,
            body=notices.topic_markdown(suggestion), tags=self._tags(suggestion)))
        session.add(ForumLink(suggestion_id=suggestion.id, backend=self.backend.name,
                              external_topic_id=place.topic_id, first_post_id=place.first_post_id,
                              url=place.url, created_at=self.services.clock()))

    async def _deliver_answer(self, session: AsyncSession, item: ForumOutbox,
                              suggestion: Suggestion) -> None:
        answer = await session.get(SuggestionAnswer, int(item.payload["answer_id"]))
        if answer is None or suggestion.hidden_at is not None:
            return
        link = await self._link(session, suggestion)
        duplicate_url = (suggestion_url(self.services.settings, answer.duplicate_of_id)
                         if answer.duplicate_of_id else None)
        await self.backend.post(link.external_topic_id, notices.answer_markdown(
            suggestion, answer, duplicate_url=duplicate_url),
            marker=notices.answer_marker(suggestion, answer))

    async def _deliver_reply(self, session: AsyncSession, item: ForumOutbox,
                             suggestion: Suggestion) -> None:
        post = await session.get(ForumPost, int(item.payload["post_id"]))
        if post is None or post.hidden_at is not None or post.external_post_id is not None:
            return
        link = await self._link(session, suggestion)
        marker = notices.reply_marker(suggestion, post.id)
        raw = "\n\n".join([messages.FORUM_REPLY_HEADER.format(author=post.author_label),
                           post.body, marker])
        post.external_post_id = await self.backend.post(link.external_topic_id, raw,
                                                        marker=marker)

    async def _deliver_tags(self, session: AsyncSession, item: ForumOutbox,
                            suggestion: Suggestion) -> None:
        if suggestion.hidden_at is not None:
            return
        link = await self._link(session, suggestion)
        await self.backend.set_tags(link.external_topic_id, self._tags(suggestion),
                                    replace=REPLACED_TAGS)

    async def _deliver_hide_post(self, session: AsyncSession, item: ForumOutbox,
                                 suggestion: Suggestion) -> None:
        post = await session.get(ForumPost, int(item.payload["post_id"]))
        if post is None or post.external_post_id is None:
            return  # never reached the forum (the reply write skips hidden posts)
        await self.backend.hide_post(post.external_post_id)

    async def _deliver_hide_topic(self, session: AsyncSession, item: ForumOutbox,
                                  suggestion: Suggestion) -> None:
        link = await session.scalar(select(ForumLink).where(
            ForumLink.suggestion_id == suggestion.id))
        if link is None or link.first_post_id is None:
            return  # no topic (the topic write skips hidden suggestions)
        await self.backend.hide_post(link.first_post_id)
