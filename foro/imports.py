"""Bring what people write directly in the forum (Discourse) into the service.

A topic opened in the forum's category becomes a suggestion (source ``forum``) linked to its
topic; its first post gives the text; later posts become replies. Discourse sends
``topic_created`` and ``post_created`` in no guaranteed order, so each import is "get or
create" by the topic id and the two converge on one suggestion.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from foro import messages
from foro.actions import MAX_TEXT, make_title
from foro.models import ForumLink, ForumPost, Suggestion
from foro.queue import enqueue_tags, queues_writes
from foro.states import Status
from nucleo.services import Services
from nucleo.text import clean_text, normalize_key

BACKEND = "discourse"


def topic_url(services: Services, slug: str | None, topic_id: int) -> str:
    """The public address of a Discourse topic."""
    base = str(services.settings.discourse_url or "").rstrip("/")
    return f"{base}/t/{slug or '-'}/{int(topic_id)}"


def value_from_tags(tags: list[str]) -> str | None:
    """The first tag that names one of the values."""
    for tag in tags:
        key = normalize_key(tag)
        if key in messages.VALUE_LABELS:
            return key
    return None


def _forum_text(raw: str | None, fallback: str) -> str:
    text = clean_text(raw or "", keep_newlines=True) or clean_text(fallback)
    return text[:MAX_TEXT] or messages.FORUM_IMPORTED_PLACEHOLDER


async def suggestion_for_topic(session: AsyncSession, topic_id: int) -> Suggestion | None:
    """The suggestion linked to a Discourse topic, if any."""
    return await session.scalar(select(Suggestion).join(
        ForumLink, ForumLink.suggestion_id == Suggestion.id).where(
        ForumLink.backend == BACKEND, ForumLink.external_topic_id == topic_id))


async def import_forum_topic(
    session: AsyncSession, services: Services, *, topic_id: int, title: str,
    username: str | None, tags: list[str], slug: str | None = None,
    first_post_raw: str | None = None, first_post_id: int | None = None,
) -> tuple[Suggestion, bool]:
    """Get or create the suggestion of a forum topic (caller commits); True when created."""
    existing = await suggestion_for_topic(session, topic_id)
    if existing is not None:
        if first_post_raw and existing.source == "forum":
            existing.text = _forum_text(first_post_raw, existing.title)
        return existing, False
    title = clean_text(title or "")[:200] or messages.FORUM_IMPORTED_PLACEHOLDER
    suggestion = Suggestion(
        ref=f"foro-{int(topic_id)}", title=make_title(title),
        text=_forum_text(first_post_raw, title),
        value=value_from_tags(tags), source="forum", status=Status.RECIBIDA.value,
        forum_username=(username or "")[:60] or None, created_at=services.clock(),
        updated_at=services.clock())
    session.add(suggestion)
    await session.flush()
    session.add(ForumLink(suggestion_id=suggestion.id, backend=BACKEND,
                          external_topic_id=int(topic_id), first_post_id=first_post_id,
                          url=topic_url(services, slug, topic_id), created_at=services.clock()))
    await session.flush()
    if queues_writes(services.settings):
        await enqueue_tags(session, suggestion.id, now=services.clock())
    return suggestion, True


async def import_forum_reply(
    session: AsyncSession, services: Services, *, topic_id: int, post_id: int, raw: str | None,
    username: str,
) -> ForumPost | None:
    """Store a forum reply under its suggestion (caller commits); None if unknown or known."""
    suggestion = await suggestion_for_topic(session, topic_id)
    if suggestion is None:
        return None
    if await session.scalar(select(ForumPost.id).where(ForumPost.external_post_id == post_id)):
        return None
    body = clean_text(raw or "", keep_newlines=True)[:MAX_TEXT]
    if not body:
        return None
    post = ForumPost(suggestion_id=suggestion.id, body=body, author_label=username[:80],
                     external_post_id=int(post_id), created_at=services.clock())
    session.add(post)
    await session.flush()
    return post
