"""Changes to the plan de acción. Each action owns its transaction (``nucleo.db.commit``) and
leaves an audit entry without personal data."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from informe import messages
from informe.models import ActivityEvidence, PlanActivity
from informe.plan import ActivityInput
from nucleo import audit
from nucleo.db import commit
from nucleo.errors import Conflict, InvalidInput, NotFound
from nucleo.models import StaffAccount

SEED_FILE = Path(__file__).with_name("plan_seed.yaml")
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
EVIDENCE_TYPES = {
    "application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg", "text/plain": ".txt",
    "text/csv": ".csv",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/msword": ".doc", "application/vnd.ms-excel": ".xls",
}
NOTE_MAX = 4000


async def get_activity(session: AsyncSession, activity_id: int) -> PlanActivity:
    activity = await session.get(PlanActivity, activity_id)
    if activity is None:
        raise NotFound(messages.ACTIVITY_NOT_FOUND)
    return activity


async def list_activities(session: AsyncSession) -> list[PlanActivity]:
    """Every activity, by component and position."""
    return list(await session.scalars(
        select(PlanActivity).order_by(PlanActivity.position, PlanActivity.id)))


async def seed_plan(session: AsyncSession, actor: StaffAccount | None, year: int) -> int:
    """Load the reference plan (HR's seed report) as the activities of ``year``, only into an
    empty plan. Returns how many activities were created."""
    if not 2000 <= year <= 2100:
        raise InvalidInput(messages.BAD_YEAR, details={"field": "year"})
    if await session.scalar(select(func.count()).select_from(PlanActivity)):
        raise Conflict(messages.PLAN_NOT_EMPTY)
    data = yaml.safe_load(SEED_FILE.read_text(encoding="utf-8"))
    for position, row in enumerate(data["activities"], start=1):
        session.add(PlanActivity(
            component=row["component"], position=position, name=row["name"], target="",
            owner=data["owner"], starts_on=date(year, 1, 1), ends_on=date(year, 12, 31),
            measure_key=row.get("measure"), goal_percent=None, progress=int(row["progress"]),
            done=row.get("done") or "", missing=row.get("missing") or ""))
    count = len(data["activities"])
    audit.record(session, actor, "informe.plan.sembrar", target_type="plan",
                 details={"year": year, "activities": count})
    await commit(session)
    return count


async def create_activity(session: AsyncSession, actor: StaffAccount | None,
                          data: ActivityInput) -> PlanActivity:
    position = (await session.scalar(select(func.max(PlanActivity.position))) or 0) + 1
    activity = PlanActivity(position=position, **asdict(data))
    session.add(activity)
    await session.flush()
    audit.record(session, actor, "informe.actividad.crear", target_type="plan_activity",
                 target_id=activity.id)
    await commit(session)
    return activity


async def update_activity(session: AsyncSession, actor: StaffAccount | None, activity_id: int,
                          data: ActivityInput) -> PlanActivity:
    activity = await get_activity(session, activity_id)
    changed = {k: v for k, v in asdict(data).items() if getattr(activity, k) != v}
    for key, value in changed.items():
        setattr(activity, key, value)
    audit.record(session, actor, "informe.actividad.editar", target_type="plan_activity",
                 target_id=activity.id, details={"campos": sorted(changed)})
    await commit(session)
    return activity


async def delete_activity(session: AsyncSession, actor: StaffAccount | None,
                          activity_id: int) -> None:
    activity = await get_activity(session, activity_id)
    await session.delete(activity)
    audit.record(session, actor, "informe.actividad.eliminar", target_type="plan_activity",
                 target_id=activity_id)
    await commit(session)


def check_evidence(note: str, file_name: str | None, file_type: str | None,
                   content: bytes | None) -> tuple[str, str | None, str | None, bytes | None]:
    """Validate a piece of evidence: a note, a file, or both (size and type limited)."""
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise InvalidInput(messages.TEXT_TOO_LONG.format(field="Nota", n=NOTE_MAX),
                           details={"field": "note"})
    if not content:
        content = file_name = file_type = None
    if content is not None:
        if len(content) > EVIDENCE_MAX_BYTES:
            raise InvalidInput(messages.EVIDENCE_TOO_BIG.format(
                mb=EVIDENCE_MAX_BYTES // (1024 * 1024)), details={"field": "file"})
        file_type = (file_type or "").split(";")[0].strip().lower()
        if file_type not in EVIDENCE_TYPES:
            raise InvalidInput(messages.EVIDENCE_BAD_TYPE, details={"field": "file"})
        file_name = Path(file_name or "evidencia").name[:200] or "evidencia"
    if not note and content is None:
        raise InvalidInput(messages.EVIDENCE_EMPTY, details={"field": "note"})
    return note, file_name, file_type, content


async def add_evidence(session: AsyncSession, actor: StaffAccount | None, activity_id: int, *,
                       note: str, file_name: str | None = None, file_type: str | None = None,
                       content: bytes | None = None) -> ActivityEvidence:
    await get_activity(session, activity_id)
    note, file_name, file_type, content = check_evidence(note, file_name, file_type, content)
    evidence = ActivityEvidence(activity_id=activity_id, note=note, file_name=file_name,
                                file_type=file_type, content=content,
                                file_size=len(content) if content is not None else None,
                                created_by=actor.id if actor else None)
    session.add(evidence)
    await session.flush()
    audit.record(session, actor, "informe.evidencia.agregar", target_type="plan_activity",
                 target_id=activity_id, details={"evidencia": evidence.id,
                                                 "archivo": content is not None})
    await commit(session)
    return evidence


async def get_evidence(session: AsyncSession, activity_id: int,
                       evidence_id: int) -> ActivityEvidence:
    evidence = await session.get(ActivityEvidence, evidence_id)
    if evidence is None or evidence.activity_id != activity_id:
        raise NotFound(messages.EVIDENCE_NOT_FOUND)
    return evidence


async def evidence_file(session: AsyncSession, activity_id: int,
                        evidence_id: int) -> tuple[str, str, bytes]:
    """(name, type, bytes) of an evidence file."""
    evidence = await get_evidence(session, activity_id, evidence_id)
    content = await session.scalar(select(ActivityEvidence.content)
                                   .where(ActivityEvidence.id == evidence_id))
    if content is None or evidence.file_name is None:
        raise NotFound(messages.EVIDENCE_NOT_FOUND)
    return evidence.file_name, evidence.file_type or "application/octet-stream", content


async def delete_evidence(session: AsyncSession, actor: StaffAccount | None, activity_id: int,
                          evidence_id: int) -> None:
    evidence = await get_evidence(session, activity_id, evidence_id)
    await session.delete(evidence)
    audit.record(session, actor, "informe.evidencia.eliminar", target_type="plan_activity",
                 target_id=activity_id, details={"evidencia": evidence_id})
    await commit(session)


def activity_fields(activity: PlanActivity) -> dict[str, Any]:
    """The editable fields of an activity (for a form or the API)."""
    return {k: getattr(activity, k) for k in ActivityInput.__dataclass_fields__}
