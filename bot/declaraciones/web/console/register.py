"""The register's pages: list, one declaration, study, decide (confirmed), PDF and XLSX."""

from __future__ import annotations

import asyncio
import math
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query
from sqlalchemy import select
from starlette.responses import Response

from bot.declaraciones import actions, grounds, interest, pdf, states
from bot.declaraciones import messages as bot_messages
from bot.declaraciones.models import DeclarationKind
from bot.declaraciones.web import api, messages
from bot.declaraciones.web.api import DeclarationOut
from nucleo.directory.superiors import superior_of
from nucleo.errors import InvalidInput, InvalidTransition
from nucleo.formats import local_day
from nucleo.models import Department, Person
from nucleo.ports import NOTIFIER
from nucleo.web.console import messages as console_messages
from nucleo.web.console.cards import Card
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import BadQuery, form_status
from nucleo.web.console.params import optional_date, optional_int
from nucleo.web.ids import Id
from nucleo.xlsx import xlsx_bytes

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25
FORM_MAX = 8000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
StateFilter = Literal["", "por_responder", "radicada", "en_estudio", "decidida", "desistida",
                      "registrada"]
KindFilter = Literal["", "impedimento", "conflicto", "recusacion", "preventiva"]
# Preventive declarations have nothing to decide: the register lists them apart (tipo=preventiva).
DECIDED_KINDS = ("impedimento", "conflicto", "recusacion")
OverdueFilter = Literal["", "si", "respuesta"]
MatterTypeFilter = interest.MatterType | Literal[""]
FILTERS = ("estado", "tipo", "vencidas", "desde", "hasta", "dependencia", "causal", "clase")
MATTER_TYPE_CHOICES = [("", messages.DECL_ALL_MATTER_TYPES), *(
    (key, bot_messages.MATTER_TYPE_NAMES[key]) for key in interest.MATTER_TYPES)]


def due_label(days_left: int) -> str:
    """How far the due date is, in business days, as a person says it."""
    if days_left < -1:
        return messages.DECL_OVERDUE_DAYS.format(n=-days_left)
    if days_left == -1:
        return messages.DECL_OVERDUE_ONE
    if days_left == 0:
        return messages.DECL_DUE_TODAY
    if days_left == 1:
        return messages.DECL_ONE_DAY_LEFT
    return messages.DECL_DAYS_LEFT.format(n=days_left)


def is_open(d: DeclarationOut) -> bool:
    return d.state in states.OPEN


def answer_text(d: DeclarationOut) -> str:
    """The recused official's answer in one cell: whether they accept the ground and why."""
    if d.recused_accepts is None:
        return ""
    head = messages.DECL_ANSWER_YES if d.recused_accepts else messages.DECL_ANSWER_NO
    return f"{head}: {d.recused_answer or ''}"


HELPERS: dict[str, Any] = {"due_label": due_label, "is_open": is_open,
                           "has_ground": grounds.applies}


