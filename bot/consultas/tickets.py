"""Actions on escalated consultations (tickets). Each action owns its transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from html import escape
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from nucleo import audit
from nucleo.business_days import BusinessCalendar
from nucleo.db import commit, rows_changed
from nucleo.errors import Conflict, InvalidInput, NotFound
from nucleo.formats import local_day, long_date_text
from nucleo.models import Person, StaffAccount
from nucleo.ports import Notifier
from nucleo.text import clean_text
from nucleo.web.access import allowed

from . import receipts
from . import ticket_messages as msg
from .routing import ROUTES, Route
from .tables import ConsultationTicket, TicketStatus

MAX_QUESTION_CHARS = 4000
ANSWER_PERMISSION = "consultas.responder"
MAX_ANSWER_CHARS = 3000
QUOTE_CHARS = 300


@dataclass(frozen=True)
class Opened:
    """A new ticket and, for an anonymous one, its receipt code (shown once, never stored)."""

    ticket: ConsultationTicket
    code: str | None


@dataclass(frozen=True)
class Answered:
    """An answered ticket and what happened with the chat notification."""

    ticket: ConsultationTicket
    notified: bool
    note: str


def clean_question(question: object) -> str:
    """The question as stored: cleaned, at most MAX_QUESTION_CHARS; empty is refused."""
    if not isinstance(question, str):
        raise InvalidInput(msg.EMPTY_QUESTION)
    text = clean_text(question, keep_newlines=True)
    if not text:
        raise InvalidInput(msg.EMPTY_QUESTION)
    if len(text) > MAX_QUESTION_CHARS:
        text = text[: MAX_QUESTION_CHARS - 1].rstrip() + "…"
    return text


def day_start(day: date, tz: ZoneInfo) -> datetime:
    """The first instant of a local day, as an aware datetime."""
    return datetime.combine(day, time.min, tzinfo=tz)


async def tickets_opened_on(session: AsyncSession, person_id: int, day: date,
                            tz: ZoneInfo) -> int:
    """How many identified tickets a person opened on a local day."""
    start = day_start(day, tz)
    return await session.scalar(
        select(func.count()).select_from(ConsultationTicket).where(
            ConsultationTicket.person_id == person_id,
            ConsultationTicket.created_at >= start,
            ConsultationTicket.created_at < start + timedelta(days=1))) or 0


async def open_ticket(
    session: AsyncSession, *, question: str, person_id: int | None, anonymous: bool,
    now: datetime, tz: ZoneInfo, calendar: BusinessCalendar, due_days: int,
    reason: str | None = None, suggested_entry_id: str | None = None,
    route: str = Route.TALENTO_HUMANO.value,
) -> Opened:
    """Record a question for the advisors (flushed; the caller commits). Anonymous ones keep no
    person and no department, only the hash of the receipt code."""
    text = clean_question(question)
    ticket = ConsultationTicket(
        question=text, anonymous=anonymous, status=TicketStatus.ABIERTO.value, created_at=now,
        due_on=calendar.add(local_day(now, tz), due_days), reason=reason,
        suggested_entry_id=suggested_entry_id, route=Route(route).value)
    code = None
    if anonymous or person_id is None:
        ticket.anonymous = True
        code = receipts.new_code()
        ticket.code_hash = receipts.hash_code(code)
    else:
        person = await session.get(Person, person_id)
        if person is None:
            raise NotFound(msg.PERSON_GONE)
        ticket.person_id = person.id
        ticket.department_id = person.department_id
    session.add(ticket)
    await session.flush()
    return Opened(ticket, code)


async def get_ticket(session: AsyncSession, ticket_id: int) -> ConsultationTicket:
    """The ticket with this id, or NotFound."""
    ticket = await session.get(ConsultationTicket, ticket_id)
    if ticket is None:
        raise NotFound(msg.TICKET_NOT_FOUND.format(ticket_id=ticket_id))
    return ticket


async def list_tickets(
    session: AsyncSession, *, status: str | None = None, due_before: date | None = None,
    route: str | None = None, assigned_to: int | None = None, unassigned: bool = False,
    limit: int = 100, offset: int = 0,
) -> tuple[int, list[ConsultationTicket]]:
    """Tickets by due date (oldest first), optionally by status, office (route), advisor in
    charge and due on or before a day."""
    query = select(ConsultationTicket)
    if status:
        query = query.where(ConsultationTicket.status == status)
    if assigned_to is not None:
        query = query.where(ConsultationTicket.assigned_to_id == assigned_to)
    elif unassigned:
        query = query.where(ConsultationTicket.assigned_to_id.is_(None))
    if route:
        query = query.where(ConsultationTicket.route == route)
    if due_before is not None:
        query = query.where(ConsultationTicket.due_on <= due_before)
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(
        query.order_by(ConsultationTicket.due_on, ConsultationTicket.id).limit(limit)
        .offset(offset))
    return total, list(rows)


async def open_due_counts(session: AsyncSession, bounds: list[date | None]) -> list[int]:
    """How many open tickets are due on or before each day of ``bounds`` (``None``: all open
    ones), in one statement (the dashboard card)."""
    due = ConsultationTicket.due_on
    columns = [func.count() if day is None else func.count().filter(due <= day) for day in bounds]
    row = (await session.execute(select(*columns).where(
        ConsultationTicket.status == TicketStatus.ABIERTO.value))).one()
    return [int(n) for n in row]


def clean_answer(text: object) -> str:
    """An advisor's answer: cleaned, not empty, short enough for one chat message."""
    answer = clean_text(text, keep_newlines=True) if isinstance(text, str) else ""
    if not answer:
        raise InvalidInput(msg.EMPTY_ANSWER)
    if len(answer) > MAX_ANSWER_CHARS:
        raise InvalidInput(msg.ANSWER_TOO_LONG.format(limit=MAX_ANSWER_CHARS))
    return answer


