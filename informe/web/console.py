"""Plan de acción and report pages: the plan with its figures and the period's indicators, the
activity form with its evidence, and the PDF and XLSX downloads."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, UploadFile
from starlette.responses import Response

from informe import actions
from informe.documents import day, report_pdf, report_xlsx
from informe.models import PlanActivity
from informe.plan import validate
from informe.report import MeasureCache, percent_text, plan_status
from informe.web import messages
from informe.web.shared import PDF, XLSX, attachment, measures, period_report
from nucleo.errors import DomainError, InvalidInput
from nucleo.web.body_limit import FORM_MARGIN
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import form_status
from nucleo.web.console.feature import ConsoleFeature
from nucleo.web.ids import Id

router = APIRouter(include_in_schema=False)
BASE = "/consola/informe"
ACTIVITY = BASE + "/actividades/{activity_id}"
UPLOADS = {ACTIVITY + "/evidencias": actions.EVIDENCE_MAX_BYTES + FORM_MARGIN}
PERIOD = ("desde", "hasta")
FIELDS = ("component", "name", "target", "owner", "starts_on", "ends_on", "measure_key",
          "goal_percent", "progress", "done", "missing")
Text = Annotated[str, Form(max_length=5000)]


async def plan_view(console: Console, *, desde: str = "", hasta: str = "",
                    error: str | None = None, status: int = 200) -> Response:
    registry = measures(console.services)
    # One cache for the period and the plan: the plan's activities and the year so far share
    # their measures, read once (the period first: its figures per dependency hold the totals).
    cache = MeasureCache(console.db, registry, console.services.settings.tz)
    report, period_error = None, None
    try:
        report = await period_report(console.db, console.services, desde, hasta, cache)
    except InvalidInput as exc:
        period_error, status = exc.message, 400
    cut = console.services.today()
    if report is not None and report.summary.cut == cut:  # the year so far: the same plan
        summary, rows = report.summary, report.activities
    else:
        summary, rows = await plan_status(console.db, registry, console.services.settings.tz,
                                          cut, cache)
    filters = ({"desde": report.period.since.isoformat(), "hasta": report.period.until.isoformat()}
               if report else {"desde": desde, "hasta": hasta})
    return await console.render(
        "plan.html", pct=percent_text, day=day, status=status, error=error or period_error, summary=summary, rows=rows,
        report=report, filters=filters, year=cut.year,
        can_edit=console.can("informe.editar"))


@router.get(BASE)
async def plan_page(console: Annotated[Console, page("informe")],
                    desde: Annotated[str, Query(max_length=10)] = "",
                    hasta: Annotated[str, Query(max_length=10)] = "") -> Response:
    """The plan at today's date and the indicators of a period (the year so far by default)."""
    console.only_params(*PERIOD)
    return await plan_view(console, desde=desde, hasta=hasta)


@router.get(BASE + "/informe.pdf")
async def report_pdf_page(console: Annotated[Console, page("informe")],
                          desde: Annotated[str, Query(max_length=10)] = "",
                          hasta: Annotated[str, Query(max_length=10)] = "") -> Response:
    """The period's report as a PDF."""
    console.only_params(*PERIOD)
    report = await period_report(console.db, console.services, desde, hasta)
    return Response(report_pdf(report), media_type=PDF, headers=attachment(report, "pdf"))


@router.get(BASE + "/informe.xlsx")
async def report_xlsx_page(console: Annotated[Console, page("informe")],
                           desde: Annotated[str, Query(max_length=10)] = "",
                           hasta: Annotated[str, Query(max_length=10)] = "") -> Response:
    """The period's data as a workbook."""
    console.only_params(*PERIOD)
    report = await period_report(console.db, console.services, desde, hasta)
    return Response(report_xlsx(report), media_type=XLSX, headers=attachment(report, "xlsx"))


@router.post(BASE + "/sembrar")
async def seed(console: Annotated[Console, page("informe.editar")],
               anio: Annotated[str, Form(max_length=6)] = "") -> Response:
    """Load HR's reference plan into an empty plan."""
    try:
        year = int(anio.strip()) if anio.strip().isdigit() else 0
        created = await actions.seed_plan(console.db, console.staff, year)
    except DomainError as exc:
        await console.recover()
        return await plan_view(console, error=exc.message, status=form_status(exc))
    return await console.redirect(BASE, messages.INF_SEEDED.format(n=created))


def _values(activity: PlanActivity | None) -> dict[str, Any]:
    if activity is None:
        return {name: "" for name in FIELDS}
    values = {k: ("" if v is None else v) for k, v in actions.activity_fields(activity).items()}
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in values.items()}


