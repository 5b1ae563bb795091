"""The audit log, read-only (admin and auditor)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import select

from nucleo.models import AuditEntry, StaffAccount
from nucleo.web.deps import SessionDep, allow

router = APIRouter(prefix="/api/v1/audit", tags=["auditoría"])


class AuditOut(BaseModel):
    id: int
    at: datetime
    actor_email: str | None
    action: str
    target_type: str | None
    target_id: str | None
    details: dict[str, Any]

    model_config = {"from_attributes": True}


@router.get("", response_model=list[AuditOut], summary="Registro de auditoría")
async def audit_log(
    _auditor: Annotated[StaffAccount, allow("auditoria")],
    session: SessionDep,
    action: Annotated[str | None, Query(max_length=80)] = None,
    actor: Annotated[str | None, Query(max_length=254)] = None,
    since: datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if action:
        query = query.where(AuditEntry.action.startswith(action, autoescape=True))
    if actor:
        query = query.where(AuditEntry.actor_email == actor.lower())
    if since:
        since = since if since.tzinfo else since.replace(tzinfo=UTC)
        query = query.where(AuditEntry.at >= since)
    return list(await session.scalars(query))