def _refuse(ticket: ConsultationTicket) -> None:
    if ticket.status == TicketStatus.CERRADO.value:
        raise Conflict(msg.TICKET_CLOSED.format(ticket_id=ticket.id))
    if ticket.status == TicketStatus.RESPONDIDO.value:
        raise Conflict(msg.ALREADY_ANSWERED.format(ticket_id=ticket.id))


def answer_html(ticket: ConsultationTicket, advisor: str) -> str:
    """The chat message that carries an advisor's answer (everything escaped)."""
    question = ticket.question if len(ticket.question) <= QUOTE_CHARS else (
        ticket.question[: QUOTE_CHARS - 1].rstrip() + "…")
    header = (msg.ANONYMOUS_ANSWER_HEADER if ticket.anonymous
              else msg.ANSWER_HEADER.format(ticket_id=ticket.id))
    return "\n\n".join([
        header, msg.ANSWER_QUESTION.format(question=escape(question, quote=False)),
        escape(ticket.answer or "", quote=False),
        msg.ANSWER_FOOTER.format(advisor=escape(advisor, quote=False))])


async def answer_ticket(
    session: AsyncSession, ticket_id: int, *, text: str, staff: StaffAccount,
    notifier: Notifier | None, now: datetime,
) -> Answered:
    """Record an advisor's answer once and queue it to the person's chat in the same commit."""
    answer = clean_answer(text)
    ticket = await get_ticket(session, ticket_id)
    _refuse(ticket)
    # A conditional update, so two advisors answering at once cannot both win.
    answered = await rows_changed(
        session, update(ConsultationTicket)
        .where(ConsultationTicket.id == ticket_id,
               ConsultationTicket.status == TicketStatus.ABIERTO.value)
        .values(status=TicketStatus.RESPONDIDO.value, answer=answer, answered_by_id=staff.id,
                answered_at=now)
        .execution_options(synchronize_session=False))
    if answered != 1:
        await session.rollback()
        await session.refresh(ticket)
        _refuse(ticket)
        raise Conflict(msg.ALREADY_ANSWERED.format(ticket_id=ticket_id))
    await session.refresh(ticket)
    notified, note = await _notify(session, ticket, staff, notifier, now)
    audit.record(session, staff, "consulta.responder", target_type="consulta",
                 target_id=ticket.id, details={"notificada": notified})
    await commit(session)
    return Answered(ticket, notified, note)


