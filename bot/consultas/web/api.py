"""Escalated consultations: advisors list, read, answer, close and promote tickets."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field
from sqlalchemy import select

from bot.consultas import editing, tickets
from bot.consultas.models import Entry, Value
from bot.consultas.service import DESK, ConsultationService
from bot.consultas.tables import ConsultationTicket
from nucleo.formats import local_day
from nucleo.models import Department, Person, StaffAccount
from nucleo.web.deps import ServicesDep, SessionDep, allow
from nucleo.web.ids import BodyId, Id, Offset, QueryId

router = APIRouter(prefix="/api/v1/consultations", tags=["consultas"])
Status = Literal["abierto", "respondido", "cerrado"]
Office = Literal["talento_humano", "control_interno_disciplinario", "juridica"]


async def get_desk(services: ServicesDep, session: SessionDep) -> ConsultationService:
    """The service registered at start; built (and loaded) on first use when absent."""
    service = services.get(DESK)
    if service is None:
        service = ConsultationService.from_files(services)
        await service.store.refresh(session, force=True)
        services.provide(DESK, service)
    return service


DeskDep = Annotated[ConsultationService, Depends(get_desk)]


class TicketOut(BaseModel):
    id: int
    question: str
    anonymous: bool
    person: str | None
    department: str | None
    status: Status
    reason: str | None
    route: Office
    assigned_to_id: int | None
    assigned_to: str | None
    suggested_entry_id: str | None
    created_at: datetime
    due_on: date
    business_days_left: int
    answer: str | None
    answered_by: str | None
    answered_at: datetime | None
    notified_at: datetime | None
    closed_at: datetime | None
    promoted_entry_id: str | None


class TicketPage(BaseModel):
    total: int
    items: list[TicketOut]


class AnswerIn(BaseModel):
    answer: str = Field(min_length=1, max_length=tickets.MAX_ANSWER_CHARS)


class RouteIn(BaseModel):
    route: Office


class AssignIn(BaseModel):
    assignee_id: BodyId | None = Field(description="La cuenta a cargo; null: nadie en particular")


class AnswerOut(BaseModel):
    ticket: TicketOut
    notified: bool
    note: str


class PromoteIn(BaseModel):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]{2,63}$")
    title: str = Field(min_length=3, max_length=120)
    phrasings: list[Annotated[str, Field(max_length=500)]] = Field(default=[], max_length=50)
    include_question: bool = True
    answer: str | None = Field(default=None, max_length=4000)
    sources: list[Annotated[str, Field(min_length=2, max_length=200)]] = Field(
        min_length=1, max_length=20)
    related: list[str] = Field(default=[], max_length=20)
    keywords: list[Annotated[str, Field(max_length=60)]] = Field(default=[], max_length=50)
    value: Value | None = None


async def _names(session: SessionDep, key: Any, name: Any, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = await session.execute(select(key, name).where(key.in_(ids)))
    return {row[0]: row[1] for row in rows}


async def views(session: SessionDep, desk: ConsultationService,
                 rows: list[ConsultationTicket]) -> list[TicketOut]:
    people_ids = {t.person_id for t in rows if t.person_id}
    dept_ids = {t.department_id for t in rows if t.department_id}
    staff_ids = {i for t in rows for i in (t.answered_by_id, t.assigned_to_id) if i}
    people = await _names(session, Person.id, Person.full_name, people_ids)
    depts = await _names(session, Department.id, Department.name, dept_ids)
    staff = await _names(session, StaffAccount.id, StaffAccount.full_name, staff_ids)
    today = local_day(desk.clock(), desk.services.settings.tz)
    return [TicketOut(
        id=t.id, question=t.question, anonymous=t.anonymous,
        person=people.get(t.person_id) if t.person_id else None,
        department=depts.get(t.department_id) if t.department_id else None,
        status=t.status, reason=t.reason, route=t.route,  # type: ignore[arg-type]  # DB strings, written from these literals
        assigned_to_id=t.assigned_to_id,
        assigned_to=staff.get(t.assigned_to_id) if t.assigned_to_id else None,
        suggested_entry_id=t.suggested_entry_id,
        created_at=t.created_at, due_on=t.due_on,
        business_days_left=desk.calendar.between(today, t.due_on), answer=t.answer,
        answered_by=staff.get(t.answered_by_id) if t.answered_by_id else None,
        answered_at=t.answered_at, notified_at=t.notified_at, closed_at=t.closed_at,
        promoted_entry_id=t.promoted_entry_id) for t in rows]


@router.get("/tickets", response_model=TicketPage, summary="Consultas escaladas, por vencimiento")
async def list_tickets(
    _staff: Annotated[StaffAccount, allow("consultas")], session: SessionDep, desk: DeskDep,
    status: Status | None = None,
    route: Annotated[Office | None, Query(description="Solo las de esta oficina")] = None,
    due_within_days: Annotated[int | None, Query(ge=0, le=60, description=(
        "Solo las que vencen dentro de estos días hábiles (0: hoy o vencidas)"))] = None,
    assigned_to: Annotated[QueryId, Query(description="Solo las asignadas a esta cuenta")] = None,
    unassigned: Annotated[bool, Query(description="Solo las que no están a cargo de nadie")] = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Offset = 0,
) -> TicketPage:
    due_before = None
    if due_within_days is not None:
        today = local_day(desk.clock(), desk.services.settings.tz)
        due_before = desk.calendar.add(today, due_within_days)
    total, rows = await tickets.list_tickets(session, status=status, due_before=due_before,
                                             route=route, assigned_to=assigned_to,
                                             unassigned=unassigned, limit=limit, offset=offset)
    return TicketPage(total=total, items=await views(session, desk, rows))


@router.get("/tickets/{ticket_id}", response_model=TicketOut, summary="Una consulta")
async def get_ticket(ticket_id: Id, _staff: Annotated[StaffAccount, allow("consultas")],
                     session: SessionDep,
                     desk: DeskDep) -> TicketOut:
    return (await views(session, desk, [await tickets.get_ticket(session, ticket_id)]))[0]


@router.post("/tickets/{ticket_id}/answer", response_model=AnswerOut,
             summary="Responder una consulta (la respuesta llega a la persona por el chat)")
async def answer_ticket(ticket_id: Id, body: AnswerIn,
                        staff: Annotated[StaffAccount, allow("consultas.responder")],
                        session: SessionDep,
                        desk: DeskDep) -> AnswerOut:
    done = await tickets.answer_ticket(session, ticket_id, text=body.answer, staff=staff,
                                       notifier=desk.notifier(), now=desk.clock())
    view = (await views(session, desk, [done.ticket]))[0]
    return AnswerOut(ticket=view, notified=done.notified, note=done.note)


@router.post("/tickets/{ticket_id}/assign", response_model=TicketOut,
             summary="Asignar una consulta a un asesor (o a nadie en particular)")
async def assign_ticket(ticket_id: Id, body: AssignIn,
                        staff: Annotated[StaffAccount, allow("consultas.responder")],
                        session: SessionDep, desk: DeskDep) -> TicketOut:
    ticket = await tickets.assign_ticket(session, ticket_id, assignee_id=body.assignee_id,
                                         staff=staff)
    return (await views(session, desk, [ticket]))[0]


@router.post("/tickets/{ticket_id}/route", response_model=TicketOut,
             summary="Encaminar una consulta a otra oficina (Talento Humano, Control Interno, Jurídica)")
async def route_ticket(ticket_id: Id, body: RouteIn,
                       staff: Annotated[StaffAccount, allow("consultas.responder")],
                       session: SessionDep, desk: DeskDep) -> TicketOut:
    ticket = await tickets.reroute_ticket(session, ticket_id, route=body.route, staff=staff)
    return (await views(session, desk, [ticket]))[0]


@router.post("/tickets/{ticket_id}/close", response_model=TicketOut, summary="Cerrar una consulta")
async def close_ticket(ticket_id: Id, staff: Annotated[StaffAccount, allow("consultas.cerrar")],
                       session: SessionDep,
                       desk: DeskDep) -> TicketOut:
    ticket = await tickets.close_ticket(session, ticket_id, staff=staff, now=desk.clock())
    return (await views(session, desk, [ticket]))[0]


@router.post("/tickets/{ticket_id}/promote", response_model=Entry, status_code=201,
             summary="Convertir una consulta respondida en una entrada de la base")
async def promote_ticket(ticket_id: Id, body: PromoteIn,
                         staff: Annotated[StaffAccount, allow("consultas.promover")],
                         session: SessionDep, desk: DeskDep) -> Entry:
    return await editing.promote_ticket(session, desk.store, ticket_id, body.model_dump(),
                                        staff=staff, now=desk.clock())
