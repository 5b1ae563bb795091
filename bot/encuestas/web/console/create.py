"""A new survey from a definition (YAML like the starter survey), period and audience."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.responses import Response

from bot.encuestas import actions
from bot.encuestas.web import messages
from bot.encuestas.web.console.forms import (
    MAX_DEFINITION,
    FormInvalid,
    SurveyForm,
    default_form,
    survey_from_form,
)
from nucleo.directory.departments import department_choices
from nucleo.errors import DomainError
from nucleo.web.console import messages as ui
from nucleo.web.console.context import Console, page

router = APIRouter(include_in_schema=False)
MAX_KEPT = 4 * MAX_DEFINITION  # what is shown back of a text far over the limit


async def _form_view(console: Console, form: SurveyForm, problems: list[str] | None = None,
                     status: int = 200) -> Response:
    departments = await department_choices(console.db, active=False)
    return await console.render(
        "surveys_new.html", status=status, form=form, problems=problems or [],
        departments=[(str(i), n) for i, n in departments], max_definition=MAX_DEFINITION,
        kinds=[(k, ui.KIND_NAMES[k]) for k in ("servidor", "contratista")])


@router.get("/consola/encuestas/nueva")
async def new_survey(console: Annotated[Console, page("encuestas.crear")]) -> Response:
    """The form, prefilled with the starter survey as an example."""
    console.only_params()
    return await _form_view(console, default_form(console.services.today(), with_definition=True))


@router.post("/consola/encuestas/nueva")
async def create_from_definition(
    console: Annotated[Console, page("encuestas.crear")],
    titulo: Annotated[str, Form()] = "",
    periodo: Annotated[str, Form()] = "",
    abre: Annotated[str, Form()] = "",
    cierra: Annotated[str, Form()] = "",
    audiencia: Annotated[str, Form()] = "todos",
    dependencias: Annotated[list[str] | None, Form()] = None,
    tipo: Annotated[str, Form()] = "",
    definicion: Annotated[str, Form()] = "",
) -> Response:
    """Create the survey in draft; any problem comes back next to the form, input kept."""
    form = SurveyForm(title=titulo[:1000], period=periodo[:200], opens=abre[:40],
                      closes=cierra[:40], audience=audiencia[:20],
                      departments=[d[:20] for d in (dependencias or [])[:1000]],
                      kind=tipo[:20], definition=definicion.replace("\r\n", "\n"))
    try:
        survey = await actions.create_survey(console.db, survey_from_form(form), console.staff)
    except FormInvalid as exc:
        problems = exc.problems
    except DomainError as exc:
        await console.recover()
        problems = [exc.message]
    else:
        return await console.redirect(f"/consola/encuestas/{survey.id}",
                                      messages.SURVEY_CREATED.format(title=survey.title))
    form.definition = form.definition[:MAX_KEPT]
    return await _form_view(console, form, problems, status=422)
