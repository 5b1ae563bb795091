"""Integrity perception surveys: define, launch, close, results and the diagnosis export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import select

from bot.encuestas import actions, results
from bot.encuestas.charts import values_chart
from bot.encuestas.definition import SurveyIn, starter_survey
from bot.encuestas.diagnosis import diagnosis_html, diagnosis_xlsx
from bot.encuestas.feedback import QuickFeedback, parse_period, quick_feedback
from bot.encuestas.models import Survey
from bot.encuestas.report import diagnosis_inputs, survey_feedback
from bot.encuestas.service import inviter_for
from nucleo.models import StaffAccount
from nucleo.web.deps import ServicesDep, SessionDep, allow
from nucleo.web.errors import error_responses
from nucleo.web.ids import Id

router = APIRouter(prefix="/api/v1/surveys", tags=["encuestas"])
UNTIL_CLOSED = error_responses(409)  # results exist only once the survey closed
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class QuestionOut(BaseModel):
    id: int
    position: int
    kind: str
    text: str
    value: str | None
    options: list[dict[str, str]]
    required: bool

    model_config = {"from_attributes": True}


class SurveyOut(BaseModel):
    id: int
    title: str
    period_label: str
    opens_on: date
    closes_on: date
    status: str
    audience: dict[str, object]
    questions: list[QuestionOut]

    model_config = {"from_attributes": True}


class StarterIn(BaseModel):
    opens_on: date
    closes_on: date
    period_label: str = Field(min_length=1, max_length=40)


class LaunchOut(BaseModel):
    invited: int


@dataclass
class ResultsOut(results.SurveyResults):
    """The results plus the quick feedback of the survey's own period."""

    quick_feedback: QuickFeedback | None = None


@router.post("", response_model=SurveyOut, status_code=201, summary="Crear una encuesta")
async def create(body: SurveyIn, staff: Annotated[StaffAccount, allow("encuestas.crear")],
                 session: SessionDep) -> Survey:
    return await actions.create_survey(session, body, staff)


@router.post("/starter", response_model=SurveyOut, status_code=201,
             summary="Crear la encuesta inicial de percepción de integridad")
async def create_starter(body: StarterIn, staff: Annotated[StaffAccount, allow("encuestas.crear")],
                         session: SessionDep) -> Survey:
    data = starter_survey(body.opens_on, body.closes_on, body.period_label)
    return await actions.create_survey(session, data, staff)


@router.get("", response_model=list[SurveyOut], summary="Encuestas")
async def list_surveys(_staff: Annotated[StaffAccount, allow("encuestas")],
                       session: SessionDep) -> list[Survey]:
    return list(await session.scalars(select(Survey).order_by(Survey.id.desc())))


@router.get("/feedback", summary="Retroalimentación rápida: reacciones y «¿Te sirvió?»")
async def feedback(
    _staff: Annotated[StaffAccount, allow("encuestas.retroalimentacion")], session: SessionDep,
    services: ServicesDep,
    desde: Annotated[str | None, Query(max_length=40, description="AAAA-MM-DD")] = None,
    hasta: Annotated[str | None, Query(max_length=40, description="AAAA-MM-DD")] = None,
) -> QuickFeedback:
    today = services.today()
    since, until = parse_period(desde, hasta, today)
    return await quick_feedback(session, services, since, until)


@router.get("/{survey_id}", response_model=SurveyOut, summary="Una encuesta")
async def get(survey_id: Id, _staff: Annotated[StaffAccount, allow("encuestas")],
              session: SessionDep) -> Survey:
    return await actions.get_survey(session, survey_id)


@router.post("/{survey_id}/launch", response_model=LaunchOut, summary="Lanzar la encuesta")
async def launch(survey_id: Id, staff: Annotated[StaffAccount, allow("encuestas.lanzar")],
                 session: SessionDep,
                 services: ServicesDep) -> LaunchOut:
    invited = await actions.launch_survey(session, survey_id, staff, services.clock(),
                                          inviter_for(services))
    return LaunchOut(invited=invited)


@router.post("/{survey_id}/close", status_code=204, summary="Cerrar la encuesta")
async def close(survey_id: Id, staff: Annotated[StaffAccount, allow("encuestas.cerrar")],
                session: SessionDep,
                services: ServicesDep) -> None:
    await actions.close_survey(session, survey_id, staff, services.clock())


@router.get("/{survey_id}/results", responses=UNTIL_CLOSED,
            summary="Resultados (grupos de 5 o más)")
async def get_results(
    survey_id: Id, _staff: Annotated[StaffAccount, allow("encuestas.resultados")],
    session: SessionDep, services: ServicesDep,
    by: Annotated[Literal["department", "kind"] | None, Query()] = None,
) -> ResultsOut:
    survey = await actions.get_survey(session, survey_id)
    found = await results.survey_results(session, survey, by)
    return ResultsOut(**vars(found), quick_feedback=await survey_feedback(session, services,
                                                                        survey))


@router.get("/{survey_id}/comments", responses=UNTIL_CLOSED,
            summary="Comentarios libres (solo Talento Humano)")
async def comments(survey_id: Id, _staff: Annotated[StaffAccount, allow("encuestas.comentarios")],
                   session: SessionDep) -> list[dict[str, str]]:
    survey = await actions.get_survey(session, survey_id)
    return [{"pregunta": q, "comentario": t} for q, t in await results.free_text(session, survey)]


@router.get("/{survey_id}/chart.{fmt}", response_class=Response,
            responses={**UNTIL_CLOSED, 200: {"content": {"image/png": {}, "image/svg+xml": {}}}},
            summary="Gráfica por valor (PNG o SVG)")
async def chart(survey_id: Id, fmt: Literal["png", "svg"],
                _staff: Annotated[StaffAccount, allow("encuestas.resultados")],
                session: SessionDep) -> Response:
    survey = await actions.get_survey(session, survey_id)
    data = values_chart(await results.survey_results(session, survey), fmt)
    return Response(data, media_type="image/png" if fmt == "png" else "image/svg+xml")


@router.get("/{survey_id}/diagnosis.xlsx", response_class=Response,
            responses={**UNTIL_CLOSED, 200: {"content": {XLSX: {}}}},
            summary="Diagnóstico de Integridad (XLSX)")
async def diagnosis_workbook(survey_id: Id,
                             _staff: Annotated[StaffAccount, allow("encuestas.diagnostico")],
                             session: SessionDep,
                             services: ServicesDep) -> Response:
    found = await diagnosis_inputs(session, services, await actions.get_survey(session, survey_id))
    data = diagnosis_xlsx(*found.parts, services.clock().astimezone(services.settings.tz),
                          feedback=found.feedback)
    headers = {"Content-Disposition": f'attachment; filename="diagnostico-{survey_id}.xlsx"'}
    return Response(data, media_type=XLSX, headers=headers)


@router.get("/{survey_id}/diagnosis.html", responses=UNTIL_CLOSED,
            response_class=HTMLResponse,
            summary="Diagnóstico de Integridad listo para imprimir")
async def diagnosis_page(survey_id: Id,
                         _staff: Annotated[StaffAccount, allow("encuestas.diagnostico")],
                         session: SessionDep,
                         services: ServicesDep) -> str:
    found = await diagnosis_inputs(session, services, await actions.get_survey(session, survey_id))
    return diagnosis_html(*found.parts, services.clock().astimezone(services.settings.tz),
                          services.settings.entity_name, feedback=found.feedback)
