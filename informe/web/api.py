"""REST API of the plan de acción and the period report (``/api/v1/report``): the same actions
and rules as the console, with the permission keys ``informe`` and ``informe.editar``."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from informe import actions
from informe.documents import report_pdf, report_xlsx
from informe.models import PlanActivity
from informe.plan import validate
from informe.report import plan_status
from informe.web.shared import PDF, XLSX, attachment, measures, period_report
from nucleo.models import StaffAccount
from nucleo.report import GroupFigure
from nucleo.web.deps import ServicesDep, SessionDep, allow
from nucleo.web.ids import Id

router = APIRouter(prefix="/api/v1/report", tags=["informe"])
Since = Annotated[str, Query(max_length=10, description="Primer día (AAAA-MM-DD)")]
Until = Annotated[str, Query(max_length=10, description="Último día (AAAA-MM-DD)")]


class ActivityIn(BaseModel):
    """An activity; dates and percentages are checked with the console's rules (Spanish
    messages, the field in ``details``)."""

    component: str = Field(max_length=5000)
    name: str = Field(max_length=5000)
    target: str = Field("", max_length=5000)
    owner: str = Field("", max_length=5000)
    starts_on: str = Field(max_length=20, examples=["2026-01-01"])
    ends_on: str = Field(max_length=20, examples=["2026-12-31"])
    measure_key: str | None = Field(None, max_length=60)
    goal_percent: int | None = Field(None, ge=-1_000_000, le=1_000_000)
    progress: int = Field(0, ge=-1_000_000, le=1_000_000)
    done: str = Field("", max_length=5000)
    missing: str = Field("", max_length=5000)


class ActivityOut(BaseModel):
    id: int
    component: str
    position: int
    name: str
    target: str
    owner: str
    starts_on: date
    ends_on: date
    measure_key: str | None
    goal_percent: int | None
    progress: int
    done: str
    missing: str
    evidence: int = 0

    @classmethod
    def of(cls, activity: PlanActivity) -> ActivityOut:
        fields = {k: getattr(activity, k) for k in cls.model_fields if k != "evidence"}
        return cls(**fields, evidence=len(activity.evidence))


class RowOut(BaseModel):
    id: int
    planned: float
    progress: int
    how: str
    measure: str


class SummaryOut(BaseModel):
    cut: date
    activities: int
    planned: float
    achieved: float
    compliance: float | None


class PlanOut(BaseModel):
    summary: SummaryOut
    activities: list[ActivityOut]
    progress: list[RowOut]


class SeedIn(BaseModel):
    year: int = Field(ge=-1_000_000, le=1_000_000)


class SeedOut(BaseModel):
    created: int


class MeasureOut(BaseModel):
    key: str
    label: str
    source: str
    unit: str


class GroupOut(BaseModel):
    """One row per dependency (or of a breakdown); a group too small to show has no figures,
    only ``withheld`` (e.g. «menos de 5 respuestas»)."""

    label: str
    value: int | None
    total: int | None
    percent: float | None
    withheld: str | None = None

    @classmethod
    def of(cls, group: GroupFigure) -> GroupOut:
        if group.withheld is not None:
            return cls(label=group.label, value=None, total=None, percent=None,
                       withheld=group.withheld)
        return cls(label=group.label, value=group.value, total=group.total,
                   percent=group.percent)


class FiguresOut(MeasureOut):
    value: int
    total: int | None
    percent: float | None
    details: list[tuple[str, int]]
    groups: list[GroupOut]
    breakdown: list[GroupOut]
    note: str | None


class ReportOut(BaseModel):
    since: date
    until: date
    summary: SummaryOut
    measures: list[FiguresOut]


async def _activity_out(session: AsyncSession, activity_id: int) -> ActivityOut:
    """An activity as the API shows it, read fresh (with its evidence) after an action."""
    activity = await actions.get_activity(session, activity_id)
    await session.refresh(activity)
    return ActivityOut.of(activity)


def _summary(summary: Any) -> SummaryOut:
    return SummaryOut(cut=summary.cut, activities=summary.activities, planned=summary.planned,
                      achieved=summary.achieved, compliance=summary.compliance)


@router.get("/plan", response_model=PlanOut, summary="El plan de acción y su avance de hoy")
async def get_plan(_staff: Annotated[StaffAccount, allow("informe")], session: SessionDep,
                   services: ServicesDep) -> PlanOut:
    summary, rows = await plan_status(session, measures(services), services.settings.tz,
                                      services.today())
    activities = await actions.list_activities(session)
    return PlanOut(summary=_summary(summary), activities=[ActivityOut.of(a) for a in activities],
                   progress=[RowOut(id=r.id, planned=r.planned, progress=r.progress, how=r.how,
                                    measure=r.measure) for r in rows])


@router.post("/plan/seed", response_model=SeedOut, status_code=201,
             summary="Cargar el plan de referencia en un plan vacío")
async def seed_plan(body: SeedIn, staff: Annotated[StaffAccount, allow("informe.editar")],
                    session: SessionDep) -> SeedOut:
    return SeedOut(created=await actions.seed_plan(session, staff, body.year))


@router.post("/plan/activities", response_model=ActivityOut, status_code=201,
             summary="Crear una actividad")
async def create_activity(body: ActivityIn,
                          staff: Annotated[StaffAccount, allow("informe.editar")],
                          session: SessionDep, services: ServicesDep) -> ActivityOut:
    data = validate(body.model_dump(), set(measures(services).providers))
    activity = await actions.create_activity(session, staff, data)
    return await _activity_out(session, activity.id)


@router.get("/plan/activities/{activity_id}", response_model=ActivityOut,
            summary="Una actividad")
async def get_activity(activity_id: Id, _staff: Annotated[StaffAccount, allow("informe")],
                       session: SessionDep) -> ActivityOut:
    return await _activity_out(session, activity_id)


@router.put("/plan/activities/{activity_id}", response_model=ActivityOut,
            summary="Cambiar una actividad")
async def update_activity(activity_id: Id, body: ActivityIn,
                          staff: Annotated[StaffAccount, allow("informe.editar")],
                          session: SessionDep, services: ServicesDep) -> ActivityOut:
    await actions.get_activity(session, activity_id)
    data = validate(body.model_dump(), set(measures(services).providers))
    await actions.update_activity(session, staff, activity_id, data)
    return await _activity_out(session, activity_id)


@router.delete("/plan/activities/{activity_id}", status_code=204,
               summary="Eliminar una actividad y sus evidencias")
async def delete_activity(activity_id: Id, staff: Annotated[StaffAccount, allow("informe.editar")],
                          session: SessionDep) -> Response:
    await actions.delete_activity(session, staff, activity_id)
    return Response(status_code=204)


@router.get("/measures", response_model=list[MeasureOut],
            summary="Las medidas que el servicio calcula")
async def list_measures(_staff: Annotated[StaffAccount, allow("informe")],
                        services: ServicesDep) -> list[MeasureOut]:
    return [MeasureOut(key=p.key, label=p.label, source=p.source, unit=p.unit)
            for p in measures(services)]


@router.get("", response_model=ReportOut, summary="Los datos del informe de un periodo")
async def report_data(_staff: Annotated[StaffAccount, allow("informe")], session: SessionDep,
                      services: ServicesDep, desde: Since = "", hasta: Until = "") -> ReportOut:
    report = await period_report(session, services, desde, hasta)
    return ReportOut(
        since=report.period.since, until=report.period.until, summary=_summary(report.summary),
        measures=[FiguresOut(
            key=r.key, label=r.label, source=r.source, unit=r.unit, value=r.figures.value,
            total=r.figures.total, percent=r.figures.percent, details=list(r.figures.details),
            groups=[GroupOut.of(g) for g in r.figures.groups],
            breakdown=[GroupOut.of(g) for g in r.figures.breakdown], note=r.figures.note)
            for r in report.measures])


@router.get("/report.pdf", response_class=Response, summary="El informe del periodo en PDF",
            responses={200: {"content": {PDF: {}}}})
async def report_pdf_file(_staff: Annotated[StaffAccount, allow("informe")],
                          session: SessionDep, services: ServicesDep, desde: Since = "",
                          hasta: Until = "") -> Response:
    report = await period_report(session, services, desde, hasta)
    return Response(report_pdf(report), media_type=PDF, headers=attachment(report, "pdf"))


@router.get("/report.xlsx", response_class=Response, summary="Los datos del informe en Excel",
            responses={200: {"content": {XLSX: {}}}})
async def report_xlsx_file(_staff: Annotated[StaffAccount, allow("informe")],
                           session: SessionDep, services: ServicesDep, desde: Since = "",
                           hasta: Until = "") -> Response:
    report = await period_report(session, services, desde, hasta)
    return Response(report_xlsx(report), media_type=XLSX, headers=attachment(report, "xlsx"))