async def form_view(console: Console, activity: PlanActivity | None, *,
                    values: dict[str, Any] | None = None, error: str | None = None,
                    status: int = 200) -> Response:
    computed = None
    if activity is not None:
        _summary, rows = await plan_status(console.db, measures(console.services),
                                           console.services.settings.tz, console.services.today())
        computed = next((r for r in rows if r.id == activity.id), None)
    return await console.render(
        "activity.html", pct=percent_text, day=day, status=status, error=error, activity=activity,
        values=values or _values(activity), measures=measures(console.services).choices(),
        computed=computed, max_mb=actions.EVIDENCE_MAX_BYTES // (1024 * 1024))


@router.get(BASE + "/actividades/nueva")
async def new_activity(console: Annotated[Console, page("informe.editar")]) -> Response:
    """An empty activity form."""
    return await form_view(console, None)


@router.post(BASE + "/actividades")
async def create_activity(
    console: Annotated[Console, page("informe.editar")], component: Text = "", name: Text = "",
    target: Text = "", owner: Text = "", starts_on: Text = "", ends_on: Text = "",
    measure_key: Text = "", goal_percent: Text = "", progress: Text = "", done: Text = "",
    missing: Text = "",
) -> Response:
    """Create an activity; a refused form comes back with what was typed and the reason."""
    values = {"component": component, "name": name, "target": target, "owner": owner,
              "starts_on": starts_on, "ends_on": ends_on, "measure_key": measure_key,
              "goal_percent": goal_percent, "progress": progress, "done": done,
              "missing": missing}
    try:
        data = validate(values, set(measures(console.services).providers))
        activity = await actions.create_activity(console.db, console.staff, data)
    except DomainError as exc:
        await console.recover()
        return await form_view(console, None, values=values, error=exc.message,
                               status=form_status(exc))
    return await console.redirect(f"{BASE}/actividades/{activity.id}", messages.INF_CREATED)


@router.get(ACTIVITY)
async def activity_page(console: Annotated[Console, page("informe")],
                        activity_id: Id) -> Response:
    """One activity: its form (or its facts, read only) and its evidence."""
    activity = await actions.get_activity(console.db, activity_id)
    return await form_view(console, activity)


@router.post(ACTIVITY)
async def update_activity(
    console: Annotated[Console, page("informe.editar")], activity_id: Id,
    component: Text = "", name: Text = "", target: Text = "", owner: Text = "",
    starts_on: Text = "", ends_on: Text = "", measure_key: Text = "", goal_percent: Text = "",
    progress: Text = "", done: Text = "", missing: Text = "",
) -> Response:
    """Save an activity's changes."""
    values = {"component": component, "name": name, "target": target, "owner": owner,
              "starts_on": starts_on, "ends_on": ends_on, "measure_key": measure_key,
              "goal_percent": goal_percent, "progress": progress, "done": done,
              "missing": missing}
    activity = await actions.get_activity(console.db, activity_id)
    try:
        data = validate(values, set(measures(console.services).providers))
        await actions.update_activity(console.db, console.staff, activity_id, data)
    except DomainError as exc:
        await console.recover()
        activity = await actions.get_activity(console.db, activity_id)
        return await form_view(console, activity, values=values, error=exc.message,
                               status=form_status(exc))
    return await console.redirect(f"{BASE}/actividades/{activity_id}", messages.INF_SAVED)


@router.post(ACTIVITY + "/eliminar")
async def delete_activity(console: Annotated[Console, page("informe.editar")], activity_id: Id,
                          confirmar: Annotated[str, Form(max_length=5)] = "") -> Response:
    """Delete an activity and its evidence, only when the box was ticked."""
    activity = await actions.get_activity(console.db, activity_id)
    if confirmar != "si":
        return await form_view(console, activity, error=messages.INF_NOT_CONFIRMED, status=422)
    await actions.delete_activity(console.db, console.staff, activity_id)
    return await console.redirect(BASE, messages.INF_DELETED)


@router.post(ACTIVITY + "/evidencias")
async def add_evidence(console: Annotated[Console, page("informe.editar")], activity_id: Id,
                       nota: Annotated[str, Form(max_length=5000)] = "",
                       archivo: Annotated[UploadFile | None, File()] = None) -> Response:
    """Attach a note, a file or both to an activity."""
    activity = await actions.get_activity(console.db, activity_id)
    try:
        content = None
        if archivo is not None and archivo.filename:
            content = await archivo.read(actions.EVIDENCE_MAX_BYTES + 1)
        await actions.add_evidence(
            console.db, console.staff, activity_id, note=nota,
            file_name=archivo.filename if archivo is not None else None,
            file_type=archivo.content_type if archivo is not None else None, content=content)
    except DomainError as exc:
        await console.recover()
        activity = await actions.get_activity(console.db, activity_id)
        return await form_view(console, activity, error=exc.message, status=form_status(exc))
    return await console.redirect(f"{BASE}/actividades/{activity_id}#evidencias",
                                  messages.INF_EVIDENCE_ADDED)


@router.get(ACTIVITY + "/evidencias/{evidence_id}")
async def evidence_download(console: Annotated[Console, page("informe")], activity_id: Id,
                            evidence_id: Id) -> Response:
    """An evidence file, as a download (never shown inline)."""
    name, kind, content = await actions.evidence_file(console.db, activity_id, evidence_id)
    safe = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "_" for c in name)
    return Response(content, media_type=kind, headers={
        "Content-Disposition": f'attachment; filename="{safe}"',
        "X-Content-Type-Options": "nosniff"})


@router.post(ACTIVITY + "/evidencias/{evidence_id}/eliminar")
async def evidence_delete(console: Annotated[Console, page("informe.editar")], activity_id: Id,
                          evidence_id: Id,
                          confirmar: Annotated[str, Form(max_length=5)] = "") -> Response:
    """Remove a piece of evidence, only when the box was ticked."""
    activity = await actions.get_activity(console.db, activity_id)
    if confirmar != "si":
        return await form_view(console, activity, error=messages.INF_NOT_CONFIRMED, status=422)
    await actions.delete_evidence(console.db, console.staff, activity_id, evidence_id)
    return await console.redirect(f"{BASE}/actividades/{activity_id}#evidencias",
                                  messages.INF_EVIDENCE_DELETED)


CONSOLE = ConsoleFeature(router, "informe.web", messages)
