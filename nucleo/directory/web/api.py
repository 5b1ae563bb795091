"""Directory: departments, people and the CSV import."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Query, UploadFile
from pydantic import BaseModel
from sqlalchemy import func, select

from nucleo.web.deps import SessionDep, StaffDep, allow
from nucleo.directory.importer import import_people
from nucleo.directory.reader import MAX_BYTES
from nucleo.web.body_limit import FORM_MARGIN
from nucleo.errors import InvalidInput
from nucleo.directory import messages
from nucleo.models import Department, Person, StaffAccount
from nucleo.web.ids import Offset, QueryId

router = APIRouter(prefix="/api/v1", tags=["directorio"])
UPLOADS = {"/api/v1/people/import": MAX_BYTES + FORM_MARGIN}  # nucleo.web.body_limit


class DepartmentOut(BaseModel):
    id: int
    name: str
    people: int


class PersonOut(BaseModel):
    id: int
    full_name: str | None
    email: str | None
    kind: str | None
    department: str | None
    status: str
    subscribed: bool
    telegram: bool


class RejectedOut(BaseModel):
    line: int
    reason: str


class ImportOut(BaseModel):
    created: int
    updated: int
    unchanged: int
    departments_created: int
    rejected: list[RejectedOut]
    summary: str


class PeoplePage(BaseModel):
    total: int
    items: list[PersonOut]


@router.get("/departments", response_model=list[DepartmentOut], summary="Dependencias")
async def departments(_staff: StaffDep, session: SessionDep) -> list[DepartmentOut]:
    counts = (
        select(Person.department_id, func.count().label("n"))
        .group_by(Person.department_id).subquery()
    )
    rows = await session.execute(
        select(Department.id, Department.name, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.department_id == Department.id)
        .order_by(Department.name)
    )
    return [DepartmentOut(id=i, name=n, people=c) for i, n, c in rows.all()]


@router.get("/people", response_model=PeoplePage, summary="Personas del directorio")
async def people(
    _staff: Annotated[StaffAccount, allow("directorio")],
    session: SessionDep,
    department_id: QueryId = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Offset = 0,
) -> PeoplePage:
    query = select(Person)
    if department_id is not None:
        query = query.where(Person.department_id == department_id)
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(query.order_by(Person.id).limit(limit).offset(offset))
    items = [PersonOut(
        id=p.id, full_name=p.full_name, email=p.email, kind=p.kind,
        department=p.department.name if p.department else None, status=p.status,
        subscribed=p.subscribed, telegram=p.telegram_chat_id is not None) for p in rows]
    return PeoplePage(total=total, items=items)


@router.post("/people/import", response_model=ImportOut, summary="Importar el directorio (CSV)")
async def import_csv(
    staff: Annotated[StaffAccount, allow("directorio.importar")],
    session: SessionDep,
    file: Annotated[UploadFile, File(description="CSV exportado de la hoja de cálculo de TH")],
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
        summary=report.summary())
