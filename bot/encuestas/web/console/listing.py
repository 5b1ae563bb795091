"""The list of surveys (with the one-button starter survey) and one survey's page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Form
from sqlalchemy import select
from starlette.responses import Response

from bot.encuestas import actions, results
from bot.encuestas.models import Survey
from bot.encuestas.web import messages
from bot.encuestas.web.console.forms import (
    FormInvalid,
    SurveyForm,
    default_form,
    starter_from_form,
    value_name,
)
from nucleo.errors import DomainError
from nucleo.models import Department
from nucleo.web.console import messages as ui
from nucleo.web.console.context import Console, page
from nucleo.web.ids import Id

router = APIRouter(include_in_schema=False)
LIST_LIMIT = 200


async def _list_view(console: Console, *, form: SurveyForm | None = None,
                     problems: list[str] | None = None, status: int = 200) -> Response:
    surveys = list(await console.db.scalars(
        select(Survey).order_by(Survey.id.desc()).limit(LIST_LIMIT)))
    rows = [(s, await results.participation(console.db, s.id)) for s in surveys]
    return await console.render(
        "surveys.html", status=status, rows=rows, form=form or default_form(console.services.today()),
        problems=problems or [])


@router.get("/consola/encuestas")
async def surveys_list(console: Annotated[Console, page("encuestas")]) -> Response:
    """Every survey with its status, period and participation."""
    console.only_params()
    return await _list_view(console)


@router.post("/consola/encuestas/inicial")
async def create_starter(
    console: Annotated[Console, page("encuestas.crear")],
    periodo: Annotated[str, Form()] = "",
    abre: Annotated[str, Form()] = "",
    cierra: Annotated[str, Form()] = "",
) -> Response:
    """Create the team's starter survey for everyone (a draft, launched separately)."""
    form = SurveyForm(period=periodo[:200], opens=abre[:40], closes=cierra[:40])
    try:
        survey = await actions.create_survey(console.db, starter_from_form(form), console.staff)
    except FormInvalid as exc:
        return await _list_view(console, form=form, problems=exc.problems, status=422)
    except DomainError as exc:
        await console.recover()
        return await _list_view(console, form=form, problems=[exc.message], status=422)
    return await console.redirect(f"/consola/encuestas/{survey.id}",
                                  messages.SURVEY_CREATED.format(title=survey.title))


async def audience_text(console: Console, audience: Mapping[str, Any]) -> str:
    """The survey's audience in words."""
    if audience.get("person_ids"):
        people = audience["person_ids"]
        return messages.SURVEY_AUDIENCE_IS_PEOPLE.format(n=len(people))
    if audience.get("all"):
        return messages.SURVEY_AUDIENCE_IS_ALL
    parts = []
    ids = audience.get("department_ids") or []
    if ids:
        names = await console.db.scalars(select(Department.name).where(
            Department.id.in_(ids)).order_by(Department.name))
        parts.append(messages.SURVEY_AUDIENCE_IS_DEPARTMENTS.format(names=", ".join(names)))
    kinds = audience.get("kinds") or []
    if kinds:
        parts.append(messages.SURVEY_AUDIENCE_IS_KINDS.format(names=", ".join(
            ui.KIND_NAMES.get(k, str(k)) for k in kinds)))
    return " · ".join(parts) or messages.SURVEY_AUDIENCE_IS_ALL


async def detail_view(console: Console, survey: Survey, *, error: str | None = None,
                      status: int = 200) -> Response:
    """One survey: its questions, audience, participation and what can be done next."""
    return await console.render(
        "surveys_detail.html", status=status, survey=survey, error=error, value_name=value_name,
        participation=await results.participation(console.db, survey.id),
        audience=await audience_text(console, survey.audience))


@router.get("/consola/encuestas/{survey_id:int}")
async def survey_detail(console: Annotated[Console, page("encuestas")],
                        survey_id: Id) -> Response:
    """A survey's definition, participation and actions."""
    console.only_params()
    return await detail_view(console, await actions.get_survey(console.db, survey_id))
