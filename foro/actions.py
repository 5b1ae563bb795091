"""Actions on suggestions. Each owns its transaction; forum writes are queued in it.

submit_suggestion → start_analysis → draft_answer → publish_answer (see ``foro.states``).
Replies and moderation are in ``foro.moderation``; forum imports in ``foro.imports``.
"""

from __future__ import annotations

import re
import secrets
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from foro import messages, notices
from foro.links import suggestion_url
from foro.models import Suggestion, SuggestionAnswer
from foro.queue import enqueue, enqueue_tags, queues_writes, retry_failed
from foro.states import Decision, Status, check_decision, check_transition, parse_status
from nucleo import audit
from nucleo.db import commit, rows_changed
from nucleo.errors import InvalidInput, NotFound, RateLimited
from nucleo.formats import number
from nucleo.models import Department, Person, StaffAccount
from nucleo.ports import NOTIFIER
from nucleo.services import Services
from nucleo.text import clean_text, normalize_key

MAX_TEXT = 5_000
MAX_ANSWER = 10_000
MAX_TITLE = 120
MAX_PER_PERSON_PER_DAY = 20
SOURCES = ("chat", "portal", "forum")
_MARKUP = re.compile(r"[#*_`>\[\]|~]+")
_TAGS = re.compile(r"</?[A-Za-z][^<>]{0,200}>")


def clean_body(text: Any, *, limit: int, empty: str, too_long: str) -> str:
    """Clean a person's text and enforce "not empty" and the length limit with a clear message."""
    if not isinstance(text, str):
        raise InvalidInput(empty)
    if len(text) > limit * 4:  # do not even normalise absurd inputs
        raise InvalidInput(too_long.format(n=number(len(text)),
                                           max=number(limit)))
    body = clean_text(text, keep_newlines=True)
    if not body:
        raise InvalidInput(empty)
    if len(body) > limit:
        raise InvalidInput(too_long.format(n=number(len(body)),
                                           max=number(limit)))
    return body


def parse_value(value: str | None) -> str | None:
    """The value's key ("Honestidad" → "honestidad"), None when not given."""
    if value is None or not str(value).strip():
        return None
    key = normalize_key(str(value))
    if key not in messages.VALUE_LABELS:
        raise InvalidInput(messages.UNKNOWN_VALUE.format(
            value=str(value)[:40], options=", ".join(messages.VALUE_LABELS.values())))
    return key


def make_title(text: str) -> str:
    """A short title from the first line of the text, without Markdown marks."""
    first = next((line for line in text.split("\n") if line.strip()), text)
    title = " ".join(_MARKUP.sub(" ", _TAGS.sub(" ", first)).split()) or " ".join(text.split())
    if len(title) > MAX_TITLE:
        title = title[: MAX_TITLE - 1].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"
    return title


async def load_suggestion(session: AsyncSession, suggestion_id: int) -> Suggestion:
    """The suggestion with its answers, or NotFound."""
    found = await session.scalar(select(Suggestion).where(Suggestion.id == suggestion_id)
                                 .options(selectinload(Suggestion.answers)))
    if found is None:
        raise NotFound(messages.SUGGESTION_NOT_FOUND)
    return found


async def submit_suggestion(
    session: AsyncSession, services: Services, *, text: Any, value: str | None = None,
    person_id: int | None = None, anonymous: bool = False, source: str = "chat",
    department_id: int | None = None, forum_username: str | None = None,
) -> Suggestion:
    """Record a suggestion (anonymous ones keep no link to the person) and queue its topic."""
    body = clean_body(text, limit=MAX_TEXT, empty=messages.EMPTY_SUGGESTION,
                      too_long=messages.TOO_LONG)
    if source not in SOURCES:
        raise InvalidInput(messages.UNKNOWN_SOURCE.format(value=str(source)[:20]))
    value_key = parse_value(value)
    author: int | None = None
    if not anonymous and source != "forum":
        if person_id is None:
            raise InvalidInput(messages.ANONYMOUS_WITH_PERSON)
        person = await session.get(Person, person_id)
        if person is None:
            raise NotFound(messages.PERSON_NOT_FOUND)
        await _check_daily_limit(session, services, person_id)
        author = person_id
        department_id = department_id if department_id is not None else person.department_id
    if department_id is not None and await session.get(Department, department_id) is None:
        raise NotFound(messages.DEPARTMENT_NOT_FOUND)
    suggestion = Suggestion(
        ref=secrets.token_hex(6), title=make_title(body), text=body, value=value_key,
        department_id=department_id, author_person_id=author, source=source,
        forum_username=(forum_username or None) and forum_username[:60],
        status=Status.RECIBIDA.value, created_at=services.clock(), updated_at=services.clock())
    session.add(suggestion)
    await session.flush()
    if queues_writes(services.settings) and source != "forum":
        await enqueue(session, key=f"topic:{suggestion.id}", kind="topic",
                      suggestion_id=suggestion.id, now=services.clock())
    await commit(session)
    return suggestion


async def _check_daily_limit(session: AsyncSession, services: Services, person_id: int) -> None:
    since = services.clock() - timedelta(days=1)
    count = await session.scalar(select(func.count()).select_from(Suggestion).where(
        Suggestion.author_person_id == person_id, Suggestion.created_at >= since)) or 0
    if count >= MAX_PER_PERSON_PER_DAY:
        raise RateLimited(messages.TOO_MANY_TODAY.format(n=count), retry_after=3600)


