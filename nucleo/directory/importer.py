"""Upsert people and departments from validated directory rows (idempotent)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from nucleo import audit
from nucleo.db import utcnow
from nucleo.directory import messages, superiors
from nucleo.directory.keys import name_keys, search_key
from nucleo.directory.link import void_proofs
from nucleo.directory.reader import DirectoryRow, RejectedRow, read_rows
from nucleo.errors import Conflict
from nucleo.models import Department, Person, PersonStatus, StaffAccount, new_nonce
from nucleo.text import normalize_key

CHUNK = 1000
Progress = Callable[[int, int], None]


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    departments_created: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    unknown_departments: int = 0  # rows refused because «crear dependencias» was off
    superiors_set: int = 0  # people whose jefe inmediato the file set or changed
    # rows imported whose jefe inmediato could not be set (it stays as it was)
    superior_rejected: list[RejectedRow] = field(default_factory=list)

    @property
    def explain_create_option(self) -> str | None:
        """Why rows naming new dependencias were refused, and what the option does."""
        if not self.unknown_departments:
            return None
        return messages.CREATE_OPTION_HINT.format(n=self.unknown_departments)

    def summary(self) -> str:
        text = messages.REPORT.format(
            created=self.created, updated=self.updated, unchanged=self.unchanged,
            departments=self.departments_created, rejected=len(self.rejected),
        )
        if self.superiors_set or self.superior_rejected:
            text += messages.SUPERIOR_REPORT.format(set=self.superiors_set,
                                                    refused=len(self.superior_rejected))
        return text


# A stored person as the import compares it: name, document, e-mail, dependencia, kind,
# status and mobile.
_Stored = tuple[str | None, str | None, str | None, int | None, str | None, str, str | None]


@dataclass
class _Known:
    """What the database already holds, loaded once per import."""

    departments: dict[str, int]
    department_names: dict[str, str]
    hints: dict[str, str | None]
    by_document: dict[str, int]
    by_email: dict[str, int]
    by_mobile: dict[str, int]
    current: dict[int, _Stored]
    superiors: dict[int, int]  # person -> stored jefe inmediato
    accepted: list[tuple[DirectoryRow, int]] = field(default_factory=list)  # row, person id


async def _load(session: AsyncSession) -> _Known:
    rows_dep = (await session.execute(
        select(Department.normalized_name, Department.id, Department.name))).all()
    departments = {key: did for key, did, _name in rows_dep}
    department_names = {key: name for key, _did, name in rows_dep}
    rows = (await session.execute(select(
        Person.id, Person.document_id, Person.email, Person.full_name, Person.department_id,
        Person.kind, Person.status, Person.mobile, Person.superior_id))).all()
    return _Known(
        departments=departments,
        department_names=department_names,
        hints={},
        by_document={doc: pid for pid, doc, *_ in rows if doc},
        by_email={email: pid for pid, _doc, email, *_ in rows if email},
        by_mobile={row[-2]: row[0] for row in rows if row[-2]},
        current={pid: (name, doc, email, dep, kind, status, mobile)
                 for pid, doc, email, name, dep, kind, status, mobile, _sup in rows},
        superiors={row[0]: row[-1] for row in rows if row[-1] is not None},
    )


async def _department_id(
    session: AsyncSession, known: _Known, row: DirectoryRow, create: bool, report: ImportReport
) -> int | None:
    key = normalize_key(row.department)
    if key in known.departments:
        return known.departments[key]
    if not create:
        if key not in known.hints:  # once per distinct name, not once per row
            known.hints[key] = suggest_department(key, known.department_names)
        hint = known.hints[key]
        reason = (messages.ROW_UNKNOWN_DEPARTMENT_HINT.format(value=row.department, hint=hint)
                  if hint else messages.ROW_UNKNOWN_DEPARTMENT.format(value=row.department))
        report.unknown_departments += 1
        report.rejected.append(RejectedRow(row.line, reason))
        return None
    department = Department(name=row.department, normalized_name=key)
    session.add(department)
    await session.flush()
    known.departments[key] = department.id
    known.department_names[key] = department.name
    report.departments_created += 1
    return department.id


SUGGEST_CUTOFF = 85


def suggest_department(key: str, names: dict[str, str]) -> str | None:
    """The stored dependencia a mistyped name most likely means («Secretaria de Gobiern» ->
    «Secretaría de Gobierno»), or None. Compared folded (no accents, no case) with rapidfuzz;
    never used to create or assign anything by itself."""
    if not names or not key:
        return None
    found = process.extractOne(key, list(names), scorer=fuzz.WRatio,
                               processor=utils.default_process, score_cutoff=SUGGEST_CUTOFF)
    return names[found[0]] if found else None


def _match(known: _Known, row: DirectoryRow, report: ImportReport) -> tuple[bool, int | None]:
    """Find the existing person for a row: (ok, person id or None for a new one)."""
    by_doc = known.by_document.get(row.document_id) if row.document_id else None
    by_mail = known.by_email.get(row.email) if row.email else None
    if by_doc and by_mail and by_doc != by_mail:
        report.rejected.append(RejectedRow(row.line, messages.ROW_EMAIL_TAKEN))
        return False, None
    if row.document_id and by_doc is None and by_mail is not None:
        existing_doc = known.current[by_mail][1]
        if existing_doc and existing_doc != row.document_id:
            report.rejected.append(RejectedRow(row.line, messages.ROW_EMAIL_TAKEN))
            return False, None
    person_id = by_doc or by_mail
    owner = known.by_mobile.get(row.mobile) if row.mobile else None
    if owner is not None and owner != person_id:
        report.rejected.append(RejectedRow(row.line, messages.ROW_MOBILE_TAKEN))
        return False, None
    return True, person_id


async def import_people(
    session: AsyncSession,
    data: bytes,
    *,
    create_departments: bool,
    actor: StaffAccount | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a CSV export: good rows are upserted, bad rows reported, nothing imported twice."""
    rows, rejected = await asyncio.to_thread(read_rows, data)  # CPU-bound: off the event loop
    keys = await asyncio.to_thread(lambda: {r.line: name_keys(r.full_name) for r in rows})
    report = ImportReport(rejected=list(rejected))
    known = await _load(session)
    try:
        await _upsert(session, known, rows, keys, report, create_departments, progress)
        await superiors.assign(session, known, report)
    except IntegrityError:
        await session.rollback()
        _audit(session, actor, report, interrupted=True)
        await session.commit()
        raise Conflict(messages.IMPORT_INTERRUPTED) from None
    report.rejected.sort(key=lambda r: r.line)
    report.superior_rejected.sort(key=lambda r: r.line)
    _audit(session, actor, report, interrupted=False)
    await session.commit()
    return report


