"""Results of a closed survey (overall, one dependencia or one kind), the free-text comments and
the diagnosis export.

Every figure comes from ``bot.encuestas.results``, which hides or merges groups under
``MIN_GROUP``; this page only picks among the groups that function returns and never adds up
counters of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Query
from markupsafe import Markup
from starlette.responses import HTMLResponse, Response

from bot.encuestas import actions, results
from bot.encuestas import messages as survey_messages
from bot.encuestas.charts import VALUE_ORDER
from bot.encuestas.definition import KINDS
from bot.encuestas.diagnosis import diagnosis_html, diagnosis_xlsx
from bot.encuestas.report import diagnosis_inputs
from bot.encuestas.web import messages
from bot.encuestas.web.console.forms import value_name
from nucleo.directory.departments import department_choices
from nucleo.errors import Conflict
from nucleo.formats import decimal, number, percent
from nucleo.web.console import charts
from nucleo.web.console import messages as ui
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import BadQuery
from nucleo.web.console.params import optional_int
from nucleo.web.ids import Id

router = APIRouter(include_in_schema=False)
PARAMS = ("dependencia", "tipo")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The printable diagnosis carries its own <style> and matplotlib's styled SVG, and no script.
DIAGNOSIS_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                 "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


@dataclass
class Block:
    """A chart and the table of the same figures."""

    title: str
    chart: Markup
    head: list[str]
    rows: list[list[str]]
    summary: str = ""


@dataclass
class GroupView:
    label: str
    respondents: int
    values: Block | None
    questions: list[Block] = field(default_factory=list)


def _ordered_values(values: dict[str, float]) -> list[str]:
    return [v for v in VALUE_ORDER if v in values] + sorted(set(values) - set(VALUE_ORDER))


def group_view(group: results.GroupResult, previous: dict[str, float] | None,
               prefix: str) -> GroupView:
    """Charts and tables of one group as ``survey_results`` returned it."""
    names = _ordered_values(group.values)
    values = None
    if names:
        head = [ui.COL_VALUE, messages.COL_MEAN]
        if previous:
            head.append(messages.COL_PREVIOUS)
        rows = [[value_name(v), decimal(group.values[v])]
                + ([decimal(previous.get(v))] if previous else []) for v in names]
        values = Block(messages.SURVEY_BY_VALUE, charts.bar_chart(
            f"{prefix}-valores", messages.SURVEY_BY_VALUE,
            [(value_name(v), group.values[v]) for v in names], scale_max=5), head, rows)
    view = GroupView(group.label, group.respondents, values)
    for q in group.questions:
        parts = [(q.labels[k], n) for k, n in q.counts.items()]
        rows = [[label, number(n), percent(n / q.answered) if q.answered else "—"]
                for label, n in parts]
        summary = (messages.SURVEY_ANSWERED.format(n=q.answered, mean=decimal(q.mean))
                   if q.mean is not None else
                   messages.SURVEY_ANSWERED_NO_MEAN.format(n=q.answered))
        view.questions.append(Block(
            f"{q.position}. {q.text}", charts.stacked_bar(f"{prefix}-p{q.position}", q.text, parts),
            [messages.COL_OPTION, messages.COL_COUNT, messages.COL_SHARE], rows,
            f"{value_name(q.value)} · {summary}"))
    return view


def comparison(grouped: results.SurveyResults) -> tuple[list[str], list[list[str]]]:
    """Mean per value for each group shown (5 or more, "Otras" included)."""
    names = _ordered_values({v: 0.0 for g in grouped.groups for v in g.values})
    head = [messages.COL_GROUP, messages.COL_COUNT] + [value_name(v) for v in names]
    rows = [[g.label, str(g.respondents)] + [decimal(g.values.get(v)) for v in names]
            for g in grouped.groups]
    return head, rows


def _pick(grouped: results.SurveyResults, label: str) -> results.GroupResult | None:
    """The group with this label, when the results function shows it on its own."""
    if label == survey_messages.OTHER_GROUP:
        return None
    return next((g for g in grouped.groups if g.label == label), None)


@router.get("/consola/encuestas/{survey_id:int}/resultados")
async def survey_results_page(
    console: Annotated[Console, page("encuestas.resultados")],
    survey_id: Id,
    dependencia: Annotated[str, Query(max_length=12)] = "",
    tipo: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    """Overall results, or one dependencia's or one kind's when that group may be shown."""
    console.only_params(*PARAMS)
    survey = await actions.get_survey(console.db, survey_id)
    departments = dict(await department_choices(console.db, active=False))
    department_id = optional_int("dependencia", dependencia)
    if department_id is not None and department_id not in departments:
        raise BadQuery(ui.BAD_VALUE.format(name="dependencia"))
    tipo = tipo.strip()
    if tipo and tipo not in KINDS:
        raise BadQuery(ui.BAD_VALUE.format(name="tipo"))
    values: dict[str, Any] = {"survey": survey, "departments": list(departments.items()),
              "kinds": [(k, ui.KIND_NAMES[k]) for k in KINDS],
              "department_id": department_id, "tipo": tipo}
    try:
        overall, by_department, by_kind = await results.survey_results_all(console.db, survey)
    except Conflict as exc:
        return await console.render("surveys_results.html", not_ready=exc.message, **values)
    selected, notice = overall.overall, None
    if department_id is not None and tipo:
        selected, notice = None, messages.SURVEY_NOT_CROSSED
    elif department_id is not None:
        selected = _pick(by_department, departments[department_id])
        if selected is None:
            notice = messages.SURVEY_SUPPRESSED.format(label=departments[department_id])
    elif tipo:
        label = survey_messages.KIND_LABELS[tipo]
        selected = _pick(by_kind, label)
        if selected is None:
            notice = messages.SURVEY_SUPPRESSED.format(label=label)
    filtered = department_id is not None or bool(tipo)
    group = None
    if selected is not None:
        group = group_view(selected, None if filtered else overall.previous, "g")
        if not filtered:
            group.label = messages.SURVEY_GROUP_TOTAL
    return await console.render(
        "surveys_results.html", not_ready=None, results=overall, group=group, notice=notice,
        comparisons=[(messages.SURVEY_GROUPS_DEPARTMENT, *comparison(by_department)),
                     (messages.SURVEY_GROUPS_KIND, *comparison(by_kind))], **values)


@router.get("/consola/encuestas/{survey_id:int}/comentarios")
async def comments(console: Annotated[Console, page("encuestas.comentarios")],
                   survey_id: Id) -> Response:
    """Free-text answers for HR only: never with a group, only when 5 or more answered."""
    console.only_params()
    survey = await actions.get_survey(console.db, survey_id)
    try:
        texts = await results.free_text(console.db, survey)
    except Conflict as exc:
        return await console.render("surveys_comments.html", survey=survey, texts=[],
                                    not_ready=exc.message)
    return await console.render("surveys_comments.html", survey=survey, texts=texts,
                                not_ready=None)


async def _not_ready(console: Console, message: str) -> Response:
    return await console.render("error.html", status=409, title=messages.SURVEY_NOT_READY_TITLE,
                                message=message, details=[])


@router.get("/consola/encuestas/{survey_id:int}/diagnostico.xlsx")
async def diagnosis_workbook(console: Annotated[Console, page("encuestas.diagnostico")],
                             survey_id: Id) -> Response:
    """The Diagnóstico de Integridad as a workbook (the same export as the API)."""
    console.only_params()
    survey = await actions.get_survey(console.db, survey_id)
    try:
        found = await diagnosis_inputs(console.db, console.services, survey)
        data = diagnosis_xlsx(*found.parts,
                              console.services.clock().astimezone(console.services.settings.tz),
                              feedback=found.feedback)
    except Conflict as exc:
        return await _not_ready(console, exc.message)
    headers = {"Content-Disposition": f'attachment; filename="diagnostico-{survey_id}.xlsx"'}
    return Response(data, media_type=XLSX, headers=headers)


@router.get("/consola/encuestas/{survey_id:int}/diagnostico.html")
async def diagnosis_page(console: Annotated[Console, page("encuestas.diagnostico")],
                         survey_id: Id) -> Response:
    """The Diagnóstico de Integridad ready to print or save as PDF from the browser."""
    console.only_params()
    survey = await actions.get_survey(console.db, survey_id)
    settings = console.services.settings
    try:
        found = await diagnosis_inputs(console.db, console.services, survey)
        body = diagnosis_html(*found.parts, console.services.clock().astimezone(settings.tz),
                              settings.entity_name, feedback=found.feedback)
    except Conflict as exc:
        return await _not_ready(console, exc.message)
    return HTMLResponse(body, headers={"Content-Security-Policy": DIAGNOSIS_CSP})
