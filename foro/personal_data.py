"""The forum's /misdatos section: suggestions and comments signed with the person's name."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from foro import messages
from foro.models import ForumPost, Suggestion


async def section(session: AsyncSession, person_id: int, _tz: ZoneInfo) -> str:
    """«Sugerencias: 2; comentarios en el foro: 1», counted in one statement."""
    suggestions = select(func.count()).select_from(Suggestion).where(
        Suggestion.author_person_id == person_id).scalar_subquery()
    posts = select(func.count()).select_from(ForumPost).where(
        ForumPost.author_person_id == person_id).scalar_subquery()
    mine, commented = (await session.execute(select(suggestions, posts))).one()
    return messages.MY_SUGGESTIONS.format(suggestions=int(mine), posts=int(commented))
