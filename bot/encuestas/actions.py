"""Survey actions: define, launch, close, remind. Each owns its transaction."""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.encuestas import messages, states
from bot.encuestas.answering import start_data
from bot.encuestas.audience import (
    audience_groups,
    audience_ids,
    invite_late,
    newcomers,
)
from bot.encuestas.definition import SurveyIn, normalized_questions
from bot.encuestas.models import Survey, SurveyDraft, SurveyParticipation, SurveyQuestion
from bot.encuestas.tally import ensure_cells, release
from nucleo import audit
from nucleo.db import commit
from nucleo.errors import InvalidInput, NotFound
from nucleo.formats import date_text
from nucleo.models import Department, StaffAccount
from nucleo.ports import Button
from nucleo.text import clean_text

# Sends the invitation to these people (through the campaign engine, or the notifier).
Inviter = Callable[[AsyncSession, Survey, list[int], str, list[list[Button]]], Awaitable[None]]
Notify = Callable[[AsyncSession, int, str, list[list[Button]] | None], Awaitable[None]]


async def get_survey(session: AsyncSession, survey_id: int) -> Survey:
    survey = await session.get(Survey, survey_id)
    if survey is None:
        raise NotFound(messages.NOT_FOUND)
    return survey


async def create_survey(session: AsyncSession, data: SurveyIn,
                        actor: StaffAccount | None) -> Survey:
    """Validate and store a survey in draft; nothing is stored when any part is invalid."""
    title = clean_text(data.title)
    if not title or len(title) > 200:
        raise InvalidInput(messages.TITLE_REQUIRED)
    if data.closes_on < data.opens_on:
        raise InvalidInput(messages.BAD_PERIOD)
    questions = normalized_questions(data.questions)
    audience = data.audience.model_dump()
    if data.audience.department_ids:
        known = set(await session.scalars(select(Department.id).where(
            Department.id.in_(data.audience.department_ids))))
        unknown = sorted(set(data.audience.department_ids) - known)
        if unknown:
            raise InvalidInput(messages.UNKNOWN_DEPARTMENTS.format(
                ids=", ".join(map(str, unknown[:20]))))
    if data.previous_id is not None:
        await get_survey(session, data.previous_id)
    survey = Survey(
        title=title, period_label=clean_text(data.period_label), opens_on=data.opens_on,
        closes_on=data.closes_on, intro=clean_text(data.intro, keep_newlines=True),
        results_where=clean_text(data.results_where, keep_newlines=True), audience=audience,
        max_reminders=data.max_reminders, reminder_every_hours=data.reminder_every_hours,
        previous_id=data.previous_id, created_by=actor.id if actor else None,
        questions=[SurveyQuestion(**q) for q in questions])
    session.add(survey)
    await session.flush()
    audit.record(session, actor, "survey.create", target_type="survey", target_id=survey.id,
                 details={"questions": len(questions)})
    await commit(session)
    return survey


def invitation(survey: Survey) -> tuple[str, list[list[Button]]]:
    text = messages.INVITATION.format(title=html.escape(survey.title),
                                      intro=html.escape(survey.intro),
                                      n=len(survey.questions))
    return text, [[Button(messages.INVITATION_BUTTON, start_data(survey.id))]]


async def launch_survey(session: AsyncSession, survey_id: int, actor: StaffAccount | None,
                        now: datetime, invite: Inviter) -> int:
    """Open the survey, register who is invited and queue the invitations; returns how many."""
    survey = await get_survey(session, survey_id)
    new_status = states.transition(survey.status, "lanzar")
    people = await audience_ids(session, survey.audience)
    if not people:
        raise InvalidInput(messages.EMPTY_AUDIENCE)
    survey.status, survey.launched_at = new_status, now
    # Every counter exists before anyone answers: counting only updates rows.
    await ensure_cells(session, survey, await audience_groups(session, people))
    session.add_all(SurveyParticipation(survey_id=survey.id, person_id=pid, last_contact_at=now)
                    for pid in people)
    text, buttons = invitation(survey)
    await invite(session, survey, people, text, buttons)
    audit.record(session, actor, "survey.launch", target_type="survey", target_id=survey.id,
                 details={"invited": len(people)})
    await commit(session)
    return len(people)


async def count_drafts(session: AsyncSession, survey_id: int) -> int:
    """How many people are half-way through the survey (their drafts go when it closes)."""
    return await session.scalar(select(func.count()).select_from(SurveyDraft).where(
        SurveyDraft.survey_id == survey_id)) or 0


async def close_survey(session: AsyncSession, survey_id: int, actor: StaffAccount | None,
                       now: datetime) -> None:
    """Close the survey: no more answers, unfinished drafts are deleted, and the responses
    still in the pool are counted in one last batch (``tally.release``)."""
    survey = await get_survey(session, survey_id)
    survey.status = states.transition(survey.status, "cerrar")
    survey.closed_at = now
    await session.execute(delete(SurveyDraft).where(SurveyDraft.survey_id == survey_id))
    await release(session, survey, final=True)
    audit.record(session, actor, "survey.close", target_type="survey", target_id=survey_id)
    await commit(session)


async def send_reminders(session: AsyncSession, now: datetime, notify: Notify) -> int:
    """Invite who joined the audience after the launch, and remind those who have not
    finished, at most ``max_reminders`` times, spaced."""
    sent = 0
    surveys = list(await session.scalars(select(Survey).where(Survey.status == states.ABIERTA)))
    for survey in surveys:
        late = await invite_late(session, survey, await newcomers(session, survey), now)
        text, buttons = invitation(survey)
        for person_id in late:
            await notify(session, person_id, text, buttons)
            sent += 1
        due = now - timedelta(hours=survey.reminder_every_hours)
        pending = await session.scalars(select(SurveyParticipation).where(
            SurveyParticipation.survey_id == survey.id,
            SurveyParticipation.person_id.not_in(late),
            SurveyParticipation.status != "terminada",
            SurveyParticipation.reminders_sent < survey.max_reminders,
            SurveyParticipation.last_contact_at <= due))
        text = messages.REMINDER.format(title=html.escape(survey.title),
                                        closes=date_text(survey.closes_on))
        buttons = [[Button(messages.INVITATION_BUTTON, start_data(survey.id))]]
        for participation in pending:
            if participation.person_id is None:  # only finished ones lose their person
                continue
            await notify(session, participation.person_id, text, buttons)
            participation.reminders_sent += 1
            participation.last_contact_at = now
            sent += 1
    await commit(session)
    return sent
