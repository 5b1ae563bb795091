"""Reading suggestions for the portal and the API (no writes here)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from foro.models import ForumLink, ForumOutbox, ForumPost, Suggestion, SuggestionAnswer
from nucleo.text import search_words


@dataclass(frozen=True)
class Page:
    total: int
    items: list[Suggestion]


ORDERS = {
    "newest": (Suggestion.id.desc(),),
    "oldest": (Suggestion.id.asc(),),
    "updated": (Suggestion.updated_at.desc(), Suggestion.id.desc()),
}


async def list_suggestions(session: AsyncSession, *, status: str | None = None,
                           value: str | None = None, source: str | None = None,
                           include_hidden: bool = False, limit: int = 20,
                           offset: int = 0, order: str = "newest", q: str = "") -> Page:
    """Suggestions filtered by status, value, source and words of their title or text
    (accent- and case-blind; every word must appear; LIKE wildcards escaped, so a search is
    only ever text); newest first unless ``order`` says ``oldest`` (waiting longest) or
    ``updated`` (last changed)."""
    query = select(Suggestion).where(*_matching(q))
    if status:
        query = query.where(Suggestion.status == status)
    if value:
        query = query.where(Suggestion.value == value)
    if source:
        query = query.where(Suggestion.source == source)
    if not include_hidden:
        query = query.where(Suggestion.hidden_at.is_(None))
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(query.options(selectinload(Suggestion.answers))
                                 .order_by(*ORDERS[order]).limit(limit).offset(offset))
    return Page(total=total, items=list(rows))


async def count_by_status(session: AsyncSession, *, value: str | None = None,
                          include_hidden: bool = True, q: str = "") -> dict[str, int]:
    """How many suggestions are in each status (statuses without any are left out)."""
    query = (select(Suggestion.status, func.count()).where(*_matching(q))
             .group_by(Suggestion.status))
    if value:
        query = query.where(Suggestion.value == value)
    if not include_hidden:
        query = query.where(Suggestion.hidden_at.is_(None))
    return {status: n for status, n in (await session.execute(query)).all()}


SEARCH_MAX_WORDS = 100  # every word of the 200 characters the console and the API accept


def _matching(q: str) -> list[ColumnElement[bool]]:
    """Conditions for suggestions holding every word of the search ``q``."""
    return [Suggestion.search_key.contains(word, autoescape=True)
            for word in search_words(q, limit=SEARCH_MAX_WORDS)]


def published_answer(suggestion: Suggestion) -> SuggestionAnswer | None:
    """The latest published official answer."""
    return next((a for a in reversed(suggestion.answers) if a.published_at is not None), None)


async def posts_of(session: AsyncSession, suggestion_id: int, *,
                   include_hidden: bool = False) -> list[ForumPost]:
    """The replies under a suggestion, oldest first."""
    query = select(ForumPost).where(ForumPost.suggestion_id == suggestion_id)
    if not include_hidden:
        query = query.where(ForumPost.hidden_at.is_(None))
    return list(await session.scalars(query.order_by(ForumPost.id)))


async def link_of(session: AsyncSession, suggestion_id: int) -> ForumLink | None:
    """The suggestion's external topic, if published there."""
    return await session.scalar(select(ForumLink).where(ForumLink.suggestion_id == suggestion_id))


async def outbox_of(session: AsyncSession, suggestion_id: int) -> list[ForumOutbox]:
    """The suggestion's queued forum writes, oldest first."""
    return list(await session.scalars(select(ForumOutbox).where(
        ForumOutbox.suggestion_id == suggestion_id).order_by(ForumOutbox.id)))
