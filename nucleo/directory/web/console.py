"""Directorio: dependencias and people (filtered, sorted, paginated), the import (CSV or
XLSX) and the form of invitations in bulk (``invitations``)."""

from __future__ import annotations

import math
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, Query, UploadFile
from sqlalchemy import func, select
from starlette.responses import Response

from nucleo.directory import export
from nucleo.directory import messages as directory_messages
from nucleo.directory.importer import ImportReport, import_people
from nucleo.directory.people import Scope, Sort, find_people
from nucleo.directory.reader import MAX_BYTES
from nucleo.directory.web import bulk, coverage, invitations, messages, person
from nucleo.directory.web.cards import people_by_department, people_by_kind, subscribers
from nucleo.errors import DomainError, InvalidInput
from nucleo.models import Department, Person, PersonStatus
from nucleo.ports import DIRECTORY_INVITATIONS
from nucleo.web.body_limit import FORM_MARGIN
from nucleo.web.console.bulk import offered
from nucleo.web.console.context import Console, page
from nucleo.web.console.feature import ConsoleFeature
from nucleo.web.console.params import optional_int

router = APIRouter(include_in_schema=False)
UPLOADS = {"/consola/directorio/importar": MAX_BYTES + FORM_MARGIN}  # nucleo.web.body_limit
PAGE_SIZE = 50
PARAMS = ("dependencia", "orden", "pagina", "q", "estado")


async def _departments(console: Console) -> list[tuple[int, str, int]]:
    counts = (select(Person.department_id, func.count().label("n"))
              .where(Person.status == PersonStatus.ACTIVA.value)
              .group_by(Person.department_id).subquery())
    rows = await console.db.execute(
        select(Department.id, Department.name, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.department_id == Department.id)
        .order_by(Department.normalized_name))
    return [(i, n, c) for i, n, c in rows.all()]


def _query(department: int | None, sort: str, q: str, scope: str, **extra: object) -> str:
    params = {"dependencia": department, "orden": sort if sort != "nombre" else None, "q": q,
              "estado": scope if scope != "activas" else None, **extra}
    return urlencode({k: v for k, v in params.items() if v})


def invitations_off(console: Console) -> str | None:
    """Why invitations cannot be sent now (no e-mail, no bot…), or None when they can."""
    port = console.services.get(DIRECTORY_INVITATIONS)
    return port.unavailable() if port is not None else messages.INVITE_OFF


async def show_directory(console: Console, *, department: int | None = None,
                         sort: Sort = "nombre", page_no: int = 1, q: str = "",
                         scope: Scope = "activas", report: ImportReport | None = None,
                         import_error: str | None = None, invite_error: str | None = None,
                         status: int = 200) -> Response:
    """The directory page (also after an import, or with the bulk invitation's error)."""
    departments = await _departments(console)
    invite_off = invitations_off(console)
    people, total = await find_people(console.db, q=q, department_id=department, scope=scope,
                                      sort=sort, limit=PAGE_SIZE,
                                      offset=(page_no - 1) * PAGE_SIZE)
    retired = (await find_people(console.db, scope="retiradas", limit=1))[1]
    pages = max(1, math.ceil(total / PAGE_SIZE))

    def url(n: int) -> str:
        return "/consola/directorio?" + _query(department, sort, q, scope, pagina=n)

    return await console.render(
        "directory.html", status=status, departments=departments, people=people, total=total,
        page_no=min(page_no, pages), pages=pages, url=url, department=department, sort=sort,
        q=q, scope=scope, scopes=list(messages.SCOPES.items()), retired_count=retired,
        export_query=_query(department, sort, q, scope),
        sorts=list(messages.SORTS.items()), report=report, import_error=import_error,
        invite_error=invite_error, invite_off=invite_off, max_mb=MAX_BYTES // (1024 * 1024),
        bulk=offered(console, bulk.BULK))


@router.get("/consola/directorio")
async def directory(
    console: Annotated[Console, page("directorio")],
    dependencia: Annotated[str, Query(max_length=12)] = "",
    orden: Sort = "nombre",
    pagina: Annotated[int, Query(ge=1, le=100_000)] = 1,
    q: Annotated[str, Query(max_length=100)] = "",
    estado: Scope = "activas",
) -> Response:
    """List dependencias and people; only the known filter and sort parameters are accepted."""
    console.only_params(*PARAMS)
    return await show_directory(console, department=optional_int("dependencia", dependencia),
                       sort=orden, page_no=pagina, q=q.strip(), scope=estado)


@router.get("/consola/directorio/exportar.{fmt}")
async def export_directory(
    console: Annotated[Console, page("directorio.exportar")],
    fmt: export.Format,
    dependencia: Annotated[str, Query(max_length=12)] = "",
    orden: Sort = "nombre",
    q: Annotated[str, Query(max_length=100)] = "",
    estado: Scope = "activas",
) -> Response:
    """The list as it is filtered, as CSV or XLSX."""
    console.only_params(*PARAMS)
    rows = await export.export_rows(console.db, q=q.strip(),
                                    department_id=optional_int("dependencia", dependencia),
                                    scope=estado, sort=orden, zone=console.services.settings.tz)
    data, media = export.render(rows, fmt)
    return Response(data, media_type=media, headers=export.attachment(fmt))


@router.post("/consola/directorio/importar")
async def import_directory(
    console: Annotated[Console, page("directorio.importar")],
    archivo: Annotated[UploadFile | None, File()] = None,
    crear_dependencias: Annotated[str | None, Form(max_length=10)] = None,
) -> Response:
    """Import a CSV and show what was created and every rejected row with its line."""
    if archivo is None or not archivo.filename:
        return await show_directory(console, import_error=messages.IMPORT_NO_FILE, status=422)
    data = await archivo.read(MAX_BYTES + 1)
    try:
        if len(data) > MAX_BYTES:
            raise InvalidInput(directory_messages.TOO_LARGE.format(mb=MAX_BYTES // 2**20))
        report = await import_people(console.db, data, create_departments=bool(
            crear_dependencias), actor=console.staff)
    except DomainError as exc:
        await console.recover()
        return await show_directory(console, import_error=exc.message, status=422)
    return await show_directory(console, report=report)


router.include_router(person.router)
router.include_router(invitations.router)
router.include_router(coverage.router)
router.include_router(bulk.router)

CONSOLE = ConsoleFeature(router, "nucleo.directory.web", messages,
                         cards=(subscribers, people_by_kind, people_by_department))
