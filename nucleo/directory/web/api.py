"""Directory: departments, people and the CSV import."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Query, UploadFile
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, select
from starlette.responses import Response

from nucleo.directory import export, messages
from nucleo.directory.coverage import coverage_by_department
from nucleo.directory.importer import import_people
from nucleo.directory.people import (
    PersonChanges,
    Scope,
    Sort,
    find_people,
    get_person,
    reactivate_person,
    retire_person,
    update_person,
)
from nucleo.directory.reader import MAX_BYTES
from nucleo.directory.superior_edit import choose, set_superior
from nucleo.errors import InvalidInput
from nucleo.models import Department, Person, PersonStatus, StaffAccount
from nucleo.ports import CAMPAIGNS
from nucleo.web.body_limit import FORM_MARGIN
from nucleo.web.deps import ServicesDep, SessionDep, StaffDep, allow
from nucleo.web.ids import BodyId, Id, Offset, QueryId

router = APIRouter(prefix="/api/v1", tags=["directorio"])
UPLOADS = {"/api/v1/people/import": MAX_BYTES + FORM_MARGIN}  # nucleo.web.body_limit


class DepartmentOut(BaseModel):
    id: int
    name: str
    people: int


class PersonOut(BaseModel):
    id: int
    full_name: str | None
    document_id: str | None
    email: str | None
    mobile: str | None  # E.164
    kind: str | None
    department_id: int | None
    department: str | None
    status: str
    retired_at: datetime | None
    subscribed: bool
    telegram: bool
    superior_id: int | None = None  # jefe inmediato, from the import (#18)

    @classmethod
    def of(cls, p: Person) -> PersonOut:
        return cls(id=p.id, full_name=p.full_name, document_id=p.document_id, email=p.email,
                   mobile=p.mobile, kind=p.kind, department_id=p.department_id,
                   department=p.department.name if p.department else None, status=p.status,
                   retired_at=p.retired_at, subscribed=p.subscribed,
                   telegram=p.telegram_chat_id is not None, superior_id=p.superior_id)


class PersonPatch(BaseModel):
    """Fields to change; a missing field stays, an empty document or e-mail is cleared."""

    model_config = ConfigDict(extra="forbid")

    full_name: str | None = Field(None, max_length=400)
    document_id: str | None = Field(None, max_length=40)
    email: str | None = Field(None, max_length=320)
    mobile: str | None = Field(None, max_length=40)
    department_id: BodyId | None = None
    kind: Literal["servidor", "contratista"] | None = None


class SuperiorPut(BaseModel):
    """Exactly one: ``superior_id`` (null clears the jefe inmediato) or ``superior``, the
    cédula, e-mail or full name of someone active in the directory (a name two people share,
    or a partial one, is refused with the candidates to choose from)."""

    model_config = ConfigDict(extra="forbid")

    superior_id: BodyId | None = None
    superior: str | None = Field(None, max_length=200)


class RejectedOut(BaseModel):
    line: int
    reason: str


class ImportOut(BaseModel):
    created: int
    updated: int
    unchanged: int
    departments_created: int
    rejected: list[RejectedOut]
    superiors_set: int = 0
    superior_rejected: list[RejectedOut] = []  # imported rows whose jefe was not set
    summary: str
    create_departments_hint: str | None = None


class PeoplePage(BaseModel):
    total: int
    items: list[PersonOut]


@router.get("/departments", response_model=list[DepartmentOut], summary="Dependencias")
async def departments(_staff: StaffDep, session: SessionDep) -> list[DepartmentOut]:
    counts = (
        select(Person.department_id, func.count().label("n"))
        .where(Person.status == PersonStatus.ACTIVA.value)  # the retired are shown apart
        .group_by(Person.department_id).subquery()
    )
    rows = await session.execute(
        select(Department.id, Department.name, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.department_id == Department.id)
        .order_by(Department.normalized_name)
    )
    return [DepartmentOut(id=i, name=n, people=c) for i, n, c in rows.all()]


SearchText = Annotated[str, Query(max_length=100, description="Nombre (sin importar tildes), "
                                                             "cédula o correo")]


@router.get("/people", response_model=PeoplePage, summary="Personas del directorio")
async def people(
    _staff: Annotated[StaffAccount, allow("directorio")],
    session: SessionDep,
    department_id: QueryId = None,
    q: SearchText = "",
    scope: Scope = "activas",
    sort: Sort = "nombre",
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Offset = 0,
) -> PeoplePage:
    """Search and list people in Spanish alphabetical order; ``scope`` shows the retired."""
    rows, total = await find_people(session, q=q, department_id=department_id, scope=scope,
                                    sort=sort, limit=limit, offset=offset)
    return PeoplePage(total=total, items=[PersonOut.of(p) for p in rows])


@router.get("/people/export", summary="Exportar el directorio (CSV o XLSX)",
            response_class=Response)
async def export_people(
    _staff: Annotated[StaffAccount, allow("directorio.exportar")],
    session: SessionDep,
    services: ServicesDep,
    format: export.Format = "csv",
    department_id: QueryId = None,
    q: SearchText = "",
    scope: Scope = "activas",
    sort: Sort = "nombre",
) -> Response:
    rows = await export.export_rows(session, q=q, department_id=department_id, scope=scope,
                                    sort=sort, zone=services.settings.tz)
    data, media = export.render(rows, format)
    return Response(data, media_type=media, headers=export.attachment(format))


class CoverageOut(BaseModel):
    department_id: int | None
    department: str | None
    people: int
    linked: int
    consenting: int
    telegram: int
    web: int
    whatsapp: int
    email: int


class CoveragePage(BaseModel):
    items: list[CoverageOut]
    total: CoverageOut


@router.get("/people/coverage", response_model=CoveragePage,
            summary="Cobertura por dependencia (solo conteos)")
async def people_coverage(_staff: Annotated[StaffAccount, allow("directorio.cobertura")],
                          session: SessionDep) -> CoveragePage:
    """Per dependencia: people in the directory, linked, consenting and reachable by channel
    (definitions in ``nucleo.directory.coverage``)."""
    items, total = await coverage_by_department(session)
    return CoveragePage(items=[CoverageOut(**vars(i)) for i in items],
                        total=CoverageOut(**vars(total)))


@router.get("/people/{person_id}", response_model=PersonOut, summary="Una persona")
async def person(_staff: Annotated[StaffAccount, allow("directorio")], session: SessionDep,
                 person_id: Id) -> PersonOut:
    return PersonOut.of(await get_person(session, person_id))


@router.patch("/people/{person_id}", response_model=PersonOut, summary="Editar una persona")
async def edit_person(staff: Annotated[StaffAccount, allow("directorio.editar")],
                      session: SessionDep, person_id: Id, body: PersonPatch) -> PersonOut:
    changes = PersonChanges(**body.model_dump(exclude_unset=True))
    return PersonOut.of(await update_person(session, person_id, changes, actor=staff))


@router.put("/people/{person_id}/superior", response_model=PersonOut,
            summary="Asignar, cambiar o quitar el jefe inmediato de una persona")
async def put_superior(staff: Annotated[StaffAccount, allow("directorio.editar")],
                       session: SessionDep, person_id: Id, body: SuperiorPut) -> PersonOut:
    """422 (nothing changed) for the person themself, someone not active in the directory,
    someone who already depends on the person (a cycle), or a ``superior`` text that is not
    exactly one person: then ``details.candidatos`` lists who matches (id, name, dependencia),
    to send again with ``superior_id``."""
    sent = body.model_fields_set
    if sent == {"superior_id", "superior"}:
        raise InvalidInput(messages.EDIT_SUPERIOR_BOTH)
    if not sent:
        raise InvalidInput(messages.EDIT_SUPERIOR_NEITHER)
    superior_id = body.superior_id
    if "superior" in sent:
        await get_person(session, person_id)  # 404 before searching for an unknown person
        superior_id = (await choose(session, body.superior or "", person_id=person_id)).id
    return PersonOut.of(await set_superior(session, person_id, superior_id, actor=staff))


@router.post("/people/{person_id}/retire", response_model=PersonOut,
             summary="Retirar a una persona (queda para la historia, no recibe envíos)")
async def retire(staff: Annotated[StaffAccount, allow("directorio.editar")],
                 session: SessionDep, services: ServicesDep, person_id: Id) -> PersonOut:
    return PersonOut.of(await retire_person(session, person_id, now=services.clock(),
                                            actor=staff, campaigns=services.get(CAMPAIGNS)))


@router.post("/people/{person_id}/reactivate", response_model=PersonOut,
             summary="Volver a activar a una persona retirada")
async def reactivate(staff: Annotated[StaffAccount, allow("directorio.editar")],
                     session: SessionDep, person_id: Id) -> PersonOut:
    return PersonOut.of(await reactivate_person(session, person_id, actor=staff))


@router.post("/people/import", response_model=ImportOut, summary="Importar el directorio (CSV o Excel .xlsx)")
async def import_csv(
    staff: Annotated[StaffAccount, allow("directorio.importar")],
    session: SessionDep,
    file: Annotated[UploadFile, File(description="CSV o Excel (.xlsx, primera hoja) de la hoja de cálculo de TH")],
    create_departments: Annotated[bool, Form()] = False,
) -> ImportOut:
    data = await file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InvalidInput(messages.TOO_LARGE.format(mb=MAX_BYTES // (1024 * 1024)))
    report = await import_people(session, data, create_departments=create_departments,
                                 actor=staff)
    return ImportOut(
        created=report.created, updated=report.updated, unchanged=report.unchanged,
        departments_created=report.departments_created,
        rejected=[RejectedOut(line=r.line, reason=r.reason) for r in report.rejected],
        superiors_set=report.superiors_set,
        superior_rejected=[RejectedOut(line=r.line, reason=r.reason)
                           for r in report.superior_rejected],
        summary=report.summary(), create_departments_hint=report.explain_create_option)