def _audit(session: AsyncSession, actor: StaffAccount | None, report: ImportReport,
           *, interrupted: bool) -> None:
    audit.record(session, actor, "people.import", target_type="directory", details={
        "created": report.created, "updated": report.updated, "unchanged": report.unchanged,
        "departments_created": report.departments_created, "rejected": len(report.rejected),
        "superiors_set": report.superiors_set,
        "superiors_refused": len(report.superior_rejected),
        "interrupted": interrupted,
    })


async def _upsert(session: AsyncSession, known: _Known, rows: list[DirectoryRow],
                  keys: dict[int, tuple[str, str | None]], report: ImportReport, create_departments: bool,
                  progress: Progress | None) -> None:
    """Insert and update in chunks, committing each (a re-run picks up where it stopped)."""
    total = len(rows)
    for start in range(0, total, CHUNK):
        inserts: list[dict[str, object]] = []
        updates: list[dict[str, object]] = []
        readdressed: list[int] = []
        new_rows: list[DirectoryRow] = []
        for row in rows[start:start + CHUNK]:
            ok, person_id = _match(known, row, report)
            if not ok:
                continue
            department_id = await _department_id(session, known, row, create_departments, report)
            if department_id is None:
                continue
            values: dict[str, object] = {"full_name": row.full_name, "kind": row.kind.value,
                                         "department_id": department_id}
            if row.document_id:
                values["document_id"] = row.document_id
            if row.email:
                values["email"] = row.email
            if row.mobile:
                values["mobile"] = row.mobile
            if person_id is None:
                new_rows.append(row)
                now = utcnow()
                inserts.append({**values, "source": "directorio", "subscribed": False,
                                "status": PersonStatus.ACTIVA.value,
                                "search_key": search_key(row.full_name, row.document_id,
                                                         row.email,
                                                         folded_name=keys[row.line][0]),
                                "sort_key": keys[row.line][1],
                                "created_at": now, "updated_at": now})
                continue
            stored = known.current[person_id]
            _name, doc, email, _dep, _kind, status, old_mobile = stored
            # A person HR retired by hand stays retired: the spreadsheet may lag behind. An
            # empty cell keeps what is stored.
            new: _Stored = (row.full_name, row.document_id or doc, row.email or email,
                            department_id, row.kind.value, status, row.mobile or old_mobile)
            known.accepted.append((row, person_id))
            if new == stored:
                report.unchanged += 1
                continue
            updates.append({"id": person_id, **values, "updated_at": utcnow(),
                            "search_key": search_key(new[0], new[1], new[2],
                                                     folded_name=keys[row.line][0]),
                            "sort_key": keys[row.line][1]})
            known.current[person_id] = new
            if row.email and email and email != row.email:
                readdressed.append(person_id)
                # Unsubscribe links went to the old address (a bulk UPDATE skips the model's
                # own rotation, ``nucleo.models._rotate_unsubscribe_nonce``).
                updates[-1]["unsubscribe_nonce"] = new_nonce()
            if row.email:
                if email and email != row.email:
                    known.by_email.pop(email, None)  # the old address is free again
                known.by_email[row.email] = person_id
            if row.document_id:
                known.by_document[row.document_id] = person_id
            if row.mobile:
                if old_mobile and old_mobile != row.mobile:
                    known.by_mobile.pop(old_mobile, None)
                known.by_mobile[row.mobile] = person_id
        if updates:
            await session.execute(update(Person), updates)
            report.updated += len(updates)
        # Invitations and codes sent to an address the file changed must not link anybody.
        await void_proofs(session, readdressed, now=utcnow())
        if inserts:
            new_ids = (await session.execute(
                insert(Person).returning(Person.id, Person.document_id, Person.email,
                                         Person.mobile, Person.full_name, Person.status),
                inserts)).all()
            for pid, doc, email, mobile, name, status in new_ids:
                if mobile:
                    known.by_mobile[mobile] = pid
                if doc:
                    known.by_document[doc] = pid
                if email:
                    known.by_email[email] = pid
                known.current[pid] = (name, doc, email, None, None, status, mobile)
            for row in new_rows:  # each new row is known by its cédula or its e-mail
                pid = (known.by_document.get(row.document_id) if row.document_id else None) \
                    or known.by_email[str(row.email)]
                known.accepted.append((row, pid))
            report.created += len(inserts)
        await session.commit()
        if progress:
            progress(min(start + CHUNK, total), total)
