"""Replies under a suggestion and moderation (hide with a reason; the author is told)."""

from __future__ import annotations

from html import escape
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from foro import messages
from foro.actions import clean_body, load_suggestion
from foro.models import ForumPost, Suggestion
from foro.queue import enqueue, queues_writes
from nucleo import audit
from nucleo.db import commit
from nucleo.errors import Conflict, InvalidInput, NotFound
from nucleo.models import Person, StaffAccount
from nucleo.ports import NOTIFIER
from nucleo.services import Services
from nucleo.text import normalize_key

MAX_REPLY = 5_000


def parse_reason(reason: str) -> str:
    """The moderation reason's key: spam, ofensivo or no_corresponde."""
    key = normalize_key(reason or "").replace(" ", "_").replace("-", "_")
    if key not in messages.MODERATION_REASONS:
        raise InvalidInput(messages.UNKNOWN_REASON.format(
            value=str(reason)[:40], options=", ".join(messages.MODERATION_REASONS)))
    return key


async def reply(session: AsyncSession, services: Services, *, suggestion_id: int, body: Any,
                person_id: int | None = None, staff: StaffAccount | None = None) -> ForumPost:
    """Add a reply from a person (portal login) or from HR staff; queue it for Discourse."""
    suggestion = await load_suggestion(session, suggestion_id)
    if suggestion.hidden_at is not None:
        raise NotFound(messages.HIDDEN_SUGGESTION)
    text = clean_body(body, limit=MAX_REPLY, empty=messages.EMPTY_REPLY,
                      too_long=messages.REPLY_TOO_LONG)
    if staff is None and (person_id is None or await session.get(Person, person_id) is None):
        raise NotFound(messages.PERSON_NOT_FOUND)
    post = ForumPost(suggestion_id=suggestion.id, body=text,
                     author_person_id=None if staff else person_id,
                     author_staff_id=staff.id if staff else None,
                     author_label=messages.FORUM_AUTHOR_STAFF if staff
                     else messages.FORUM_AUTHOR_PERSON, created_at=services.clock())
    session.add(post)
    await session.flush()
    if staff is not None:
        audit.record(session, staff, "foro.respuesta.mensaje", target_type="forum_post",
                     target_id=post.id, details={"sugerencia": suggestion.id})
    if queues_writes(services.settings):
        await enqueue(session, key=f"reply:{post.id}", kind="reply", suggestion_id=suggestion.id,
                      now=services.clock(), payload={"post_id": post.id})
    await commit(session)
    return post


async def hide_post(session: AsyncSession, services: Services, staff: StaffAccount,
                    post_id: int, reason: str, *, suggestion_id: int | None = None) -> ForumPost:
    """Hide a reply for a reason; tell its author in the chat; record it in the audit log.

    With ``suggestion_id``, the reply must be under that suggestion (else NotFound).
    """
    key = parse_reason(reason)
    post = await session.get(ForumPost, post_id)
    if post is None or (suggestion_id is not None and post.suggestion_id != suggestion_id):
        raise NotFound(messages.POST_NOT_FOUND)
    if post.hidden_at is not None:
        raise Conflict(messages.ALREADY_HIDDEN)
    post.hidden_at, post.hidden_reason, post.hidden_by = services.clock(), key, staff.id
    await _tell(session, services, post.author_person_id,
                messages.NOTICE_HIDDEN_POST.format(reason=messages.MODERATION_REASONS[key]))
    if queues_writes(services.settings):
        await enqueue(session, key=f"hide:{post.id}", kind="hide_post",
                      suggestion_id=post.suggestion_id, now=services.clock(),
                      payload={"post_id": post.id})
    audit.record(session, staff, "foro.moderacion.mensaje", target_type="forum_post",
                 target_id=post.id, details={"motivo": key, "sugerencia": post.suggestion_id})
    await commit(session)
    return post


async def hide_suggestion(session: AsyncSession, services: Services, staff: StaffAccount,
                          suggestion_id: int, reason: str) -> Suggestion:
    """Withdraw a whole suggestion from the forum for a reason; tell its author; audit it."""
    key = parse_reason(reason)
    suggestion = await load_suggestion(session, suggestion_id)
    if suggestion.hidden_at is not None:
        raise Conflict(messages.ALREADY_HIDDEN)
    suggestion.hidden_at, suggestion.hidden_reason = services.clock(), key
    await _tell(session, services, suggestion.author_person_id,
                messages.NOTICE_HIDDEN_SUGGESTION.format(
                    title=escape(suggestion.title), reason=messages.MODERATION_REASONS[key]))
    if queues_writes(services.settings):
        await enqueue(session, key=f"hide_topic:{suggestion.id}", kind="hide_topic",
                      suggestion_id=suggestion.id, now=services.clock())
    audit.record(session, staff, "foro.moderacion.sugerencia", target_type="suggestion",
                 target_id=suggestion.id, details={"motivo": key})
    await commit(session)
    return suggestion


async def _tell(session: AsyncSession, services: Services, person_id: int | None,
                text_html: str) -> None:
    notifier = services.get(NOTIFIER)
    if person_id is not None and notifier is not None:
        await notifier.notify(session, person_id, text_html)
