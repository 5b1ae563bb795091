"""Queue forum writes in the caller's transaction (delivered after commit by the outbox worker).

Kinds and their idempotency keys:

* ``topic``      ``topic:{suggestion}``            create the suggestion's topic (once)
* ``answer``     ``answer:{suggestion}:{revision}`` post an official answer as a staff post
* ``reply``      ``reply:{post}``                  post a portal reply in the topic
* ``tags``       ``tags:{suggestion}:{n}``          set the value and status tags
* ``hide_post``  ``hide:{post}``                   hide (soft-delete) a reply
* ``hide_topic`` ``hide_topic:{suggestion}``       hide the whole topic

Queuing a key that is already queued does nothing, so an action run twice writes once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from foro.models import ForumOutbox
from nucleo.db import signal
from nucleo.outbox import OutboxState
from nucleo.settings import Settings

KINDS = ("topic", "answer", "reply", "tags", "hide_post", "hide_topic")
QUEUED = "foro.outbox_queued"  # the after-commit signal that wakes the worker


def queues_writes(settings: Settings) -> bool:
    """Whether forum writes go to an external forum (Discourse) through the outbox."""
    return settings.discourse_enabled


async def enqueue(session: AsyncSession, *, key: str, kind: str, suggestion_id: int,
                  now: datetime, payload: dict[str, Any] | None = None) -> ForumOutbox | None:
    """Add one write to the outbox unless its key is already there; returns the row."""
    if kind not in KINDS:
        raise ValueError(f"unknown outbox kind {kind!r}")
    existing = await session.scalar(select(ForumOutbox).where(ForumOutbox.key == key))
    if existing is not None:
        return existing
    item = ForumOutbox(key=key, kind=kind, suggestion_id=suggestion_id, payload=payload or {},
                       state=OutboxState.PENDIENTE.value, attempts=0, next_attempt_at=now, created_at=now)
    session.add(item)
    await session.flush()
    signal(session, QUEUED)
    return item


async def enqueue_tags(session: AsyncSession, suggestion_id: int, *,
                       now: datetime) -> ForumOutbox | None:
    """Queue a tag refresh unless one is already waiting (it reads the status when delivered)."""
    waiting = await session.scalar(select(ForumOutbox).where(
        ForumOutbox.suggestion_id == suggestion_id, ForumOutbox.kind == "tags",
        ForumOutbox.state == OutboxState.PENDIENTE.value))
    if waiting is not None:
        return waiting
    count = await session.scalar(select(func.count()).select_from(ForumOutbox).where(
        ForumOutbox.suggestion_id == suggestion_id, ForumOutbox.kind == "tags")) or 0
    return await enqueue(session, key=f"tags:{suggestion_id}:{count + 1}", kind="tags",
                         suggestion_id=suggestion_id, now=now)


async def retry_failed(session: AsyncSession, suggestion_id: int, *, now: datetime) -> int:
    """Put a suggestion's failed forum writes back in the queue (caller commits)."""
    failed = list(await session.scalars(select(ForumOutbox).where(
        ForumOutbox.suggestion_id == suggestion_id, ForumOutbox.state == OutboxState.FALLIDA.value)))
    for item in failed:
        item.state, item.attempts, item.next_attempt_at = OutboxState.PENDIENTE.value, 0, now
        item.claimed_by, item.lease_until = None, None
    if failed:
        signal(session, QUEUED)
    return len(failed)
