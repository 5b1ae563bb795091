"""Who a survey is for, and joining it after the launch (people onboarded or linked later)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.encuestas.models import Survey, SurveyParticipation
from bot.encuestas.tally import ensure_cells, group_keys
from nucleo.directory.models import WhatsAppContact
from nucleo.models import Person, PersonStatus


def _listed(audience: dict[str, object], key: str) -> list[Any]:
    """A list the survey's audience stores (validated when the survey was defined)."""
    value = audience[key]
    return list(value) if isinstance(value, list | tuple) else []


async def audience_ids(session: AsyncSession, audience: dict[str, object],
                       only: list[int] | None = None) -> list[int]:
    """People of the audience who can get the survey in the chat (among ``only`` if given):
    on Telegram, or on WhatsApp with a stored number (the bot's notices reach them there)."""
    on_whatsapp = select(WhatsAppContact.person_id).where(
        WhatsAppContact.person_id == Person.id).exists()
    query = select(Person.id).where(
        Person.status == PersonStatus.ACTIVA.value,
        or_(and_(Person.telegram_chat_id.is_not(None), Person.telegram_blocked_at.is_(None)),
            on_whatsapp))
    if audience.get("person_ids"):
        query = query.where(Person.id.in_(_listed(audience, "person_ids")))
    elif not audience.get("all"):
        if audience.get("department_ids"):
            query = query.where(Person.department_id.in_(_listed(audience, "department_ids")))
        if audience.get("kinds"):
            query = query.where(Person.kind.in_(_listed(audience, "kinds")))
    if only is not None:
        query = query.where(Person.id.in_(only))
    return list(await session.scalars(query.order_by(Person.id)))


async def audience_groups(session: AsyncSession, people: list[int]) -> set[str]:
    """The counter groups of these people (cells are created for them before anyone answers)."""
    rows = await session.execute(select(Person.department_id, Person.kind).where(
        Person.id.in_(people)).distinct())
    return {key for department_id, kind in rows for key in group_keys(department_id, kind)}


async def invite_late(session: AsyncSession, survey: Survey, people: list[int],
                      now: datetime) -> list[int]:
    """Register as invited those of ``people`` in the audience of an open survey who are not
    yet, creating their groups' counters; returns who joined (caller commits)."""
    if not people:
        return []
    known = set(await session.scalars(select(SurveyParticipation.person_id).where(
        SurveyParticipation.survey_id == survey.id, SurveyParticipation.person_id.in_(people))))
    joining = [pid for pid in await audience_ids(session, survey.audience, only=people)
               if pid not in known]
    if joining:
        await ensure_cells(session, survey, await audience_groups(session, joining))
        session.add_all(SurveyParticipation(survey_id=survey.id, person_id=pid,
                                            last_contact_at=now) for pid in joining)
        await session.flush()
    return joining


async def newcomers(session: AsyncSession, survey: Survey) -> list[int]:
    """People of the audience who joined after the launch and were never invited."""
    invited = select(SurveyParticipation.person_id).where(
        SurveyParticipation.survey_id == survey.id,
        SurveyParticipation.person_id.is_not(None))  # NOT IN with a NULL matches nobody
    query = select(Person.id).where(Person.id.not_in(invited))
    candidates = list(await session.scalars(query))
    return await audience_ids(session, survey.audience, only=candidates) if candidates else []
