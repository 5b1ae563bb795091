"""Answering in steps: progress, resume, change the previous answer, bad payloads."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from bot.encuestas import actions, answering, results
from bot.encuestas.models import (
    SurveyDraft,
    SurveyParticipation,
    SurveyPool,
    SurveyTextAnswer,
)
from nucleo.db import Database
from nucleo.errors import Conflict, InvalidInput
from tests.bot.encuestas.conftest import RecordingNotifier, make_people, small_survey

NOW = datetime(2026, 11, 2, 13, 0, tzinfo=UTC)


async def _launched(db: Database, notifier: RecordingNotifier, people: int = 2) -> tuple[int, list[int]]:
    ids = await make_people(db, {("Hacienda", "servidor"): people})

    async def invite(session, survey, person_ids, text, buttons):
        for pid in person_ids:
            await notifier.notify(session, pid, text, buttons)

    async with db.session() as session:
        survey = await actions.create_survey(session, small_survey(), None)
        invited = await actions.launch_survey(session, survey.id, None, NOW, invite)
    assert invited == people
    return survey.id, ids


async def test_one_question_at_a_time_with_progress(db: Database,
                                                    notifier: RecordingNotifier) -> None:
    survey_id, (person, _other) = await _launched(db, notifier)
    assert "anónimas" in notifier.sent[0][1] and notifier.sent[0][2][0][0].data == f"encuesta:start:{survey_id}"
    async with db.session() as session:
        step = await answering.start(session, survey_id, person)
        assert "Pregunta 1 de 4" in step.text_html and len(step.buttons) == 5
        first_q = step.question_id
        step = await answering.answer(session, survey_id, person, first_q, "4")
        assert "Pregunta 2 de 4" in step.text_html
        step = await answering.back(session, survey_id, person)
        assert "Pregunta 1 de 4" in step.text_html and "Casi siempre" in step.text_html
        step = await answering.answer(session, survey_id, person, first_q, "5")
    async with db.session() as session:  # resume later, in a new session
        step = await answering.start(session, survey_id, person)
        assert "Pregunta 2 de 4" in step.text_html
        step = await answering.answer(session, survey_id, person, step.question_id, "3")
        step = await answering.answer(session, survey_id, person, step.question_id, "a")
        assert step.expects_text and "Omitir" in step.buttons[-1][-1].label
        step = await answering.answer(session, survey_id, person, step.question_id,
                                      "<script>alert(1)</script> mejorar")
        assert step.finished and "Gracias" in step.text_html
        assert await session.scalar(select(func.count()).select_from(SurveyDraft)) == 0
        # One response waits in the pool (no comment yet) until 5 wait or the survey closes.
        assert await session.scalar(select(func.count()).select_from(SurveyTextAnswer)) == 0
        assert await session.scalar(select(func.count()).select_from(SurveyPool)) == 3
        status = await session.scalar(select(SurveyParticipation.status).where(
            SurveyParticipation.person_id == person))
        assert status == "terminada"
        await actions.close_survey(session, survey_id, None, NOW)
        text = await session.scalar(select(SurveyTextAnswer.text))
        assert text == "<script>alert(1)</script> mejorar"
        assert await session.scalar(select(func.count()).select_from(SurveyPool)) == 0


async def test_second_attempt_and_closed_survey_are_refused(db: Database,
                                                            notifier: RecordingNotifier) -> None:
    survey_id, (person, other) = await _launched(db, notifier)
    async with db.session() as session:
        step = await answering.start(session, survey_id, person)
        for value in ("1", "2", "b"):
            step = await answering.answer(session, survey_id, person, step.question_id, value)
        step = await answering.answer(session, survey_id, person, step.question_id, "-")
        assert step.finished
        with pytest.raises(Conflict, match="ya respondió"):
            await answering.start(session, survey_id, person)
        await answering.start(session, survey_id, other)
        await actions.close_survey(session, survey_id, None, NOW)
        with pytest.raises(Conflict, match="ya cerró"):
            await answering.answer(session, survey_id, other, step.question_id or 1, "1")
        assert await session.scalar(select(func.count()).select_from(SurveyDraft)) == 0


async def test_forged_and_out_of_range_payloads(db: Database, notifier: RecordingNotifier) -> None:
    survey_id, (person, _other) = await _launched(db, notifier)
    async with db.session() as session:
        other_survey = await actions.create_survey(session, small_survey(), None)
        step = await answering.start(session, survey_id, person)
        with pytest.raises(InvalidInput):
            await answering.answer(session, survey_id, person, step.question_id, "9")
        with pytest.raises(InvalidInput):
            await answering.answer(session, survey_id, person, step.question_id, "-")
        foreign = other_survey.questions[0].id
        with pytest.raises(InvalidInput):
            await answering.answer(session, survey_id, person, foreign, "1")
        later = (await actions.get_survey(session, survey_id)).questions[2].id
        with pytest.raises(InvalidInput):
            await answering.answer(session, survey_id, person, later, "a")
        with pytest.raises(Conflict, match="no está dirigida"):
            await answering.start(session, survey_id, 999_999)
    for data in ("1.2", "1.zz.a", "x.2.a", "1.2." + "x" * 50, ""):
        with pytest.raises(InvalidInput):
            answering.parse_choice(data)
    for data in ("", "abc", "1" * 20):
        with pytest.raises(InvalidInput):
            answering.parse_survey_id(data)
    assert answering.parse_choice("3.7.a") == answering.Choice(3, 7, "a")


async def test_reminders_are_spaced_and_bounded(db: Database, notifier: RecordingNotifier) -> None:
    from datetime import timedelta

    survey_id, (person, other) = await _launched(db, notifier)
    notifier.sent.clear()
    async with db.session() as session:
        step = await answering.start(session, survey_id, person)
        for value in ("1", "2", "b", "-"):
            step = await answering.answer(session, survey_id, person, step.question_id, value)
        notify = notifier.notify
        assert await actions.send_reminders(session, NOW + timedelta(hours=1), notify) == 0
        assert await actions.send_reminders(session, NOW + timedelta(hours=73), notify) == 1
        assert await actions.send_reminders(session, NOW + timedelta(hours=74), notify) == 0
        assert await actions.send_reminders(session, NOW + timedelta(hours=150), notify) == 1
        assert await actions.send_reminders(session, NOW + timedelta(hours=300), notify) == 0
    assert {pid for pid, *_ in notifier.sent} == {other}


async def test_reminder_component_uses_the_notifier(db: Database, notifier: RecordingNotifier,
                                                    settings) -> None:
    from datetime import timedelta

    from bot.encuestas.component import SurveyReminders
    from nucleo.ports import NOTIFIER
    from nucleo.services import Services

    _survey_id, _people = await _launched(db, notifier)
    notifier.sent.clear()
    services = Services(settings=settings, db=db, clock=lambda: NOW + timedelta(days=4))
    component = SurveyReminders(services)
    assert await component.run_once() == 0  # no notifier registered: nothing to send with
    services.extras[NOTIFIER] = notifier
    assert await component.run_once() == 2
    await component.start()
    await component.stop()


async def test_people_who_join_after_the_launch_are_invited_and_can_answer(
        db: Database, notifier: RecordingNotifier) -> None:
    survey_id, _ids = await _launched(db, notifier)
    (late, later) = await make_people(db, {("Archivo", "contratista"): 2}, first=50)
    async with db.session() as session:
        # Someone linked after the launch opens the survey from the menu: no «No tiene…».
        assert await answering.open_for(session, late) == survey_id
        step = await answering.start(session, survey_id, late)
        assert "Pregunta 1 de 4" in step.text_html
        for value in ("3", "4", "a", "-"):
            step = await answering.answer(session, survey_id, late, step.question_id, value)
        assert step.finished
    async with db.session() as session:
        notifier.sent.clear()
        sent = await actions.send_reminders(session, NOW, notifier.notify)
        # The other newcomer gets the invitation from the periodic round; the first is done.
        assert sent == 1 and notifier.sent[0][0] == later
        assert notifier.sent[0][2][0][0].data == f"encuesta:start:{survey_id}"
        statuses = dict((await session.execute(select(
            SurveyParticipation.person_id, SurveyParticipation.status).where(
            SurveyParticipation.person_id.in_([late, later])))).all())
        assert statuses == {late: "terminada", later: "invitada"}
        assert await actions.send_reminders(session, NOW, notifier.notify) == 0


async def test_a_dimension_without_any_group_of_five_says_so(db: Database,
                                                            notifier: RecordingNotifier) -> None:
    ids = await make_people(db, {(f"Dep {n}", "servidor"): 1 for n in range(6)})

    async def invite(session, survey, person_ids, text, buttons):
        pass

    async with db.session() as session:
        survey = await actions.create_survey(session, small_survey(), None)
        await actions.launch_survey(session, survey.id, None, NOW, invite)
        for person in ids:
            step = await answering.start(session, survey.id, person)
            for value in ("3", "4", "a", "-"):
                step = await answering.answer(session, survey.id, person, step.question_id,
                                              value)
        await actions.close_survey(session, survey.id, None, NOW)
        survey = await actions.get_survey(session, survey.id)
        by_department = await results.survey_results(session, survey, "department")
    assert by_department.overall is not None and by_department.overall.respondents == 6
    assert by_department.groups == []
    assert by_department.note and "Ninguna dependencia llega a 5" in by_department.note
