"""Consultas: escalated consultations by due date, one ticket with its answer form, closing,
and the dashboard card. Reads go through the JSON API's own functions, so both show the same
data; every change goes through the actions of ``bot.consultas.tickets``."""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query
from starlette.responses import Response

from bot.consultas import tickets
from bot.consultas.service import DESK, ConsultationService
from bot.consultas.settings import ConsultationSettings
from bot.consultas.web import api, messages
from bot.consultas.web.api import DeskDep, TicketOut
from bot.consultas.web.console.bulk import BULK, advisor_choices
from bot.consultas.web.console.forms import FORM_MAX
from nucleo.business_days import business_calendar
from nucleo.errors import Conflict, InvalidInput
from nucleo.formats import local_day
from nucleo.settings import read_settings
from nucleo.web.console.bulk import offered
from nucleo.web.console.cards import Card
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import form_status
from nucleo.web.console.params import optional_int
from nucleo.web.ids import Id

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25
Status = Literal["abierto", "respondido", "cerrado", "todas"]
OfficeFilter = Literal["", "talento_humano", "control_interno_disciplinario", "juridica"]
MineFilter = Literal["", "mias", "sin_asignar"]


def due_label(days_left: int) -> str:
    """How far the due date is, in business days, as a person says it."""
    if days_left < -1:
        return messages.CONSULT_OVERDUE_DAYS.format(n=-days_left)
    if days_left == -1:
        return messages.CONSULT_OVERDUE_ONE
    if days_left == 0:
        return messages.CONSULT_DUE_TODAY
    if days_left == 1:
        return messages.CONSULT_ONE_DAY_LEFT
    return messages.CONSULT_DAYS_LEFT.format(n=days_left)


def is_overdue(ticket: TicketOut) -> bool:
    return ticket.status == "abierto" and ticket.business_days_left < 0


def who(ticket: TicketOut) -> str:
    if ticket.anonymous:
        return messages.CONSULT_ANONYMOUS
    return ticket.person or messages.CONSULT_PERSON_GONE


HELPERS: dict[str, Any] = {"due_label": due_label, "is_overdue": is_overdue, "who": who}


