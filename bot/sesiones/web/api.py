"""Sessions and attendance as JSON (``/api/v1/sessions``): list, read, create, change, cancel;
the attendance list, a manual add and a removal. Same actions and permissions as the console;
errors in the service's shape ``{"error": {code, message, details}}``."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from bot.sesiones import actions, messages
from bot.sesiones.models import SensitizationSession
from nucleo.models import StaffAccount
from nucleo.web.deps import ServicesDep, SessionDep, allow
from nucleo.web.ids import BodyId, Id, Offset

router = APIRouter(prefix="/api/v1/sessions", tags=["sesiones"])


class SessionIn(BaseModel):
    title: str = Field(min_length=1, max_length=actions.TITLE)
    topic: str = Field(description="Tema: " + ", ".join(messages.TOPICS), max_length=40)
    place: str = Field(min_length=1, max_length=actions.PLACE)
    starts_at: datetime = Field(description="Inicio (ISO 8601 con zona horaria)")
    ends_at: datetime = Field(description="Terminación (ISO 8601 con zona horaria)")
    facilitator: str = Field(min_length=1, max_length=actions.FACILITATOR)
    notes: str = Field("", max_length=actions.NOTES)
    department_ids: list[BodyId] = Field(default_factory=list, max_length=500, description=(
        "Dependencias a las que va dirigida (vacía: toda la entidad)"))

    def fields(self) -> actions.SessionFields:
        return actions.SessionFields(
            title=self.title, topic=self.topic, place=self.place, starts_at=self.starts_at,
            ends_at=self.ends_at, facilitator=self.facilitator, notes=self.notes,
            department_ids=tuple(self.department_ids))


class SessionOut(BaseModel):
    id: int
    title: str
    topic: str
    place: str
    starts_at: datetime
    ends_at: datetime
    facilitator: str
    notes: str
    department_ids: list[int]
    cancelled_at: datetime | None
    attendance: int = Field(description="Asistencias registradas")
    check_in_opens_at: datetime
    check_in_closes_at: datetime
    telegram_link: str | None = Field(description="Enlace del código QR a Telegram")
    web_link: str | None = Field(description="Enlace del código QR al chat web")


class SessionPage(BaseModel):
    total: int
    items: list[SessionOut]


class AttendanceIn(BaseModel):
    person_id: BodyId


class AttendanceOut(BaseModel):
    id: int
    person_id: int | None = Field(description="Vacío: la persona pidió borrar sus datos")
    name: str | None
    department: str | None
    channel: str = Field(description="telegram, web, whatsapp o manual")
    checked_in_at: datetime


async def _view(session: SessionDep, services: ServicesDep, row: SensitizationSession,
                attendance: int | None = None) -> SessionOut:
    settings = services.settings
    links = actions.check_in_links(services.signer, settings, row.id)
    opens, closes = actions.window(row)
    if attendance is None:
        attendance = len(await actions.attendance_list(session, row.id))
    return SessionOut(
        id=row.id, title=row.title, topic=row.topic, place=row.place, starts_at=row.starts_at,
        ends_at=row.ends_at, facilitator=row.facilitator, notes=row.notes,
        department_ids=sorted(await actions.department_ids(session, row.id)),
        cancelled_at=row.cancelled_at, attendance=attendance, check_in_opens_at=opens,
        check_in_closes_at=closes, telegram_link=links.telegram if not row.cancelled_at else None,
        web_link=links.web if not row.cancelled_at else None)


@router.get("", response_model=SessionPage, summary="Sesiones de sensibilización, recientes primero")
async def list_sessions(_staff: Annotated[StaffAccount, allow("sesiones")], session: SessionDep,
                        services: ServicesDep,
                        limit: Annotated[int, Query(ge=1, le=500)] = 100,
                        offset: Offset = 0) -> SessionPage:
    total, rows = await actions.list_sessions(session, limit=limit, offset=offset)
    return SessionPage(total=total, items=[await _view(session, services, row, n)
                                           for row, n in rows])


@router.post("", response_model=SessionOut, status_code=201, summary="Registrar una sesión")
async def create_session(body: SessionIn, staff: Annotated[StaffAccount, allow("sesiones.editar")],
                         session: SessionDep, services: ServicesDep) -> SessionOut:
    row = await actions.create_session(session, body.fields(), staff=staff, now=services.clock())
    return await _view(session, services, row, 0)


@router.get("/{session_id}", response_model=SessionOut, summary="Una sesión")
async def get_session(session_id: Id, _staff: Annotated[StaffAccount, allow("sesiones")],
                      session: SessionDep, services: ServicesDep) -> SessionOut:
    return await _view(session, services, await actions.get_session(session, session_id))


@router.put("/{session_id}", response_model=SessionOut, summary="Cambiar una sesión")
async def update_session(session_id: Id, body: SessionIn,
                         staff: Annotated[StaffAccount, allow("sesiones.editar")],
                         session: SessionDep, services: ServicesDep) -> SessionOut:
    row = await actions.update_session(session, session_id, body.fields(), staff=staff)
    return await _view(session, services, row)


@router.post("/{session_id}/cancel", response_model=SessionOut,
             summary="Cancelar una sesión (su QR deja de registrar asistencia)")
async def cancel_session(session_id: Id, staff: Annotated[StaffAccount, allow("sesiones.editar")],
                         session: SessionDep, services: ServicesDep) -> SessionOut:
    row = await actions.cancel_session(session, session_id, staff=staff, now=services.clock())
    return await _view(session, services, row)


@router.get("/{session_id}/attendance", response_model=list[AttendanceOut],
            summary="Lista de asistencia de una sesión")
async def attendance(session_id: Id, _staff: Annotated[StaffAccount, allow("sesiones")],
                     session: SessionDep) -> list[AttendanceOut]:
    await actions.get_session(session, session_id)
    return [AttendanceOut(**vars(a)) for a in await actions.attendance_list(session, session_id)]


@router.post("/{session_id}/attendance", response_model=AttendanceOut, status_code=201,
             summary="Agregar a mano a una persona del directorio (sin celular)")
async def add_attendance(session_id: Id, body: AttendanceIn,
                         staff: Annotated[StaffAccount, allow("sesiones.editar")],
                         session: SessionDep, services: ServicesDep) -> AttendanceOut:
    row = await actions.add_attendance(session, session_id, body.person_id, staff=staff,
                                       now=services.clock())
    found = next(a for a in await actions.attendance_list(session, session_id) if a.id == row.id)
    return AttendanceOut(**vars(found))


@router.delete("/{session_id}/attendance/{attendance_id}", status_code=204,
               summary="Quitar una asistencia de la lista")
async def remove_attendance(session_id: Id, attendance_id: Id,
                            staff: Annotated[StaffAccount, allow("sesiones.editar")],
                            session: SessionDep) -> Response:
    await actions.remove_attendance(session, session_id, attendance_id, staff=staff)
    return Response(status_code=204)
