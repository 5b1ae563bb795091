"""Auditoría: the append-only audit log, filterable by action, actor and dates."""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from sqlalchemy import Select, func, select
from starlette.responses import Response

from api.console import audit_words, messages
from nucleo.exports import csv_text, new_workbook, workbook_bytes
from nucleo.formats import sheet_datetime
from nucleo.models import AuditEntry
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import BadQuery
from nucleo.web.console.params import optional_date

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
PARAMS = ("accion", "actor", "desde", "hasta", "pagina")
EXPORT_LIMIT = 100_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Action = Annotated[str, Query(max_length=80)]
Actor = Annotated[str, Query(max_length=254)]
Day = Annotated[str, Query(max_length=10)]


def _start_of(day: date, console: Console) -> datetime:
    return datetime.combine(day, time.min, tzinfo=console.services.settings.tz)


def _filtered(console: Console, accion: str, actor: str, desde: str,
              hasta: str) -> tuple[Select[Any], dict[str, Any]]:
    since, until = optional_date("desde", desde), optional_date("hasta", hasta)
    if since and until and since > until:
        raise BadQuery(messages.AUDIT_DATE_ORDER)
    accion, actor = accion.strip(), actor.strip().lower()
    query = select(AuditEntry)
    if accion:
        codes = [code for code, words in messages.AUDIT_ACTIONS.items()
                 if words.lower().startswith(accion.lower())]
        query = query.where(AuditEntry.action.startswith(accion, autoescape=True)
                            | AuditEntry.action.in_(codes))
    if actor:
        query = query.where(AuditEntry.actor_email == actor)
    if since:
        query = query.where(AuditEntry.at >= _start_of(since, console))
    if until:
        query = query.where(AuditEntry.at < _start_of(until + timedelta(days=1), console))
    filters = {"accion": accion, "actor": actor, "desde": since and since.isoformat(),
               "hasta": until and until.isoformat()}
    return query, filters


@router.get("/consola/auditoria")
async def audit_log(
    console: Annotated[Console, page("auditoria")],
    accion: Action = "", actor: Actor = "", desde: Day = "", hasta: Day = "",
    pagina: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """The audit entries, newest first, in Spanish."""
    console.only_params(*PARAMS)
    query, filters = _filtered(console, accion, actor, desde, hasta)
    total = await console.db.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, math.ceil(total / PAGE_SIZE))
    entries = list(await console.db.scalars(
        query.order_by(AuditEntry.id.desc()).limit(PAGE_SIZE).offset((pagina - 1) * PAGE_SIZE)))
    codes = list(await console.db.scalars(
        select(AuditEntry.action).distinct().order_by(AuditEntry.action).limit(200)))
    actions = sorted({audit_words.action(code) for code in codes})
    tz = console.services.settings.tz

    def url(n: int) -> str:
        params = {**filters, "pagina": n}
        return "/consola/auditoria?" + urlencode({k: v for k, v in params.items() if v})

    query_string = urlencode({k: v for k, v in filters.items() if v})
    rows = [(e, audit_words.action(e.action), audit_words.target(e),
             audit_words.details(e, tz)) for e in entries]
    return await console.render("audit.html", rows=rows, total=total, pages=pages,
                                page_no=min(pagina, pages), url=url, filters=filters,
                                actions=actions, query_string=query_string)


async def _export_rows(console: Console, accion: str, actor: str, desde: str,
                       hasta: str) -> list[list[object]]:
    query, _filters = _filtered(console, accion, actor, desde, hasta)
    tz = console.services.settings.tz
    entries = await console.db.scalars(query.order_by(AuditEntry.id).limit(EXPORT_LIMIT))
    return [[sheet_datetime(e.at, tz, seconds=True),
             e.actor_email or messages.SYSTEM_ACTOR, audit_words.action(e.action), e.action,
             audit_words.target(e), audit_words.details_text(e, tz), e.summary or ""]
            for e in entries]


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}


@router.get("/consola/auditoria.csv")
async def audit_csv(console: Annotated[Console, page("auditoria")], accion: Action = "",
                    actor: Actor = "", desde: Day = "", hasta: Day = "") -> Response:
    """The filtered log as CSV for Excel in Colombia: «;», Bogotá time, words."""
    console.only_params(*PARAMS[:-1])
    rows = await _export_rows(console, accion, actor, desde, hasta)
    body = "\ufeff" + csv_text([messages.AUDIT_COLUMNS, *rows], delimiter=";")
    return Response(body.encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers=_attachment("auditoria.csv"))


@router.get("/consola/auditoria.xlsx")
async def audit_xlsx(console: Annotated[Console, page("auditoria")], accion: Action = "",
                     actor: Actor = "", desde: Day = "", hasta: Day = "") -> Response:
    """The filtered log as an Excel workbook."""
    console.only_params(*PARAMS[:-1])
    rows = await _export_rows(console, accion, actor, desde, hasta)
    book, sheet = new_workbook(messages.AUDIT_SHEET)
    sheet.append(list(messages.AUDIT_COLUMNS))
    for row in rows:
        sheet.append(row)
    return Response(workbook_bytes(book), media_type=XLSX, headers=_attachment("auditoria.xlsx"))