@router.get("/consola/consultas")
async def ticket_list(
    console: Annotated[Console, page("consultas")], desk: DeskDep,
    estado: Status = "abierto",
    oficina: OfficeFilter = "",
    plazo: Annotated[str, Query(max_length=3)] = "",
    asignadas: MineFilter = "",
    pagina: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """Tickets by due date (most urgent first), filtered by status, office, advisor in charge
    and due date, paginated."""
    console.only_params("estado", "oficina", "plazo", "asignadas", "pagina")
    within = optional_int("plazo", plazo, low=0, high=60)
    office = oficina
    status = None if estado == "todas" else estado
    found = await api.list_tickets(
        console.staff, console.db, desk, status=status, route=office or None,
        due_within_days=within, assigned_to=console.staff.id if asignadas == "mias" else None,
        unassigned=asignadas == "sin_asignar", limit=PAGE_SIZE, offset=(pagina - 1) * PAGE_SIZE)
    pages = max(1, math.ceil(found.total / PAGE_SIZE))

    def url(n: int) -> str:
        params = {"estado": estado, "oficina": office, "plazo": plazo, "asignadas": asignadas,
                  "pagina": n}
        return "/consola/consultas?" + urlencode({k: v for k, v in params.items() if v != ""})

    bulk = offered(console, BULK)
    advisors = await advisor_choices(console) if any(k == "asignar" for k, _ in bulk) else []
    return await console.render(
        "consultations.html", bulk=bulk, advisors=advisors, items=found.items, total=found.total, page_no=min(pagina, pages),
        pages=pages, url=url, estado=estado, plazo=plazo, oficina=office, asignadas=asignadas,
        assignment_filters=list(messages.CONSULT_ASSIGNED_FILTERS.items()),
        statuses=list(messages.CONSULT_STATUSES.items()),
        offices=[("", messages.CONSULT_ROUTE_ALL), *messages.CONSULT_ROUTES.items()],
        due_filters=list(messages.CONSULT_DUE_FILTERS.items()), **HELPERS)


async def ticket_view(console: Console, desk: ConsultationService, ticket_id: int, *,
                      error: str | None = None, typed: str = "", status: int = 200) -> Response:
    """One ticket, its history and, for advisors, the answer and close forms."""
    ticket = await api.get_ticket(ticket_id, console.staff, console.db, desk)
    kb = desk.store.kb
    suggested = kb.get(ticket.suggested_entry_id) if (
        ticket.suggested_entry_id and ticket.suggested_entry_id in kb) else None
    return await console.render(
        "consultations_ticket.html", status=status, ticket=ticket, suggested=suggested,
        error=error, typed=typed, max_answer=tickets.MAX_ANSWER_CHARS,
        reason=messages.CONSULT_REASONS.get(ticket.reason or "", messages.CONSULT_REASON_UNKNOWN),
        offices=list(messages.CONSULT_ROUTES.items()),
        advisors=await advisor_choices(console),
        **HELPERS)


@router.get("/consola/consultas/{ticket_id:int}")
async def ticket_detail(console: Annotated[Console, page("consultas")], desk: DeskDep,
                        ticket_id: Id) -> Response:
    """Show one ticket (404 page when it does not exist)."""
    console.only_params()
    return await ticket_view(console, desk, ticket_id)


@router.post("/consola/consultas/{ticket_id:int}/responder")
async def ticket_answer(
    console: Annotated[Console, page("consultas.responder")], desk: DeskDep, ticket_id: Id,
    respuesta: Annotated[str, Form(max_length=FORM_MAX)] = "",
) -> Response:
    """Answer once; the answer is queued to the person's chat in the same transaction."""
    try:
        done = await tickets.answer_ticket(console.db, ticket_id, text=respuesta,
                                           staff=console.staff, notifier=desk.notifier(),
                                           now=desk.clock())
    except (InvalidInput, Conflict) as exc:
        await console.recover()
        return await ticket_view(console, desk, ticket_id, error=exc.message, typed=respuesta,
                                 status=form_status(exc))
    return await console.redirect(f"/consola/consultas/{ticket_id}", done.note)


@router.post("/consola/consultas/{ticket_id:int}/encaminar")
async def ticket_route(
    console: Annotated[Console, page("consultas.responder")], desk: DeskDep, ticket_id: Id,
    oficina: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    """Send the ticket to another office; a closed one cannot change."""
    try:
        await tickets.reroute_ticket(console.db, ticket_id, route=oficina, staff=console.staff)
    except (InvalidInput, Conflict) as exc:
        await console.recover()
        return await ticket_view(console, desk, ticket_id, error=exc.message,
                                 status=form_status(exc))
    return await console.redirect(f"/consola/consultas/{ticket_id}", messages.CONSULT_ROUTED_NOTICE.format(
        id=ticket_id, office=messages.CONSULT_ROUTES[oficina]))


@router.post("/consola/consultas/{ticket_id:int}/asignar")
async def ticket_assign(
    console: Annotated[Console, page("consultas.responder")], desk: DeskDep, ticket_id: Id,
    asesor: Annotated[str, Form(max_length=12)] = "",
) -> Response:
    """Put an advisor in charge of the ticket (empty: nobody in particular)."""
    try:
        chosen = int(asesor) if asesor.strip() else None
    except ValueError:
        chosen = -1  # not a number: refused below like an unknown account
    try:
        ticket = await tickets.assign_ticket(console.db, ticket_id, assignee_id=chosen,
                                             staff=console.staff)
    except (InvalidInput, Conflict) as exc:
        await console.recover()
        return await ticket_view(console, desk, ticket_id, error=exc.message,
                                 status=form_status(exc))
    view = (await api.views(console.db, desk, [ticket]))[0]
    notice = (messages.CONSULT_ASSIGNED_NOTICE.format(id=ticket_id, name=view.assigned_to)
              if view.assigned_to else messages.CONSULT_UNASSIGNED_NOTICE.format(id=ticket_id))
    return await console.redirect(f"/consola/consultas/{ticket_id}", notice)


@router.post("/consola/consultas/{ticket_id:int}/cerrar")
async def ticket_close(console: Annotated[Console, page("consultas.cerrar")], desk: DeskDep,
                       ticket_id: Id) -> Response:
    """Close a ticket; a closed one cannot change."""
    try:
        await tickets.close_ticket(console.db, ticket_id, staff=console.staff, now=desk.clock())
    except Conflict as exc:
        await console.recover()
        return await ticket_view(console, desk, ticket_id, error=exc.message, status=409)
    return await console.redirect(f"/consola/consultas/{ticket_id}",
                                  messages.CONSULT_CLOSED_NOTICE.format(id=ticket_id))


async def tickets_due_card(console: Console) -> Card | None:
    """Dashboard: open tickets overdue, due today and due within the reminder window. Uses the
    desk's calendar and settings when it runs, without building the engine just for a count.
    None for a role that does not see the consultations (Jurídica / Control Interno)."""
    if not console.can("consultas"):
        return None
    desk = console.services.get(DESK)
    settings = desk.desk if desk else read_settings(ConsultationSettings)
    calendar = desk.calendar if desk else business_calendar(console.services)
    clock = desk.clock if desk else console.services.clock
    today = local_day(clock(), console.services.settings.tz)
    window = settings.reminder_business_days

    overdue, by_today, soon, open_total = await tickets.open_due_counts(
        console.db, [today - timedelta(days=1), today, calendar.add(today, window), None])
    return Card(messages.CARD_TICKETS_DUE, big=str(soon), lines=[
        (messages.CARD_TICKETS_OVERDUE, str(overdue)),
        (messages.CARD_TICKETS_TODAY, str(by_today - overdue)),
        (messages.CARD_TICKETS_SOON.format(n=window), str(soon)),
        (messages.CARD_TICKETS_OPEN, str(open_total))],
        link=(f"/consola/consultas?plazo={window}", messages.CARD_TICKETS_LINK))
