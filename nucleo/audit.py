"""Append-only audit log of staff actions. Never put a servant's personal data in it."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from nucleo.models import AuditEntry, StaffAccount


def record(
    session: AsyncSession,
    actor: StaffAccount | None,
    action: str,
    *,
    target_type: str | None = None,
    target_id: object = None,
    details: dict[str, Any] | None = None,
    summary: str | None = None,
) -> AuditEntry:
    """Add an audit entry to the caller's transaction (it is written when the action commits)."""
    entry = AuditEntry(
        actor_id=actor.id if actor else None,
        actor_email=actor.email if actor else None,
        action=action,
        target_type=target_type,
        target_id=None if target_id is None else str(target_id),
        details=details or {},
        summary=summary,
    )
    session.add(entry)
    return entry