@router.get("/consola/declaraciones")
async def declaration_list(
    console: Annotated[Console, page("declaraciones")],
    estado: StateFilter = "",
    tipo: KindFilter = "",
    vencidas: OverdueFilter = "",
    desde: Annotated[str, Query(max_length=10)] = "",
    hasta: Annotated[str, Query(max_length=10)] = "",
    dependencia: Annotated[str, Query(max_length=12)] = "",
    causal: Annotated[str, Query(max_length=2)] = "",
    clase: MatterTypeFilter = "",
    pagina: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """The register by due date (most urgent first), filtered, paginated."""
    console.only_params(*FILTERS, "pagina")
    desde, hasta, dependencia, causal = (desde.strip(), hasta.strip(), dependencia.strip(),
                                         causal.strip())
    departments = await _departments(console)
    total, rows = await _rows(console, estado, tipo, vencidas, limit=PAGE_SIZE,
                              offset=(pagina - 1) * PAGE_SIZE, desde=desde, hasta=hasta,
                              department_id=_department(departments, dependencia),
                              ground=_ground(causal), matter_type=clase or None)
    items = await api.views(console.db, console.services, rows)
    await actions.record_listing(console.db, console.staff, shown=len(items), filters={
        "via": "consola", "estado": estado, "tipo": tipo, "vencidas": vencidas, "desde": desde,
        "hasta": hasta, "dependencia": dependencia, "causal": causal, "clase": clase},
        total=total, pagina=pagina)
    preventive = 0
    if tipo != "preventiva":
        preventive, _none = await actions.list_declarations(
            console.db, kind="preventiva", state="registrada", limit=1)
    pages = max(1, math.ceil(total / PAGE_SIZE))

    def url(n: int) -> str:
        params = {"estado": estado, "tipo": tipo, "vencidas": vencidas, "desde": desde,
                  "hasta": hasta, "dependencia": dependencia, "causal": causal, "clase": clase,
                  "pagina": n}
        return "/consola/declaraciones?" + urlencode({k: v for k, v in params.items() if v != ""})

    filters = {k: v for k, v in {"estado": estado, "tipo": tipo, "vencidas": vencidas,
                                 "desde": desde, "hasta": hasta,
                                 "dependencia": dependencia, "causal": causal,
                                 "clase": clase}.items() if v}
    export_url = "/consola/declaraciones/exportar.xlsx" + (
        "?" + urlencode(filters) if filters else "")
    return await console.render(
        "declarations.html", export_url=export_url, items=items, total=total,
        page_no=min(pagina, pages), preventive=preventive,
        pages=pages, url=url, estado=estado, tipo=tipo, vencidas=vencidas, desde=desde,
        hasta=hasta, dependencia=dependencia, causal=causal, grounds=GROUND_CHOICES,
        clase=clase, matter_types=MATTER_TYPE_CHOICES,
        departments=[("", messages.DECL_ALL_DEPARTMENTS)] + [
            (str(i), name) for i, name in departments.items()],
        states=list(messages.DECL_STATES.items()), kinds=list(messages.DECL_KINDS.items()),
        due_filters=list(messages.DECL_DUE_FILTERS.items()), **HELPERS)


async def _departments(console: Console) -> dict[int, str]:
    rows = await console.db.execute(select(Department.id, Department.name)
                                    .order_by(Department.name))
    return dict(rows.all())


GROUND_CHOICES = [("", messages.DECL_ALL_GROUNDS), *grounds.choices(none=str(grounds.NONE))]


def _ground(value: str) -> int | None:
    """The ``causal`` filter: a numeral 1-16, ``grounds.NONE`` (0) for «Sin precisar», or nothing."""
    return optional_int("causal", value, grounds.NONE, grounds.NUMERALS[-1])


def _department(departments: dict[int, str], value: str) -> int | None:
    """The ``dependencia`` filter: a dependencia's id, or nothing (anything else is a 400)."""
    department_id = optional_int("dependencia", value)
    if department_id is not None and department_id not in departments:
        raise BadQuery(console_messages.BAD_VALUE.format(name="dependencia"))
    return department_id


async def _rows(console: Console, estado: str, tipo: str, vencidas: str, *, limit: int,
                offset: int = 0, desde: str = "", hasta: str = "",
                department_id: int | None = None, ground: int | None = None,
                matter_type: str | None = None) -> tuple[int, list[Any]]:
    """The register's rows for the filters (no kind chosen: every kind that is decided);
    ``desde``/``hasta``: filed on those local days (AAAA-MM-DD; anything else is a 400);
    ``department_id``: the dependencia of whom they concern; ``ground``: a numeral of art. 11
    (0: without one); ``matter_type``: a type of matter of the guided /declarar."""
    tz = console.services.settings.tz
    today = console.services.today()
    try:
        start, end = actions.filed_bounds(optional_date("desde", desde),
                                          optional_date("hasta", hasta), tz)
    except InvalidInput as exc:
        raise BadQuery(exc.message) from None
    return await actions.list_declarations(
        console.db, filed_from=start, filed_until=end, state=estado or None, kind=tipo or None,
        kinds=None if tipo else DECIDED_KINDS,
        overdue_on=today if vencidas == "si" else None,
        answer_overdue_on=today if vencidas == "respuesta" else None,
        department_id=department_id, ground=ground, matter_type=matter_type, limit=limit,
        offset=offset)


async def detail_view(console: Console, declaration_id: int, *, error: str | None = None,
                      typed: str = "", outcome: str = "", status: int = 200,
                      link: str | None = None, emailed_to: str | None = None,
                      emailed: bool = False, chatted: bool = False,
                      mail_on: bool = True) -> Response:
    """One declaration (the read is audited) with its study and decide forms."""
    declaration = await api.get_declaration(declaration_id, console.staff, console.db,
                                            console.services)
    return await console.render(
        "declarations_detail.html", status=status, d=declaration, error=error, typed=typed,
        outcome=outcome, outcomes=messages.outcome_choices(declaration.kind),
        max_decision=actions.DECISION[1], link=link, emailed_to=emailed_to, emailed=emailed,
        chatted=chatted, mail_on=mail_on, superior=await _directory_superior(console, declaration),
        **HELPERS)


async def _directory_superior(console: Console, declaration: DeclarationOut) -> Person | None:
    """The jefe inmediato the directory names for whom the declaration concerns (#18): the
    link form starts with their name and e-mail (the ids of the row already loaded)."""
    concerned = (declaration.recused_person_id if declaration.kind == DeclarationKind.RECUSACION
                 else declaration.person_id)
    person = await console.db.get(Person, concerned) if concerned else None
    return await superior_of(console.db, person)


@router.get("/consola/declaraciones/{declaration_id:int}")
async def declaration_detail(console: Annotated[Console, page("declaraciones")],
                             declaration_id: Id) -> Response:
    """Show one declaration (404 page when it does not exist)."""
    console.only_params()
    return await detail_view(console, declaration_id)


@router.post("/consola/declaraciones/{declaration_id:int}/estudiar")
async def declaration_study(console: Annotated[Console, page("declaraciones.decidir")],
                            declaration_id: Id) -> Response:
    """radicada → en_estudio."""
    try:
        done = await actions.start_study(console.db, declaration_id, staff=console.staff,
                                         now=console.services.clock())
    except InvalidTransition as exc:
        await console.recover()
        return await detail_view(console, declaration_id, error=exc.message, status=409)
    return await console.redirect(f"/consola/declaraciones/{declaration_id}",
                                  messages.DECL_STUDIED_NOTICE.format(radicado=done.radicado))


@router.post("/consola/declaraciones/{declaration_id:int}/decidir")
async def declaration_decide(
    console: Annotated[Console, page("declaraciones.decidir")], declaration_id: Id,
    resultado: Annotated[str, Form(max_length=20)] = "",
    decision: Annotated[str, Form(max_length=FORM_MAX)] = "",
    confirmar: Annotated[str, Form(max_length=2)] = "",
) -> Response:
    """First post: check and show the confirmation page. Second post (``confirmar=si``): decide;
    the person's notice is queued to the chat in the same transaction."""
    try:
        if confirmar != "si":
            current = await actions.get_declaration(console.db, declaration_id)
            actions.check_decidable(current, console.services.today())
            if resultado not in messages.DECL_OUTCOMES:
                raise InvalidInput(bot_messages.BAD_OUTCOME)
            text = actions.check_decision(decision)
            view = (await api.views(console.db, console.services, [current]))[0]
            return await console.render("declarations_confirm.html", d=view, outcome=resultado,
                                        decision=text)
        done = await actions.decide(console.db, declaration_id, outcome=resultado,
                                    decision=decision, staff=console.staff,
                                    now=console.services.clock(),
                                    notifier=console.services.get(NOTIFIER),
                                    tz=console.services.settings.tz)
    except (InvalidInput, InvalidTransition) as exc:
        await console.recover()
        return await detail_view(console, declaration_id, error=exc.message, typed=decision,
                                 outcome=resultado, status=form_status(exc))
    notice = messages.DECL_DECIDED_NOTICE.format(
        radicado=done.declaration.radicado,
        outcome=messages.DECL_OUTCOMES[resultado].lower()) + (
        messages.DECL_DECIDED_NOTIFIED if done.notified else messages.DECL_DECIDED_NOT_NOTIFIED)
    return await console.redirect(f"/consola/declaraciones/{declaration_id}", notice)


@router.get("/consola/declaraciones/{declaration_id:int}/constancia.pdf")
async def declaration_pdf(console: Annotated[Console, page("declaraciones")],
                          declaration_id: Id) -> Response:
    """The constancia de radicación as a PDF (the download is audited)."""
    console.only_params()
    declaration = await actions.read_declaration(console.db, declaration_id,
                                                 staff=console.staff,
                                                 action="declaraciones.constancia")
    view = (await api.views(console.db, console.services, [declaration]))[0]
    data = pdf.constancia(declaration, pdf.Subject(view.person, view.decided_by),
                          console.services.settings.tz)
    name = f"constancia-{declaration.radicado}.pdf"
    return Response(data, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/consola/declaraciones/exportar.xlsx")
async def declaration_export(
    console: Annotated[Console, page("declaraciones.exportar")],
    estado: StateFilter = "", tipo: KindFilter = "", vencidas: OverdueFilter = "",
    desde: Annotated[str, Query(max_length=10)] = "",
    hasta: Annotated[str, Query(max_length=10)] = "",
    dependencia: Annotated[str, Query(max_length=12)] = "",
    causal: Annotated[str, Query(max_length=2)] = "",
    clase: MatterTypeFilter = "",
) -> Response:
    """The register (with the list's filters) as XLSX, every text cell neutralised."""
    console.only_params(*FILTERS)
    department_id = _department(await _departments(console), dependencia.strip())
    ground = _ground(causal)
    _total, rows = await _rows(console, estado, tipo, vencidas, limit=1_000_000,
                               desde=desde.strip(), hasta=hasta.strip(),
                               department_id=department_id, ground=ground,
                               matter_type=clase or None)
    views = await api.views(console.db, console.services, rows)
    tz = console.services.settings.tz
    header = [messages.DECL_COL_RADICADO, messages.DECL_COL_FILED, messages.DECL_KIND,
              messages.DECL_COL_WHO, messages.DECL_COL_DEPARTMENT, messages.DECL_COL_MATTER,
              messages.DECL_COL_DESCRIPTION, messages.DECL_COL_OFFICE, messages.DECL_STATE,
              messages.DECL_COL_DUE, messages.DECL_COL_DAYS_LEFT, messages.DECL_COL_OUTCOME,
              messages.DECL_THE_DECISION, messages.DECL_COL_DECIDED_BY,
              messages.DECL_COL_DECIDED_AT, messages.DECL_COL_RECUSED, messages.DECL_COL_RECUSANT,
              messages.DECL_COL_ANSWER_DUE, messages.DECL_COL_ANSWER, messages.DECL_COL_HOLDER,
              messages.DECL_COL_COUNTERPARTY, messages.DECL_COL_GROUND,
              messages.DECL_COL_MATTER_TYPE, messages.DECL_COL_ROLE, messages.DECL_COL_RELATIVE,
              messages.DECL_COL_DEGREE]
    rows_out = [header] + [[
        d.radicado, local_day(d.created_at, tz), messages.DECL_KINDS[d.kind],
        d.person or messages.DECL_PERSON_GONE, d.department or "", d.matter, d.description,
        d.deciding_office, messages.DECL_STATE_ONE[d.state], d.due_on,
        d.business_days_left if is_open(d) else None,
        messages.DECL_OUTCOMES.get(d.outcome or "", ""), d.decision or "",
        d.decided_by or "", local_day(d.decided_at, tz) if d.decided_at else None,
        d.recused or "", d.recusant or "", d.answer_due_on, answer_text(d),
        messages.DECL_HOLDERS.get(d.interest_holder or "", ""), d.counterparty or "",
        d.ground_name, d.matter_type_name, d.role_name,
        bot_messages.RELATIVE_NAMES.get(d.relation or "", ""),
        interest.degree_text(d.relation) if d.relation else ""] for d in views]
    data = await asyncio.to_thread(xlsx_bytes, messages.DECL_SHEET, rows_out)  # off the loop
    await actions.record_export(console.db, console.staff, {
        "rows": len(views), "estado": estado, "tipo": tipo, "vencidas": vencidas,
        "desde": desde.strip(), "hasta": hasta.strip(), "dependencia": department_id,
        "causal": ground, "clase": clase})
    return Response(data, media_type=XLSX_TYPE, headers={
        "Content-Disposition": f'attachment; filename="{messages.DECL_FILE_NAME}"'})


async def declarations_card(console: Console) -> Card | None:
    """Inicio: open declarations and how many passed their due date (for those who keep it)."""
    if not console.can("declaraciones"):
        return None
    today = console.services.today()
    open_total, overdue = await actions.open_counts(console.db, overdue_on=today)
    return Card(messages.DECL_CARD, big=str(open_total), lines=[
        (messages.DECL_CARD_OVERDUE, str(overdue)), (messages.DECL_CARD_OPEN, str(open_total))],
        link=("/consola/declaraciones?vencidas=si", messages.DECL_CARD_LINK))
