"""The directory as a file (CSV or XLSX, through ``nucleo.exports``): the same search, dependencia
and scope as the list, in the same Spanish order. Only directory data: no chat ids."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from nucleo.directory import messages
from nucleo.directory.people import Scope, Sort, people_query
from nucleo.directory.phones import national_form
from nucleo.exports import csv_text, new_workbook, workbook_bytes
from nucleo.models import Person

Format = Literal["csv", "xlsx"]
MAX_ROWS = 100_000
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _row(person: Person, zone: ZoneInfo, superiors: dict[int, str]) -> list[object]:
    retired = person.retired_at.astimezone(zone).strftime("%Y-%m-%d") if person.retired_at else ""
    return [
        person.full_name or "", person.document_id or "", person.email or "",
        person.department.name if person.department else "",
        messages.KIND_NAMES.get(person.kind or "", person.kind or ""),
        messages.STATUS_NAMES.get(person.status, person.status), retired,
        messages.YES if person.subscribed else messages.NO,
        national_form(person.mobile),
        superiors.get(person.superior_id, "") if person.superior_id else "",
    ]


async def export_rows(session: AsyncSession, *, q: str, department_id: int | None,
                      scope: Scope, sort: Sort, zone: ZoneInfo) -> list[list[object]]:
    """Header and one row per person (at most ``MAX_ROWS``)."""
    query = people_query(q=q, department_id=department_id, scope=scope, sort=sort)
    people = (await session.scalars(query.limit(MAX_ROWS))).unique()
    superiors = await _superiors(session)
    return [list(messages.EXPORT_HEADER), *(_row(p, zone, superiors) for p in people)]


async def _superiors(session: AsyncSession) -> dict[int, str]:
    """Each superior's cédula (or e-mail without one), as the import reads the «jefe
    inmediato» column: an exported file imports back with the same superiors (#18)."""
    rows = await session.execute(select(Person.id, Person.document_id, Person.email).where(
        Person.id.in_(select(Person.superior_id).where(Person.superior_id.is_not(None)))))
    return {pid: doc or email or "" for pid, doc, email in rows}


def render(rows: Sequence[Sequence[object]], fmt: Format) -> tuple[bytes, str]:
    """The file's bytes and media type (CSV in UTF-8 with BOM so spreadsheets keep accents)."""
    if fmt == "csv":
        return ("\ufeff" + csv_text(rows)).encode("utf-8"), CSV_TYPE
    book, sheet = new_workbook(messages.EXPORT_SHEET)
    for row in rows:
        sheet.append(list(row))
    sheet.freeze_panes = "A2"
    return workbook_bytes(book), XLSX_TYPE


def attachment(fmt: Format) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="directorio.{fmt}"'}
