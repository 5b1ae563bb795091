"""Auditoría: the append-only audit log, filterable by action, actor and dates."""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from sqlalchemy import func, select
from starlette.responses import Response

from api.console import messages
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import BadQuery
from nucleo.web.console.params import optional_date
from nucleo.models import AuditEntry

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
PARAMS = ("accion", "actor", "desde", "hasta", "pagina")


def _start_of(day: date, console: Console) -> datetime:
    return datetime.combine(day, time.min, tzinfo=console.services.settings.tz)


@router.get("/consola/auditoria")
async def audit_log(
    console: Annotated[Console, page("auditoria")],
    accion: Annotated[str, Query(max_length=80)] = "",
    actor: Annotated[str, Query(max_length=254)] = "",
    desde: Annotated[str, Query(max_length=10)] = "",
    hasta: Annotated[str, Query(max_length=10)] = "",
    pagina: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """The audit entries, newest first."""
    console.only_params(*PARAMS)
    since, until = optional_date("desde", desde), optional_date("hasta", hasta)
    if since and until and since > until:
        raise BadQuery(messages.AUDIT_DATE_ORDER)
    accion, actor = accion.strip(), actor.strip().lower()
    query = select(AuditEntry)
    if accion:
        query = query.where(AuditEntry.action.startswith(accion, autoescape=True))
    if actor:
        query = query.where(AuditEntry.actor_email == actor)
    if since:
        query = query.where(AuditEntry.at >= _start_of(since, console))
    if until:
        query = query.where(AuditEntry.at < _start_of(until + timedelta(days=1), console))
    total = await console.db.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, math.ceil(total / PAGE_SIZE))
    entries = list(await console.db.scalars(
        query.order_by(AuditEntry.id.desc()).limit(PAGE_SIZE).offset((pagina - 1) * PAGE_SIZE)))
    actions = list(await console.db.scalars(
        select(AuditEntry.action).distinct().order_by(AuditEntry.action).limit(200)))
    filters = {"accion": accion, "actor": actor, "desde": since and since.isoformat(),
               "hasta": until and until.isoformat()}

    def url(n: int) -> str:
        params = {**filters, "pagina": n}
        return "/consola/auditoria?" + urlencode({k: v for k, v in params.items() if v})

    return await console.render("audit.html", entries=entries, total=total, pages=pages,
                                page_no=min(pagina, pages), url=url, filters=filters,
                                actions=actions)
