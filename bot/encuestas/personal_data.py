"""The surveys' /misdatos section: how many the person finished (never what they answered)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.encuestas import messages
from bot.encuestas.measures import FINISHED
from bot.encuestas.models import SurveyParticipation


async def section(session: AsyncSession, person_id: int, _tz: ZoneInfo) -> str:
    """«Encuestas terminadas: 1 (qué respondió no se guarda con su nombre)»."""
    finished = (await session.execute(select(func.count()).select_from(SurveyParticipation).where(
        SurveyParticipation.person_id == person_id,
        SurveyParticipation.status == FINISHED))).scalar_one()
    return messages.MY_SURVEYS.format(count=int(finished))