async def start_analysis(session: AsyncSession, services: Services, staff: StaffAccount,
                         suggestion_id: int) -> Suggestion:
    """Move a suggestion to "en análisis" (HR is studying it)."""
    suggestion = await load_suggestion(session, suggestion_id)
    previous = suggestion.status
    suggestion.status = check_transition(previous, Status.EN_ANALISIS).value
    suggestion.updated_at = services.clock()
    audit.record(session, staff, "foro.sugerencia.analisis", target_type="suggestion",
                 target_id=suggestion.id, details={"de": previous, "a": suggestion.status})
    if queues_writes(services.settings):
        await enqueue_tags(session, suggestion.id, now=services.clock())
    await commit(session)
    return suggestion


def _same_content(answer: SuggestionAnswer, status: Status, text: str, decision: Decision) -> bool:
    return (answer.status == status.value and answer.text == text
            and answer.action_plan == decision.action_plan
            and answer.action_due == decision.action_due and answer.reason == decision.reason
            and answer.duplicate_of_id == decision.duplicate_of_id)


async def draft_answer(
    session: AsyncSession, services: Services, staff: StaffAccount, suggestion_id: int, *,
    status: str, text: Any, action_plan: str | None = None, action_due: date | None = None,
    reason: str | None = None, duplicate_of_id: int | None = None,
) -> SuggestionAnswer:
    """Save HR's draft answer (a new revision, or the pending draft updated).

    A draft identical to the published answer is not a new revision: publishing it again
    changes nothing.
    """
    suggestion = await load_suggestion(session, suggestion_id)
    goal = check_transition(suggestion.status, parse_status(status))
    body = clean_body(text, limit=MAX_ANSWER, empty=messages.ANSWER_EMPTY,
                      too_long=messages.ANSWER_TOO_LONG)
    decision = check_decision(goal, Decision(
        action_plan=clean_text(action_plan, keep_newlines=True) if action_plan else None,
        action_due=action_due, reason=clean_text(reason, keep_newlines=True) if reason else None,
        duplicate_of_id=duplicate_of_id), suggestion_id=suggestion.id)
    if decision.duplicate_of_id is not None and \
            await session.get(Suggestion, decision.duplicate_of_id) is None:
        raise NotFound(messages.DUPLICATE_NOT_FOUND)
    latest = suggestion.answers[-1] if suggestion.answers else None
    if latest is not None and _same_content(latest, goal, body, decision):
        return latest
    if latest is None or latest.published_at is not None:
        latest = SuggestionAnswer(suggestion_id=suggestion.id,
                                  revision=(latest.revision + 1) if latest else 1)
        suggestion.answers.append(latest)
    latest.status, latest.text = goal.value, body
    latest.action_plan, latest.action_due = decision.action_plan, decision.action_due
    latest.reason, latest.duplicate_of_id = decision.reason, decision.duplicate_of_id
    latest.drafted_by, latest.drafted_at = staff.id, services.clock()
    await session.flush()
    audit.record(session, staff, "foro.respuesta.borrador", target_type="suggestion",
                 target_id=suggestion.id, details={"revision": latest.revision,
                                                   "estado": goal.value})
    await commit(session)
    return latest


async def publish_answer(session: AsyncSession, services: Services, staff: StaffAccount,
                         suggestion_id: int) -> tuple[SuggestionAnswer, bool]:
    """Publish the latest draft: new status, chat notice to the author, post in the topic.

    Returns the answer and whether this call published it (False: it already was).
    """
    suggestion = await load_suggestion(session, suggestion_id)
    if not suggestion.answers:
        raise NotFound(messages.NO_DRAFT)
    answer = suggestion.answers[-1]
    if answer.published_at is not None:
        return answer, False
    check_transition(suggestion.status, answer.status)
    now = services.clock()
    claimed = await rows_changed(
        session, update(SuggestionAnswer).where(SuggestionAnswer.id == answer.id,
                                       SuggestionAnswer.published_at.is_(None))
        .values(published_at=now, published_by=staff.id)
        .execution_options(synchronize_session=False))
    if claimed != 1:  # someone else published it a moment ago
        await session.rollback()
        return answer, False
    answer.published_at, answer.published_by = now, staff.id
    previous, suggestion.status, suggestion.updated_at = suggestion.status, answer.status, now
    await _notify_author(session, services, suggestion, answer)
    if queues_writes(services.settings):
        await enqueue(session, key=f"answer:{suggestion.id}:{answer.revision}", kind="answer",
                      suggestion_id=suggestion.id, now=now, payload={"answer_id": answer.id})
        await enqueue_tags(session, suggestion.id, now=now)
    audit.record(session, staff, "foro.respuesta.publicada", target_type="suggestion",
                 target_id=suggestion.id, details={"revision": answer.revision, "de": previous,
                                                   "a": answer.status})
    await commit(session)
    return answer, True


async def retry_forum_writes(session: AsyncSession, services: Services, staff: StaffAccount,
                             suggestion_id: int) -> int:
    """Queue again the forum writes the forum refused (e.g. after fixing the Discourse
    settings); returns how many."""
    await load_suggestion(session, suggestion_id)
    count = await retry_failed(session, suggestion_id, now=services.clock())
    audit.record(session, staff, "foro.foro.reintento", target_type="suggestion",
                 target_id=suggestion_id, details={"escrituras": count})
    await commit(session)
    return count


async def _notify_author(session: AsyncSession, services: Services, suggestion: Suggestion,
                         answer: SuggestionAnswer) -> None:
    notifier = services.get(NOTIFIER)
    if suggestion.author_person_id is None or notifier is None:
        return
    duplicate = (await session.get(Suggestion, answer.duplicate_of_id)
                 if answer.duplicate_of_id else None)
    text = notices.answer_notice_html(
        suggestion, answer, url=suggestion_url(services.settings, suggestion.id),
        duplicate_title=duplicate.title if duplicate else None)
    await notifier.notify(session, suggestion.author_person_id, text)
