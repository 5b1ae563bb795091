"""Directorio: dependencias and people (filtered, sorted, paginated) and the CSV import."""

from __future__ import annotations

import math
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, Query, UploadFile
from sqlalchemy import func, select
from starlette.responses import Response

from nucleo.directory.web import messages
from nucleo.web.console.context import Console, page
from nucleo.web.console.params import optional_int
from nucleo.directory.importer import ImportReport, import_people
from nucleo.directory.reader import MAX_BYTES
from nucleo.web.body_limit import FORM_MARGIN
from nucleo.directory import messages as directory_messages
from nucleo.directory.web.cards import people_by_department, people_by_kind, subscribers
from nucleo.errors import DomainError, InvalidInput
from nucleo.web.console.feature import ConsoleFeature
from nucleo.models import Department, Person

router = APIRouter(include_in_schema=False)
UPLOADS = {"/consola/directorio/importar": MAX_BYTES + FORM_MARGIN}  # nucleo.web.body_limit
PAGE_SIZE = 50
PARAMS = ("dependencia", "orden", "pagina", "q")
Sort = Literal["nombre", "-nombre", "dependencia", "recientes"]
ORDER = {
    "nombre": (Person.full_name.asc(), Person.id.asc()),
    "-nombre": (Person.full_name.desc(), Person.id.desc()),
    "dependencia": (Department.name.asc(), Person.full_name.asc(), Person.id.asc()),
    "recientes": (Person.created_at.desc(), Person.id.desc()),
}


async def _departments(console: Console) -> list[tuple[int, str, int]]:
    counts = (select(Person.department_id, func.count().label("n"))
              .group_by(Person.department_id).subquery())
    rows = await console.db.execute(
        select(Department.id, Department.name, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.department_id == Department.id).order_by(Department.name))
    return [(i, n, c) for i, n, c in rows.all()]


async def _people(console: Console, department: int | None, sort: str, page_no: int,
                  q: str) -> tuple[list[Person], int]:
    query = select(Person).outerjoin(Department, Department.id == Person.department_id)
    if department is not None:
        query = query.where(Person.department_id == department)
    if q:
        needle = q.lower()
        query = query.where(func.lower(Person.full_name).contains(needle, autoescape=True)
                            | func.lower(Person.email).contains(needle, autoescape=True))
    total = await console.db.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await console.db.scalars(query.order_by(*ORDER[sort])
                                    .limit(PAGE_SIZE).offset((page_no - 1) * PAGE_SIZE))
    return list(rows.unique()), total


async def _view(console: Console, *, department: int | None = None, sort: str = "nombre",
                page_no: int = 1, q: str = "", report: ImportReport | None = None,
                import_error: str | None = None, status: int = 200) -> Response:
    departments = await _departments(console)
    people, total = await _people(console, department, sort, page_no, q)
    pages = max(1, math.ceil(total / PAGE_SIZE))

    def url(n: int) -> str:
        params = {"dependencia": department, "orden": sort, "pagina": n, "q": q}
        return "/consola/directorio?" + urlencode({k: v for k, v in params.items() if v})

    return await console.render(
        "directory.html", status=status, departments=departments, people=people, total=total,
        page_no=min(page_no, pages), pages=pages, url=url, department=department, sort=sort,
        q=q, sorts=list(messages.SORTS.items()), report=report, import_error=import_error,
        max_mb=MAX_BYTES // (1024 * 1024))


@router.get("/consola/directorio")
async def directory(
    console: Annotated[Console, page("directorio")],
    dependencia: Annotated[str, Query(max_length=12)] = "",
    orden: Sort = "nombre",
    pagina: Annotated[int, Query(ge=1, le=100_000)] = 1,
    q: Annotated[str, Query(max_length=100)] = "",
) -> Response:
    """List dependencias and people; only the known filter and sort parameters are accepted."""
    console.only_params(*PARAMS)
    return await _view(console, department=optional_int("dependencia", dependencia),
                       sort=orden, page_no=pagina,
                       q=q.strip())


@router.post("/consola/directorio/importar")
async def import_directory(
    console: Annotated[Console, page("directorio.importar")],
    archivo: Annotated[UploadFile | None, File()] = None,
    crear_dependencias: Annotated[str | None, Form(max_length=10)] = None,
) -> Response:
    """Import a CSV and show what was created and every rejected row with its line."""
    if archivo is None or not archivo.filename:
        return await _view(console, import_error=messages.IMPORT_NO_FILE, status=422)
    data = await archivo.read(MAX_BYTES + 1)
    try:
        if len(data) > MAX_BYTES:
            raise InvalidInput(directory_messages.TOO_LARGE.format(mb=MAX_BYTES // 2**20))
        report = await import_people(console.db, data, create_departments=bool(
            crear_dependencias), actor=console.staff)
    except DomainError as exc:
        await console.recover()
        return await _view(console, import_error=exc.message, status=422)
    return await _view(console, report=report)


CONSOLE = ConsoleFeature(router, "nucleo.directory.web", messages,
                         cards=(subscribers, people_by_kind, people_by_department))
