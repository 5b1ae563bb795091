"""Asset declarations: every active servant files the declaración de bienes y rentas each year
(territorial deadline 31 July, DOMAIN.md §2.8); Ley 2013 de 2019 reaches the subjects HR marks
(contractors included through literals f and g). HR records who filed, by cédula; compliance
is counted per dependencia and listed person by person for the export."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.declaraciones import messages
from bot.declaraciones.models import AssetFiling, AssetFilingKind, AssetReminderWindow
from nucleo import asset_filings, audit
from nucleo.db import commit
from nucleo.directory.keys import document_key
from nucleo.directory.reader import (
    RejectedRow,
    cell_reader,
    find_columns,
    header_text,
    parse_day,
    read_table_or_sheet,
)
from nucleo.errors import InvalidInput, NotFound
from nucleo.models import Department, Person, StaffAccount
from nucleo.report.dependencies import name_order

KINDS, FIRST_YEAR = asset_filings.KINDS, asset_filings.FIRST_YEAR  # the one source of both
DOCUMENT = re.compile(r"\d{3,20}")  # a cédula as document_key leaves it


def check(kind: str, year: int, today: date) -> None:
    if kind not in KINDS:
        raise InvalidInput(messages.ASSET_BAD_KIND, details={"field": "kind"})
    last = asset_filings.last_year(today.year)
    if not FIRST_YEAR <= year <= last:
        raise InvalidInput(messages.ASSET_BAD_YEAR.format(min=FIRST_YEAR, max=last),
                           details={"field": "year"})


async def _person_by_document(session: AsyncSession, document: str) -> Person:
    key = document_key(document)
    if not DOCUMENT.fullmatch(key):
        raise InvalidInput(messages.ASSET_BAD_DOCUMENT, details={"field": "document_id"})
    person = (await session.execute(
        select(Person).where(Person.document_id == key))).scalar_one_or_none()
    if person is None:
        raise NotFound(messages.ASSET_NO_PERSON.format(document=key))
    return person


async def _row(session: AsyncSession, person_id: int, year: int, kind: str) -> AssetFiling:
    row = (await session.execute(select(AssetFiling).where(
        AssetFiling.person_id == person_id, AssetFiling.year == year,
        AssetFiling.kind == kind))).scalar_one_or_none()
    if row is None:
        row = AssetFiling(person_id=person_id, year=year, kind=kind, required=False)
        session.add(row)
    return row


async def mark_filed(session: AsyncSession, *, document: str, year: int, kind: str,
                     filed_on: date, staff: StaffAccount | None, now: datetime, today: date,
                     source: str = "consola", required: bool | None = None) -> AssetFiling:
    """Record that the person with this cédula filed (a later record replaces the date) and,
    when ``required`` is given, whether they must file; both or nothing."""
    check(kind, year, today)
    if filed_on > today:
        raise InvalidInput(messages.ASSET_FUTURE, details={"field": "filed_on"})
    person = await _person_by_document(session, document)
    row = await _row(session, person.id, year, kind)
    row.filed_on, row.source, row.recorded_at = filed_on, source, now
    row.recorded_by_id = staff.id if staff else None
    details: dict[str, object] = {"anio": year, "tipo": kind}
    if required is not None:
        row.required = details["obligado"] = required
    audit.record(session, staff, "declaraciones.bienes.registrar", target_type="persona",
                 target_id=person.id, details=details)
    await commit(session)
    return row


async def mark_required(session: AsyncSession, *, document: str, year: int, kind: str,
                        required: bool, staff: StaffAccount | None, now: datetime,
                        today: date) -> AssetFiling:
    """HR says whether this person must file (Ley 2013 subjects, a contractor by literal f/g)."""
    check(kind, year, today)
    person = await _person_by_document(session, document)
    row = await _row(session, person.id, year, kind)
    row.required, row.recorded_at = required, now
    audit.record(session, staff, "declaraciones.bienes.obligados", target_type="persona",
                 target_id=person.id, details={"anio": year, "tipo": kind, "obligado": required})
    await commit(session)
    return row


async def set_reminder_window(session: AsyncSession, *, year: int, kind: str, opens_on: date,
                              closes_on: date, staff: StaffAccount | None, now: datetime,
                              today: date) -> asset_filings.ReminderWindow:
    """HR sets the dates between which reminder campaigns for this declaration and year reach
    those pending (both days included): from 1 January of the year to 31 December of the next,
    at most a year long."""
    check(kind, year, today)
    first, last = date(year, 1, 1), date(year + 1, 12, 31)
    if not (first <= opens_on <= last and first <= closes_on <= last):
        raise InvalidInput(messages.ASSET_WINDOW_RANGE.format(
            first=first.isoformat(), last=last.isoformat()), details={"field": "opens_on"})
    if closes_on < opens_on:
        raise InvalidInput(messages.ASSET_WINDOW_REVERSED, details={"field": "closes_on"})
    if (closes_on - opens_on).days > 365:
        raise InvalidInput(messages.ASSET_WINDOW_TOO_LONG, details={"field": "closes_on"})
    row = (await session.execute(select(AssetReminderWindow).where(
        AssetReminderWindow.year == year, AssetReminderWindow.kind == kind))).scalar_one_or_none()
    if row is None:
        row = AssetReminderWindow(year=year, kind=kind)
        session.add(row)
    row.opens_on, row.closes_on, row.set_at = opens_on, closes_on, now
    row.set_by_id = staff.id if staff else None
    audit.record(session, staff, "declaraciones.bienes.ventana", details={
        "anio": year, "tipo": kind, "desde": opens_on.isoformat(),
        "hasta": closes_on.isoformat()})
    await commit(session)
    return asset_filings.ReminderWindow(opens_on, closes_on, configured=True)


FILED_COLUMNS = {
    "documento": {"cedula", "documento", "numero de documento", "identificacion", "cc",
                  "documento de identidad"},
    "fecha": {"fecha", "fecha de presentacion", "fecha presentacion", "fecha de radicacion",
              "fecha de la declaracion"},
}


@dataclass
class FiledImport:
    filed: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)

    def summary(self) -> str:
        return messages.ASSET_IMPORT_SUMMARY.format(filed=self.filed,
                                                    rejected=len(self.rejected))


def _filed_columns(header: list[str]) -> dict[str, int]:
    """The cédula column (required) and the filing date column (optional) of a SIGEP list."""
    columns = find_columns([h.strip('"') for h in header], FILED_COLUMNS)
    if "documento" not in columns:
        raise InvalidInput(messages.ASSET_IMPORT_COLUMNS.format(found=header_text(header)))
    return columns


async def import_filed(session: AsyncSession, data: bytes, *, year: int, kind: str,
                       actor: StaffAccount | None, now: datetime,
                       today: date) -> FiledImport:
    """Mark as filed everyone a SIGEP or aplicativo list names (cédula, and the date when the
    list has it; otherwise today). Bad rows come back with line and reason; one transaction."""
    check(kind, year, today)
    columns, lines, rejected = read_table_or_sheet(data, _filed_columns,
                                          empty=messages.ASSET_IMPORT_NO_ROWS)
    people = {document_key(doc): pid for pid, doc in await session.execute(
        select(Person.id, Person.document_id).where(Person.document_id.is_not(None)))}
    stored = {row.person_id: row for row in await session.scalars(select(AssetFiling).where(
        AssetFiling.year == year, AssetFiling.kind == kind))}
    report = FiledImport(rejected=rejected)
    seen: dict[str, int] = {}
    for number, cells in lines:
        cell = cell_reader(cells, columns)
        key = document_key(cell("documento"))
        if not DOCUMENT.fullmatch(key):
            report.rejected.append(RejectedRow(number, messages.ASSET_BAD_DOCUMENT))
            continue
        if key in seen:
            report.rejected.append(RejectedRow(number, messages.ASSET_IMPORT_DUPLICATE.format(
                document=key, line=seen[key])))
            continue
        seen[key] = number
        person_id = people.get(key)
        if person_id is None:
            report.rejected.append(RejectedRow(number, messages.ASSET_NO_PERSON.format(
                document=key)))
            continue
        row = stored.get(person_id)
        try:
            # a list without dates keeps a date already recorded (importing it again later
            # must not move filings forward)
            filed_on = parse_day(cell("fecha")) or (row.filed_on if row else None) or today
        except ValueError as exc:
            report.rejected.append(RejectedRow(number, str(exc)))
            continue
        if filed_on > today:
            report.rejected.append(RejectedRow(number, messages.ASSET_FUTURE))
            continue
        if row is None:
            row = stored[person_id] = AssetFiling(person_id=person_id, year=year, kind=kind,
                                                  required=False)
            session.add(row)
        row.filed_on, row.source, row.recorded_at = filed_on, "importado", now
        row.recorded_by_id = actor.id if actor else None
        report.filed += 1
    report.rejected.sort(key=lambda r: r.line)
    audit.record(session, actor, "declaraciones.bienes.importar", details={
        "anio": year, "tipo": kind, "presentadas": report.filed,
        "rechazadas": len(report.rejected)})
    await commit(session)
    return report


CHAT_KINDS = (AssetFilingKind.BIENES_RENTAS.value, AssetFilingKind.LEY_2013.value)  # /bienes


@dataclass(frozen=True)
class MyFiling:
    """One declaration a person must file for a year, as /bienes shows it."""

    kind: str
    filed_on: date | None
    source: str | None
    recorded_on: datetime | None  # when it was recorded (said in the chat, imported…)

    @property
    def by_hr(self) -> bool:
        """Recorded by HR (console, API or an imported list): the chat no longer changes it."""
        return self.filed_on is not None and self.source != "chat"


async def my_filings(session: AsyncSession, *, person_id: int, year: int) -> list[MyFiling]:
    """What this person must file for ``year`` among bienes y rentas and the Ley 2013
    publication (HR's marks, ``asset_filings.must_file``), with each one's filing if any."""
    found = []
    for kind in CHAT_KINDS:
        filing = (AssetFiling.person_id == Person.id) & (AssetFiling.year == year) & (
            AssetFiling.kind == kind)
        row = (await session.execute(
            select(AssetFiling.filed_on, AssetFiling.source, AssetFiling.recorded_at)
            .select_from(Person).outerjoin(AssetFiling, filing)
            .where(Person.id == person_id,
                   asset_filings.must_file(kind, AssetFiling.required.is_(True))))).first()
        if row is not None:
            filed_on, source, recorded = row
            found.append(MyFiling(kind, filed_on, source, recorded if filed_on else None))
    return found


async def self_report(session: AsyncSession, *, person_id: int, year: int, filed_on: date,
                      today: date, now: datetime,
                      kind: str = AssetFilingKind.BIENES_RENTAS.value) -> AssetFiling:
    """The person says in the chat on which day they filed ``kind`` for ``year`` (marked as
    self-reported; a date HR already recorded from the console or a list is kept). Only a
    declaration HR says they must file; the day neither after ``today`` nor before 1 January
    of ``year``."""
    if kind not in CHAT_KINDS or not any(
            f.kind == kind for f in await my_filings(session, person_id=person_id, year=year)):
        raise InvalidInput(messages.ASSETS_NOT_YOURS, details={"field": "kind"})
    if filed_on > today:
        raise InvalidInput(messages.ASSETS_DAY_FUTURE.format(
            today=messages.long_day(today)), details={"field": "filed_on"})
    if filed_on < date(year, 1, 1):
        raise InvalidInput(messages.ASSETS_DAY_TOO_EARLY.format(
            year=year, first=messages.long_day(date(year, 1, 1))), details={"field": "filed_on"})
    row = await _row(session, person_id, year, kind)
    if row.filed_on is None or row.source == "chat":
        row.filed_on, row.source, row.recorded_at = filed_on, "chat", now
        row.recorded_by_id = None
    await commit(session)
    return row


async def record_preventive_year(session: AsyncSession, *, person_id: int, year: int,
                                 filed_on: date, now: datetime, source: str) -> AssetFiling:
    """The person did this year's preventive declaration: filed one (``declaracion``) or said
    «sin novedad» in the chat (``sin_novedad``). The first date of the year stays; a
    declaration filed after «sin novedad» names the source. No commit: the caller's."""
    row = await _row(session, person_id, year, AssetFilingKind.PREVENTIVA.value)
    if row.filed_on is None or (source == "declaracion" and row.source == "sin_novedad"):
        row.filed_on = row.filed_on or filed_on
        row.source, row.recorded_at, row.recorded_by_id = source, now, None
    return row


async def no_news(session: AsyncSession, *, person_id: int, today: date,
                  now: datetime) -> tuple[AssetFiling, bool]:
    """«Sin novedad» for this year's preventive declaration; returns the row and whether the
    year was already done (then nothing changes)."""
    row = await _row(session, person_id, today.year, AssetFilingKind.PREVENTIVA.value)
    done = row.filed_on is not None
    await record_preventive_year(session, person_id=person_id, year=today.year,
                                 filed_on=today, now=now, source="sin_novedad")
    await commit(session)
    return row, done


deadline = asset_filings.deadline  # 31 July, territorial (DOMAIN.md §2.8): written once


@dataclass(frozen=True)
class Obliged:
    person_id: int
    full_name: str
    document_id: str | None
    department: str | None
    kind: str | None  # servidor | contratista
    filed_on: date | None
    source: str | None


async def obliged(session: AsyncSession, *, year: int, kind: str) -> list[Obliged]:
    """Everyone who must file ``kind`` for ``year``, with their filing if any, by dependencia
    and name: every active servant for bienes y rentas, and whoever HR marked as required."""
    filing = (AssetFiling.person_id == Person.id) & (AssetFiling.year == year) & (
        AssetFiling.kind == kind)
    must = asset_filings.must_file(kind, AssetFiling.required.is_(True))
    rows = await session.execute(
        select(Person.id, Person.full_name, Person.document_id, Department.name, Person.kind,
               AssetFiling.filed_on, AssetFiling.source)
        .outerjoin(AssetFiling, filing)
        .outerjoin(Department, Department.id == Person.department_id)
        .where(must)
        .order_by(Department.name, Person.sort_key, Person.id))
    return [Obliged(pid, name or "", doc, dept, pkind, filed, source)
            for pid, name, doc, dept, pkind, filed, source in rows]


@dataclass
class Compliance:
    department: str | None
    obliged: int = 0
    filed: int = 0

    @property
    def pending(self) -> int:
        return self.obliged - self.filed

    @property
    def percent(self) -> float:
        return self.filed / self.obliged if self.obliged else 0.0


def by_department(people: list[Obliged]) -> tuple[list[Compliance], Compliance]:
    groups: dict[str | None, Compliance] = defaultdict(lambda: Compliance(None))
    total = Compliance(None)
    for p in people:
        group = groups[p.department]
        group.department = p.department
        for c in (group, total):
            c.obliged += 1
            c.filed += 1 if p.filed_on else 0
    return sorted(groups.values(), key=lambda c: name_order(c.department)), total
