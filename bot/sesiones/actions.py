"""Sessions and attendance: create, edit and cancel a session (audited actions that commit),
the check-in link, and recording attendance from the bot (in the caller's transaction) or by
hand from the console (an action)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.sesiones import messages
from bot.sesiones.models import Attendance, SensitizationSession, SessionDepartment
from nucleo import audit
from nucleo.db import commit, insert_new, rows_changed
from nucleo.directory.start_link import StartLinks, start_links
from nucleo.errors import Conflict, DomainError, InvalidInput, InvalidToken, NotFound
from nucleo.formats import datetime_text
from nucleo.models import Department, Person, PersonStatus, StaffAccount
from nucleo.settings import Settings
from nucleo.signing import Signer
from nucleo.text import clean_text

PURPOSE = "sesiones.asistencia"
START_PREFIX = "a"  # /start a<token>; invitations «v», staff links «t», posters no prefix
OPENS_BEFORE = timedelta(hours=1)  # check-in opens this long before the start…
CLOSES_AFTER = timedelta(hours=4)  # …and closes this long after the end
MAX_LENGTH = timedelta(hours=12)
TITLE, PLACE, FACILITATOR, NOTES = 200, 200, 200, 2000
YEARS = (2000, 2100)
MANUAL = "manual"  # the channel of attendance added in the console


class CheckInRefused(DomainError):
    """The bot cannot record attendance with this link now (the message says why)."""

    code = "asistencia_rechazada"


@dataclass(frozen=True)
class SessionFields:
    """What HR types for a session (checked by ``check_fields``)."""

    title: str
    topic: str
    place: str
    starts_at: datetime
    ends_at: datetime
    facilitator: str
    notes: str = ""
    department_ids: tuple[int, ...] = ()


def _text(value: str, limit: int, message: str, *, required: bool = True) -> str:
    text = clean_text(value or "").strip()
    if (required and not text) or len(text) > limit:
        raise InvalidInput(message.format(limit=limit))
    return text


async def check_fields(session: AsyncSession, fields: SessionFields) -> SessionFields:
    """The fields cleaned, or InvalidInput with the first problem in Spanish."""
    if fields.topic not in messages.TOPICS:
        raise InvalidInput(messages.BAD_TOPIC)
    for moment in (fields.starts_at, fields.ends_at):
        if moment.tzinfo is None or not YEARS[0] <= moment.year <= YEARS[1]:
            raise InvalidInput(messages.BAD_MOMENT)
    if fields.ends_at <= fields.starts_at:
        raise InvalidInput(messages.BAD_TIMES)
    if fields.ends_at - fields.starts_at > MAX_LENGTH:
        raise InvalidInput(messages.TOO_LONG.format(hours=int(MAX_LENGTH.total_seconds() // 3600)))
    departments = tuple(sorted(set(fields.department_ids)))
    if departments:
        found = set((await session.execute(select(Department.id).where(
            Department.id.in_(departments)))).scalars())
        if found != set(departments):
            raise InvalidInput(messages.BAD_DEPARTMENT)
    return SessionFields(
        title=_text(fields.title, TITLE, messages.BAD_TITLE), topic=fields.topic,
        place=_text(fields.place, PLACE, messages.BAD_PLACE),
        starts_at=fields.starts_at, ends_at=fields.ends_at,
        facilitator=_text(fields.facilitator, FACILITATOR, messages.BAD_FACILITATOR),
        notes=_text(fields.notes, NOTES, messages.BAD_NOTES, required=False),
        department_ids=departments)


def _apply(row: SensitizationSession, fields: SessionFields) -> None:
    row.title, row.topic, row.place = fields.title, fields.topic, fields.place
    row.starts_at, row.ends_at = fields.starts_at, fields.ends_at
    row.facilitator, row.notes = fields.facilitator, fields.notes


async def _set_departments(session: AsyncSession, session_id: int, ids: Sequence[int]) -> None:
    await session.execute(delete(SessionDepartment).where(
        SessionDepartment.session_id == session_id))
    session.add_all(SessionDepartment(session_id=session_id, department_id=i) for i in ids)


def _audit_details(fields: SessionFields) -> dict[str, object]:
    """What the audit keeps of a session (no personal data: the facilitator's name stays in the
    session itself)."""
    return {"titulo": fields.title, "tema": fields.topic, "inicio": fields.starts_at.isoformat(),
            "fin": fields.ends_at.isoformat(), "dependencias": list(fields.department_ids)}


async def create_session(session: AsyncSession, fields: SessionFields, *,
                         staff: StaffAccount | None, now: datetime) -> SensitizationSession:
    """Register a session (an action: audited, commits)."""
    clean = await check_fields(session, fields)
    row = SensitizationSession(created_at=now, created_by_id=staff.id if staff else None)
    _apply(row, clean)
    session.add(row)
    await session.flush()
    await _set_departments(session, row.id, clean.department_ids)
    audit.record(session, staff, "sesiones.crear", target_type="sesion", target_id=row.id,
                 details=_audit_details(clean))
    await commit(session)
    return row


async def get_session(session: AsyncSession, session_id: int) -> SensitizationSession:
    row = await session.get(SensitizationSession, session_id)
    if row is None:
        raise NotFound(messages.SESSION_NOT_FOUND, code="sesion_no_encontrada")
    return row


async def _open_session(session: AsyncSession, session_id: int) -> SensitizationSession:
    row = await get_session(session, session_id)
    if row.cancelled_at is not None:
        raise Conflict(messages.SESSION_CANCELLED, code="sesion_cancelada")
    return row


async def update_session(session: AsyncSession, session_id: int, fields: SessionFields, *,
                         staff: StaffAccount | None) -> SensitizationSession:
    """Change a session that is not cancelled (an action: audited, commits)."""
    row = await _open_session(session, session_id)
    clean = await check_fields(session, fields)
    _apply(row, clean)
    await _set_departments(session, row.id, clean.department_ids)
    audit.record(session, staff, "sesiones.editar", target_type="sesion", target_id=row.id,
                 details=_audit_details(clean))
    await commit(session)
    return row


async def cancel_session(session: AsyncSession, session_id: int, *,
                         staff: StaffAccount | None, now: datetime) -> SensitizationSession:
    """Cancel a session: its QR stops working and it never counts as held (audited, commits).
    Its attendance stays on record."""
    row = await _open_session(session, session_id)
    row.cancelled_at = now
    audit.record(session, staff, "sesiones.cancelar", target_type="sesion", target_id=row.id)
    await commit(session)
    return row


async def department_ids(session: AsyncSession, session_id: int) -> list[int]:
    return list((await session.execute(select(SessionDepartment.department_id).where(
        SessionDepartment.session_id == session_id))).scalars())


async def department_names(session: AsyncSession, session_ids: Sequence[int]
                           ) -> dict[int, list[str]]:
    """The dependencias of each session, by name (one statement for a page of sessions; a
    session without any is missing from the result)."""
    found: dict[int, list[str]] = {}
    if not session_ids:
        return found
    rows = await session.execute(
        select(SessionDepartment.session_id, Department.name)
        .join(Department, Department.id == SessionDepartment.department_id)
        .where(SessionDepartment.session_id.in_(list(session_ids)))
        .order_by(Department.name))
    for session_id, name in rows.all():
        found.setdefault(session_id, []).append(name)
    return found


# -- the check-in link ----------------------------------------------------------------------

def check_in_parameter(signer: Signer, session_id: int) -> str:
    """``a`` + the session's id signed for Telegram's start parameter."""
    return START_PREFIX + signer.sign_start(PURPOSE, int(session_id))


def is_check_in(parameter: str) -> bool:
    return parameter.startswith(START_PREFIX) and len(parameter) > 1


def session_from_parameter(signer: Signer, parameter: str) -> int | None:
    """The session a check-in parameter names; None when forged, expired or foreign."""
    if not is_check_in(parameter):
        return None
    try:
        value = signer.unsign_start(PURPOSE, parameter[len(START_PREFIX):])
    except InvalidToken:  # ExpiredToken is one too
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 \
        else None


def check_in_links(signer: Signer, settings: Settings, session_id: int) -> StartLinks:
    """Where a session's QR leads: the bot on Telegram (with a bot username) and the web chat
    (with ``VALOR_PUBLIC_URL``), both with the same signed token."""
    token = check_in_parameter(signer, session_id)[len(START_PREFIX):]
    return start_links(START_PREFIX, token, username=settings.telegram_bot_username,
                       public_url=str(settings.public_url) if settings.public_url else None)


def window(row: SensitizationSession) -> tuple[datetime, datetime]:
    """When the QR records attendance: from an hour before the start to four after the end."""
    return row.starts_at - OPENS_BEFORE, row.ends_at + CLOSES_AFTER


async def session_for_check_in(session: AsyncSession, signer: Signer, parameter: str, *,
                               now: datetime, tz: ZoneInfo) -> SensitizationSession:
    """The session a scanned QR names, if attendance can be recorded now; CheckInRefused with
    the Spanish reason otherwise (forged or unknown link, cancelled, too early, too late)."""
    session_id = session_from_parameter(signer, parameter)
    row = await session.get(SensitizationSession, session_id) if session_id else None
    if row is None:
        raise CheckInRefused(messages.INVALID_LINK)
    if row.cancelled_at is not None:
        raise CheckInRefused(messages.CANCELLED.format(title=row.title))
    opens, closes = window(row)
    if now < opens:
        raise CheckInRefused(messages.TOO_EARLY.format(
            title=row.title, when=datetime_text(row.starts_at, tz)))
    if now > closes:
        raise CheckInRefused(messages.TOO_LATE.format(
            title=row.title, when=datetime_text(closes, tz)))
    return row


async def _insert(session: AsyncSession, **values: object) -> bool:
    """Insert one attendance row unless the person already has one for the session."""
    return bool(await insert_new(session, Attendance, values, ["session_id", "person_id"]))


async def record_attendance(session: AsyncSession, row: SensitizationSession, person: Person,
                            *, channel: str, now: datetime,
                            staff: StaffAccount | None = None) -> bool:
    """Record that ``person`` attended (in the caller's transaction): True when recorded now,
    False when it already was (two scans at once record one row)."""
    return await _insert(session, session_id=row.id, person_id=person.id,
                         department_id=person.department_id, channel=channel,
                         checked_in_at=now, recorded_by_id=staff.id if staff else None)


async def add_attendance(session: AsyncSession, session_id: int, person_id: int, *,
                         staff: StaffAccount | None, now: datetime) -> Attendance:
    """Add a person of the directory to the list by hand (someone without a phone): an action,
    audited, commits. Conflict when the person is already on the list."""
    row = await _open_session(session, session_id)
    person = await session.get(Person, person_id)
    if person is None:
        raise NotFound(messages.PERSON_NOT_FOUND, code="persona_no_encontrada")
    if person.status != PersonStatus.ACTIVA.value or person.retired_at is not None:
        raise InvalidInput(messages.PERSON_RETIRED, code="persona_retirada")
    if not await record_attendance(session, row, person, channel=MANUAL, now=now, staff=staff):
        raise Conflict(messages.ALREADY_ATTENDED.format(name=person.full_name or ""),
                       code="asistencia_repetida")
    # No person id in the entry: the audit log is append-only, so /olvidarme could not scrub
    # it, and it would tie the person to this row's forgotten_key (all their other sessions).
    audit.record(session, staff, "sesiones.asistencia_manual", target_type="sesion",
                 target_id=row.id)
    await commit(session)
    found = await session.scalar(select(Attendance).where(
        Attendance.session_id == row.id, Attendance.person_id == person.id))
    assert found is not None
    return found


async def remove_attendance(session: AsyncSession, session_id: int, attendance_id: int, *,
                            staff: StaffAccount | None) -> None:
    """Take a row off the list (one added by mistake): an action, audited, commits."""
    await _open_session(session, session_id)
    removed = await rows_changed(session, delete(Attendance).where(
        Attendance.id == attendance_id, Attendance.session_id == session_id))
    if not removed:
        raise NotFound(messages.ATTENDANCE_NOT_FOUND, code="asistencia_no_encontrada")
    audit.record(session, staff, "sesiones.asistencia_quitar", target_type="sesion",
                 target_id=session_id, details={"asistencia": attendance_id})
    await commit(session)


# -- reading -------------------------------------------------------------------------------

@dataclass(frozen=True)
class AttendanceRow:
    id: int
    person_id: int | None
    name: str | None
    department: str | None
    channel: str
    checked_in_at: datetime


async def attendance_list(session: AsyncSession, session_id: int) -> list[AttendanceRow]:
    """The session's attendance, in check-in order (a forgotten person has no name)."""
    rows = await session.execute(
        select(Attendance.id, Attendance.person_id, Person.full_name, Department.name,
               Attendance.channel, Attendance.checked_in_at)
        .outerjoin(Person, Person.id == Attendance.person_id)
        .outerjoin(Department, Department.id == Attendance.department_id)
        .where(Attendance.session_id == session_id)
        .order_by(Attendance.checked_in_at, Attendance.id))
    return [AttendanceRow(*r) for r in rows.all()]


async def list_sessions(session: AsyncSession, *, limit: int, offset: int = 0
                        ) -> tuple[int, list[tuple[SensitizationSession, int]]]:
    """(total, [(session, attendance count)]), newest start first."""
    total = await session.scalar(select(func.count()).select_from(SensitizationSession)) or 0
    count = select(func.count()).where(Attendance.session_id == SensitizationSession.id) \
        .scalar_subquery()
    rows = await session.execute(select(SensitizationSession, count)
                                 .order_by(SensitizationSession.starts_at.desc(),
                                           SensitizationSession.id.desc())
                                 .limit(limit).offset(offset))
    return total, [(r, int(n)) for r, n in rows.all()]


async def attended_by(session: AsyncSession, person_id: int
                      ) -> list[tuple[str, datetime]]:
    """(title, start) of every session the person attended (for /misdatos)."""
    rows = await session.execute(
        select(SensitizationSession.title, SensitizationSession.starts_at)
        .join(Attendance, Attendance.session_id == SensitizationSession.id)
        .where(Attendance.person_id == person_id)
        .order_by(SensitizationSession.starts_at))
    return [(t, s) for t, s in rows.all()]
