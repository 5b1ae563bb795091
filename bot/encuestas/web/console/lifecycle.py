"""Launch a survey (after a confirmation that says how many invitations go out) and close it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from starlette.responses import Response

from bot.encuestas import actions, states
from bot.encuestas import messages as survey_messages
from bot.encuestas.models import Survey
from bot.encuestas.service import inviter_for
from bot.encuestas.web import messages
from bot.encuestas.web.console.listing import detail_view
from nucleo.formats import number
from nucleo.web.console.confirm import Confirmation, ask_first
from nucleo.web.console.context import Console, page
from nucleo.web.ids import Id

router = APIRouter(include_in_schema=False)


async def _confirm_view(console: Console, survey: Survey, *, error: str | None = None,
                        status: int = 200) -> Response:
    invited = 0
    if survey.status == states.BORRADOR:
        invited = len(await actions.audience_ids(console.db, survey.audience))
    label = messages.SURVEY_STATUS.get(survey.status, survey.status).lower()
    return await console.render(
        "surveys_launch.html", status=status, survey=survey, invited=invited, error=error,
        not_draft=messages.SURVEY_LAUNCH_NOT_DRAFT.format(status=label),
        empty=survey_messages.EMPTY_AUDIENCE)


@router.get("/consola/encuestas/{survey_id:int}/lanzar")
async def confirm_launch(console: Annotated[Console, page("encuestas.lanzar")],
                         survey_id: Id) -> Response:
    """Ask before launching, saying how many invitations will go out."""
    console.only_params()
    return await _confirm_view(console, await actions.get_survey(console.db, survey_id))


@router.post("/consola/encuestas/{survey_id:int}/lanzar")
async def launch(console: Annotated[Console, page("encuestas.lanzar")],
                 survey_id: Id) -> Response:
    """Open the survey and queue the invitations (through the campaign engine or the chat)."""
    survey = await actions.get_survey(console.db, survey_id)

    async def again(error: str, status: int) -> Response:
        survey = await actions.get_survey(console.db, survey_id)
        await console.db.refresh(survey)
        return await _confirm_view(console, survey, error=error, status=status)

    invited = await console.attempt(
        lambda: actions.launch_survey(console.db, survey_id, console.staff,
                                      console.services.clock(), inviter_for(console.services)),
        again)
    if isinstance(invited, Response):
        return invited
    return await console.redirect(f"/consola/encuestas/{survey.id}",
                                  messages.SURVEY_LAUNCHED.format(n=invited))


@router.post("/consola/encuestas/{survey_id:int}/cerrar")
async def close(console: Annotated[Console, page("encuestas.cerrar")],
                survey_id: Id) -> Response:
    """Close the survey, once confirmed: no more answers, drafts deleted, results visible."""
    survey = await actions.get_survey(console.db, survey_id)
    if survey.status == "abierta":
        drafts = await actions.count_drafts(console.db, survey_id)
        ask = Confirmation(messages.SURVEY_CLOSE_TITLE,
                           messages.SURVEY_CLOSE_QUESTION.format(title=survey.title),
                           messages.SURVEY_CLOSE_CONSEQUENCE.format(drafts=number(drafts)),
                           messages.SURVEY_CLOSE_CONFIRM, f"/consola/encuestas/{survey_id}")
        if (question := await ask_first(console, ask)) is not None:
            return question

    async def again(error: str, status: int) -> Response:
        survey = await actions.get_survey(console.db, survey_id)
        await console.db.refresh(survey)
        return await detail_view(console, survey, error=error, status=status)

    failed = await console.attempt(
        lambda: actions.close_survey(console.db, survey_id, console.staff,
                                     console.services.clock()), again)
    if isinstance(failed, Response):
        return failed
    return await console.redirect(f"/consola/encuestas/{survey_id}", messages.SURVEY_CLOSED)