async def _notify(session: AsyncSession, ticket: ConsultationTicket, staff: StaffAccount,
                  notifier: Notifier | None, now: datetime) -> tuple[bool, str]:
    if ticket.anonymous:
        return False, msg.ANONYMOUS_NOT_NOTIFIED
    if ticket.person_id is None:
        return False, msg.PERSON_GONE
    if notifier is None:
        return False, msg.NOTIFIER_MISSING
    await notifier.notify(session, ticket.person_id, answer_html(ticket, staff.full_name))
    ticket.notified_at = now
    return True, msg.NOTIFIED


async def close_ticket(session: AsyncSession, ticket_id: int, *, staff: StaffAccount,
                       now: datetime) -> ConsultationTicket:
    """Close a ticket (answered, or not worth answering); a closed ticket cannot change."""
    ticket = await get_ticket(session, ticket_id)
    if ticket.status == TicketStatus.CERRADO.value:
        raise Conflict(msg.TICKET_CLOSED.format(ticket_id=ticket.id))
    ticket.status = TicketStatus.CERRADO.value
    ticket.closed_at = now
    audit.record(session, staff, "consulta.cerrar", target_type="consulta", target_id=ticket.id)
    await commit(session)
    return ticket


async def reroute_ticket(session: AsyncSession, ticket_id: int, *, route: str,
                         staff: StaffAccount) -> ConsultationTicket:
    """Send a ticket to another office (Talento Humano, Control Interno, Jurídica); a closed
    ticket cannot change."""
    if route not in ROUTES:
        raise InvalidInput(msg.UNKNOWN_ROUTE.format(route=str(route)[:40]))
    ticket = await get_ticket(session, ticket_id)
    if ticket.status == TicketStatus.CERRADO.value:
        raise Conflict(msg.TICKET_CLOSED.format(ticket_id=ticket.id))
    if ticket.route != route:
        audit.record(session, staff, "consulta.encaminar", target_type="consulta",
                     target_id=ticket.id, details={"de": ticket.route, "a": route})
        ticket.route = route
    await commit(session)
    return ticket


def may_answer(account: StaffAccount) -> bool:
    """Whether a staff account can be put in charge of consultations (active, with a role that
    answers them: the console's one permission table)."""
    return account.active and allowed(ANSWER_PERMISSION, account.role)


async def advisors(session: AsyncSession) -> list[StaffAccount]:
    """The accounts a ticket can be assigned to, by name."""
    rows = await session.scalars(select(StaffAccount).where(StaffAccount.active.is_(True))
                                 .order_by(StaffAccount.full_name, StaffAccount.id))
    return [a for a in rows if may_answer(a)]


async def assign_ticket(session: AsyncSession, ticket_id: int, *, assignee_id: int | None,
                        staff: StaffAccount) -> ConsultationTicket:
    """Put one advisor in charge of a ticket (None: nobody in particular); a closed ticket
    cannot change, and only an active account that answers consultations can be chosen."""
    ticket = await get_ticket(session, ticket_id)
    if ticket.status == TicketStatus.CERRADO.value:
        raise Conflict(msg.TICKET_CLOSED.format(ticket_id=ticket.id))
    if assignee_id is not None:
        assignee = await session.get(StaffAccount, assignee_id)
        if assignee is None or not may_answer(assignee):
            raise InvalidInput(msg.UNKNOWN_ADVISOR.format(staff_id=assignee_id))
    if ticket.assigned_to_id != assignee_id:
        audit.record(session, staff, "consulta.asignar", target_type="consulta",
                     target_id=ticket.id, details={"de": ticket.assigned_to_id, "a": assignee_id})
        ticket.assigned_to_id = assignee_id
    await commit(session)
    return ticket


async def find_by_code(session: AsyncSession, code: str) -> ConsultationTicket | None:
    """The anonymous ticket a receipt code belongs to, or None."""
    if receipts.normalize_code(code) is None:
        return None
    return await session.scalar(select(ConsultationTicket).where(
        ConsultationTicket.code_hash == receipts.hash_code(code)))


def code_reply_html(ticket: ConsultationTicket) -> str:
    """What the bot shows for a receipt code: the answer, or when it is due."""
    if ticket.answer:
        return answer_html(ticket, msg.ADVISOR_ANONYMOUS_SIGNATURE)
    if ticket.status == TicketStatus.CERRADO.value:
        return msg.ANONYMOUS_CLOSED
    return msg.ANONYMOUS_PENDING.format(due=long_date_text(ticket.due_on))
