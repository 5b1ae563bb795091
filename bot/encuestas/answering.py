"""Answering a survey one question at a time (used by the chat flow).

Button data (the bot's ``<flow>:<action>:<arg>`` form): ``encuesta:start:<survey>``,
``encuesta:back:<survey>`` and ``encuesta:r:<survey>.<question>.<option>``, where the option
``-`` skips an optional question.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import partial

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.encuestas import messages, states
from bot.encuestas.audience import invite_late
from bot.encuestas.definition import MAX_TEXT_ANSWER
from bot.encuestas.models import (
    Survey,
    SurveyDraft,
    SurveyParticipation,
    SurveyQuestion,
)
from bot.encuestas.tally import ensure_cells, group_keys, pool_entries, pool_response
from nucleo.db import after_commit, commit, database_of, utcnow
from nucleo.errors import Conflict, InvalidInput, NotFound
from nucleo.models import Person
from nucleo.ports import Button
from nucleo.text import clean_text

SKIP = "-"
FLOW = "encuesta"


def start_data(survey_id: int) -> str:
    return f"{FLOW}:start:{survey_id}"


@dataclass(frozen=True)
class Step:
    """What to show next: a question (with buttons) or the closing thank-you."""

    text_html: str
    buttons: list[list[Button]] = field(default_factory=list)
    question_id: int | None = None
    expects_text: bool = False
    finished: bool = False


@dataclass(frozen=True)
class Choice:
    survey_id: int
    question_id: int
    option: str


def parse_choice(arg: str) -> Choice:
    """Read ``<survey>.<question>.<option>``; a malformed one is a forged or stale button."""
    parts = arg.split(".", 2)
    if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit() \
            or not 0 < len(parts[2]) <= 40:
        raise InvalidInput(messages.WRONG_QUESTION)
    return Choice(int(parts[0]), int(parts[1]), parts[2])


def parse_survey_id(arg: str) -> int:
    if not arg.isdigit() or len(arg) > 12:
        raise InvalidInput(messages.WRONG_QUESTION)
    return int(arg)


async def _open_survey(session: AsyncSession, survey_id: int) -> Survey:
    survey = await session.get(Survey, survey_id)
    if survey is None:
        raise NotFound(messages.NOT_FOUND)
    if survey.status == states.CERRADA:
        raise Conflict(messages.CLOSED)
    if survey.status != states.ABIERTA:
        raise Conflict(messages.NOT_OPEN)
    return survey


async def _participation(session: AsyncSession, survey_id: int,
                         person_id: int) -> SurveyParticipation:
    participation = await session.scalar(select(SurveyParticipation).where(
        SurveyParticipation.survey_id == survey_id,
        SurveyParticipation.person_id == person_id))
    if participation is None:
        survey = await session.get(Survey, survey_id)
        if survey is not None and await invite_late(session, survey, [person_id], utcnow()):
            return await _participation(session, survey_id, person_id)
    if participation is None:
        raise Conflict(messages.NOT_INVITED)
    if participation.status == "terminada":
        raise Conflict(messages.ALREADY_DONE)
    return participation


async def _draft(session: AsyncSession, survey_id: int, person_id: int) -> SurveyDraft:
    draft = await session.scalar(select(SurveyDraft).where(
        SurveyDraft.survey_id == survey_id, SurveyDraft.person_id == person_id))
    if draft is None:
        draft = SurveyDraft(survey_id=survey_id, person_id=person_id, position=0, answers={})
        session.add(draft)
    return draft


def _question_step(survey: Survey, draft: SurveyDraft) -> Step:
    question = survey.questions[draft.position]
    total = len(survey.questions)
    lines = [f"<i>{messages.PROGRESS.format(n=draft.position + 1, total=total)}</i>",
             "", html.escape(question.text)]
    current = draft.answers.get(str(question.id))
    if current and current != SKIP:
        label = next((o["label"] for o in question.options if o["key"] == current), current)
        lines += ["", messages.CURRENT_CHOICE.format(label=html.escape(label[:200]))]
    rows = [[Button(o["label"], f"{FLOW}:r:{survey.id}.{question.id}.{o['key']}")]
            for o in question.options]
    if question.kind == "text":
        lines += ["", messages.TEXT_HINT.format(n=MAX_TEXT_ANSWER)]
    navigation = []
    if draft.position > 0:
        navigation.append(Button(messages.BACK, f"{FLOW}:back:{survey.id}"))
    if not question.required:
        navigation.append(Button(messages.SKIP, f"{FLOW}:r:{survey.id}.{question.id}.{SKIP}"))
    if navigation:
        rows.append(navigation)
    return Step("\n".join(lines), rows, question.id, expects_text=question.kind == "text")


async def start(session: AsyncSession, survey_id: int, person_id: int) -> Step:
    """Start or resume where the person left off."""
    survey = await _open_survey(session, survey_id)
    participation = await _participation(session, survey_id, person_id)
    participation.status = "en_curso"
    draft = await _draft(session, survey_id, person_id)
    await commit(session)
    step = _question_step(survey, draft)
    if draft.position == 0 and not draft.answers:
        step = Step(messages.NOTICE_SHORT + "\n\n" + step.text_html, step.buttons,
                    step.question_id, step.expects_text)
    return step


async def open_for(session: AsyncSession, person_id: int) -> int | None:
    """The open survey this person was invited to (or, joined after the launch, is now in the
    audience of) and has not finished, if any."""
    opened = await session.scalars(select(Survey).where(Survey.status == states.ABIERTA))
    for survey in opened:
        await invite_late(session, survey, [person_id], utcnow())
    return await session.scalar(
        select(SurveyParticipation.survey_id)
        .join(Survey, Survey.id == SurveyParticipation.survey_id)
        .where(SurveyParticipation.person_id == person_id,
               SurveyParticipation.status != "terminada", Survey.status == states.ABIERTA)
        .order_by(SurveyParticipation.survey_id.desc()).limit(1))


async def back(session: AsyncSession, survey_id: int, person_id: int) -> Step:
    """Go back one question to change the previous answer."""
    survey = await _open_survey(session, survey_id)
    await _participation(session, survey_id, person_id)
    draft = await _draft(session, survey_id, person_id)
    draft.position = max(0, draft.position - 1)
    await commit(session)
    return _question_step(survey, draft)


def _check_answer(question: SurveyQuestion, value: str) -> str:
    if value == SKIP:
        if question.required:
            raise InvalidInput(messages.BAD_OPTION)
        return SKIP
    if question.kind == "text":
        text = clean_text(value, keep_newlines=True)
        if len(text) > MAX_TEXT_ANSWER:
            raise InvalidInput(messages.TEXT_TOO_LONG.format(n=MAX_TEXT_ANSWER))
        return text or SKIP
    if value not in {o["key"] for o in question.options}:
        raise InvalidInput(messages.BAD_OPTION)
    return value


async def answer(session: AsyncSession, survey_id: int, person_id: int, question_id: int,
                 value: str) -> Step:
    """Record an answer (a button, or typed text for a free-text question) and move on."""
    survey = await _open_survey(session, survey_id)
    participation = await _participation(session, survey_id, person_id)
    draft = await _draft(session, survey_id, person_id)
    index = next((i for i, q in enumerate(survey.questions) if q.id == question_id), None)
    if index is None or index > draft.position:
        raise InvalidInput(messages.WRONG_QUESTION)
    question = survey.questions[index]
    draft.answers = {**draft.answers, str(question.id): _check_answer(question, value)}
    draft.position = index + 1
    if draft.position < len(survey.questions):
        await commit(session)
        return _question_step(survey, draft)
    return await _finish(session, survey, participation, draft)


async def _finish(session: AsyncSession, survey: Survey, participation: SurveyParticipation,
                  draft: SurveyDraft) -> Step:
    """Mark the person done and delete the draft; the answers go to the anonymous pool only
    after this transaction commits, in one of their own (``tally.pool_response``), so nothing
    counted shares a transaction, an order or a time with this participation record."""
    person = await session.get(Person, participation.person_id)
    department_id = person.department_id if person else None
    kind = person.kind if person else None
    choices: dict[int, str] = {}
    texts: dict[int, str] = {}
    for question in survey.questions:
        value = draft.answers.get(str(question.id), SKIP)
        if value == SKIP:
            continue
        if question.kind == "text":
            texts[question.id] = value
        else:
            choices[question.id] = value
    await ensure_cells(session, survey, group_keys(department_id, kind))
    participation.status = "terminada"
    await session.execute(delete(SurveyDraft).where(SurveyDraft.id == draft.id))
    entries = pool_entries(department_id, kind, choices, texts)
    database = database_of(session)
    if database is not None:
        after_commit(session, partial(pool_response, database, survey.id, entries),
                     key=("survey-pool", participation.id))
    await commit(session)
    where = html.escape(survey.results_where)
    return Step(messages.THANKS.format(where=where).strip(), finished=True)


async def pending_text_question(session: AsyncSession, person_id: int) -> tuple[int, int] | None:
    """(survey id, question id) when the person's current question asks for typed text."""
    drafts = await session.scalars(select(SurveyDraft).where(SurveyDraft.person_id == person_id))
    for draft in drafts:
        survey = await session.get(Survey, draft.survey_id)
        if survey is None or survey.status != states.ABIERTA:
            continue
        if draft.position < len(survey.questions):
            question = survey.questions[draft.position]
            if question.kind == "text":
                return survey.id, question.id
    return None
