"""Declaration actions. Each one owns its transaction (``nucleo.db.commit``; inside the dialogue
core's unit of work that only flushes) and records staff changes in the audit log."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.declaraciones import constancia_link, grounds, interest, messages, states
from bot.declaraciones.interest import Answers
from bot.declaraciones.models import (
    Declaration,
    DeclarationKind,
    DeclarationOutcome,
    DeclarationState,
)
from nucleo import audit
from nucleo.business_days import BusinessCalendar
from nucleo.db import commit
from nucleo.errors import InvalidInput, InvalidTransition, NotFound, PermissionDenied
from nucleo.formats import local_day
from nucleo.models import Person, StaffAccount
from nucleo.ports import Notifier
from nucleo.text import clean_text

DUE_BUSINESS_DAYS = 10  # CPACA art. 12: the superior decides within 10 days of receipt
ANSWER_BUSINESS_DAYS = 5  # CPACA art. 12: the recused official answers within 5 days
MATTER = (5, 300)
DESCRIPTION = (20, 4000)
OFFICE = (3, 200)
DECISION = (10, 4000)
ANSWER = (10, 4000)
NAME = (3, 200)
PREFIX = "DI"
SERIES = {DeclarationKind.IMPEDIMENTO.value: "DI", DeclarationKind.CONFLICTO.value: "DI",
          DeclarationKind.RECUSACION.value: "RC", DeclarationKind.PREVENTIVA.value: "DP"}
BOGOTA = ZoneInfo("America/Bogota")
RADICADO = re.compile(r"^(DI|RC|DP)-\d{4}-\d{4,}$")


def _text(value: str, limits: tuple[int, int], message: str, *, field: str,
          multiline: bool = False) -> str:
    cleaned = clean_text(value or "", keep_newlines=multiline)
    low, high = limits
    if not low <= len(cleaned) <= high:
        raise InvalidInput(message.format(min=low, max=high), details={"field": field})
    return cleaned


def check_matter(value: str) -> str:
    return _text(value, MATTER, messages.MATTER_LENGTH, field="matter")


def check_description(value: str) -> str:
    return _text(value, DESCRIPTION, messages.DESCRIPTION_LENGTH, field="description",
                 multiline=True)


def check_office(value: str) -> str:
    return _text(value, OFFICE, messages.OFFICE_LENGTH, field="deciding_office")


def check_decision(value: str) -> str:
    return _text(value, DECISION, messages.DECISION_LENGTH, field="decision", multiline=True)


def check_answer(value: str) -> str:
    return _text(value, ANSWER, messages.ANSWER_LENGTH, field="answer", multiline=True)


def check_name(value: str, *, field: str) -> str:
    return _text(value, NAME, messages.NAME_LENGTH, field=field)


def filed_bounds(since: date | None, until: date | None, tz: ZoneInfo) -> tuple[
        datetime | None, datetime | None]:
    """Local days ``since``..``until`` (both included) as UTC instants [start, end)."""
    if since and until and since > until:
        raise InvalidInput(messages.BAD_DATE_RANGE, details={"field": "until"})
    start = datetime.combine(since, time(), tz).astimezone(UTC) if since else None
    end = (datetime.combine(until + timedelta(days=1), time(), tz).astimezone(UTC)
           if until else None)
    return start, end


def concerned_person_id() -> ColumnElement[int | None]:
    """Whom a declaration concerns: the recused official for a recusal, the declarant
    otherwise (their dependencia is the declaration's, in the register and the risk zones)."""
    return case((Declaration.kind == DeclarationKind.RECUSACION.value,
                 Declaration.recused_person_id), else_=Declaration.person_id)


def due_date(filed_on: date, calendar: BusinessCalendar) -> date:
    """Ten business days after the day of filing (that day not counted, holidays skipped)."""
    return calendar.add(filed_on, DUE_BUSINESS_DAYS)


def radicado(year: int, number: int, series: str = PREFIX) -> str:
    return f"{series}-{year}-{number:04d}"


async def _next_number(session: AsyncSession, series: str, year: int) -> int:
    last = (await session.execute(select(func.max(Declaration.number)).where(
        Declaration.series == series, Declaration.year == year))).scalar()
    return (last or 0) + 1


async def file_declaration(session: AsyncSession, *, person_id: int, kind: str, matter: str,
                           description: str, office: str, now: datetime, tz: ZoneInfo,
                           calendar: BusinessCalendar, ground: int | None = None,
                           answers: Answers | None = None) -> Declaration:
    """Register a declaration with the next radicado of the year (local year) and its due date.

    Two filings racing for the same number: the unique (year, number) makes one of them fail
    with IntegrityError, and the dialogue core retries the whole step. ``ground``: the numeral
    of CPACA art. 11 the person confirmed (none: not sure); ``answers``: the guided ones (type
    of matter, role, who holds the interest, which relative; ``interest.Answers``)."""
    if kind not in (DeclarationKind.IMPEDIMENTO, DeclarationKind.CONFLICTO):
        raise InvalidInput(messages.BAD_KIND, details={"field": "kind"})
    today = local_day(now, tz)
    series = SERIES[kind]
    number = await _next_number(session, series, today.year)
    declaration = Declaration(
        radicado=radicado(today.year, number, series), series=series, year=today.year,
        number=number, person_id=person_id, kind=kind, matter=check_matter(matter),
        description=check_description(description), deciding_office=check_office(office),
        created_at=now, due_on=due_date(today, calendar), ground=grounds.check(ground))
    if answers is not None:
        declaration.matter_type = interest.check_matter_type(answers.matter_type)
        declaration.role, declaration.interest_holder = answers.role, answers.holder
        declaration.relation, declaration.kinship_degree = answers.relation, answers.degree
    session.add(declaration)
    await commit(session)
    return declaration


async def get_declaration(session: AsyncSession, declaration_id: int) -> Declaration:
    found = await session.get(Declaration, declaration_id)
    if found is None:
        raise NotFound(messages.NOT_FOUND, details={"id": declaration_id})
    return found


async def list_declarations(session: AsyncSession, *, state: str | None = None,
                            kind: str | None = None, overdue_on: date | None = None,
                            person_id: int | None = None,
                            answer_overdue_on: date | None = None,
                            kinds: tuple[str, ...] | None = None,
                            filed_from: datetime | None = None,
                            filed_until: datetime | None = None,
                            department_id: int | None = None, ground: int | None = None,
                            matter_type: str | None = None,
                            limit: int = 100, offset: int = 0) -> tuple[int, list[Declaration]]:
    """Declarations by due date (most urgent first); ``overdue_on``: only the open ones whose
    due date passed before that day; ``answer_overdue_on``: recusals still waiting for the
    recused official's answer after its 5 days; ``filed_from`` (inclusive) and ``filed_until``
    (exclusive): when they were filed (see ``filed_bounds``); ``department_id``: the
    dependencia of whom they concern (``concerned_person_id``); ``ground``: that numeral of
    art. 11, or ``grounds.NONE`` for those filed without one (never a preventive one);
    ``matter_type``: that type of matter (``interest.MATTER_TYPES``)."""
    query = select(Declaration)
    if department_id is not None:
        # on the plain columns, not ``concerned_person_id()``: PostgreSQL hashes each IN list
        # once, where the CASE made it walk the due-date index running the subquery for every
        # row (0.6 s for 10,000 declarations; bench/declarations_register.py)
        members = select(Person.id).where(Person.department_id == department_id)
        recusal = Declaration.kind == DeclarationKind.RECUSACION.value
        query = query.where(or_(and_(recusal, Declaration.recused_person_id.in_(members)),
                                and_(~recusal, Declaration.person_id.in_(members))))
    if filed_from is not None:
        query = query.where(Declaration.created_at >= filed_from)
    if filed_until is not None:
        query = query.where(Declaration.created_at < filed_until)
    if ground == grounds.NONE:  # a preventive declaration never has one to give
        query = query.where(Declaration.ground.is_(None), Declaration.kind.in_(grounds.KINDS))
    elif ground is not None:
        query = query.where(Declaration.ground == ground)
    if matter_type is not None:
        query = query.where(Declaration.matter_type == interest.check_matter_type(matter_type))
    if state:
        query = query.where(Declaration.state == state)
    if kind:
        query = query.where(Declaration.kind == kind)
    if kinds is not None:
        query = query.where(Declaration.kind.in_(kinds))
    if person_id is not None:
        query = query.where(Declaration.person_id == person_id)
    if overdue_on is not None:
        query = query.where(Declaration.state.in_(states.OPEN), Declaration.due_on < overdue_on)
    if answer_overdue_on is not None:
        query = query.where(Declaration.state == DeclarationState.POR_RESPONDER,
                            Declaration.answer_due_on < answer_overdue_on)
    total = (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    rows = await session.execute(query.order_by(Declaration.due_on.is_(None),
                                                Declaration.due_on, Declaration.id)
                                 .limit(limit).offset(offset))
    return int(total), list(rows.scalars())


async def open_counts(session: AsyncSession, *, overdue_on: date) -> tuple[int, int]:
    """The open declarations and those of them whose due date passed before ``overdue_on``, in
    one statement (the dashboard card; the same rule as ``list_declarations(overdue_on=…)``)."""
    row = (await session.execute(
        select(func.count(), func.count().filter(Declaration.due_on < overdue_on))
        .where(Declaration.state.in_(states.OPEN)))).one()
    return int(row[0]), int(row[1])


async def start_study(session: AsyncSession, declaration_id: int, *, staff: StaffAccount,
                      now: datetime) -> Declaration:
    """radicada → en_estudio."""
    declaration = await get_declaration(session, declaration_id)
    declaration.state = states.transition(declaration.state, states.STUDY)
    declaration.studied_at = now
    audit.record(session, staff, "declaraciones.estudiar", target_type="declaracion",
                 target_id=declaration.id, details={"radicado": declaration.radicado})
    await commit(session)
    return declaration


@dataclass(frozen=True)
class Decided:
    declaration: Declaration
    notified: bool


def check_decidable(declaration: Declaration, today: date) -> None:
    """The state allows deciding and, for a recusal, the recused official answered or their
    5 business days passed."""
    states.transition(declaration.state, states.DECIDE)
    if (declaration.state == DeclarationState.POR_RESPONDER
            and declaration.answer_due_on is not None and today <= declaration.answer_due_on):
        raise InvalidTransition(messages.WAITING_FOR_ANSWER.format(
            day=messages.long_day(declaration.answer_due_on)),
            details={"state": declaration.state, "answer_due_on": str(declaration.answer_due_on)})


async def decide(session: AsyncSession, declaration_id: int, *, outcome: str, decision: str,
                 staff: StaffAccount | None, now: datetime, notifier: Notifier | None,
                 tz: ZoneInfo = BOGOTA, decided_by_name: str | None = None) -> Decided:
    """Accept or reject; the declarant (and, for a recusal, the recused official) hears it in
    the chat (queued in this transaction, sent after the commit through the bot's outbox).
    ``staff`` decides in the console or the API; without it, ``decided_by_name`` is the superior
    who decided through a signed link (``decision_link``)."""
    if staff is None and not decided_by_name:
        raise ValueError("a decision needs a staff account or the name of who decided")
    if outcome not in {o.value for o in DeclarationOutcome}:
        raise InvalidInput(messages.BAD_OUTCOME, details={"field": "outcome"})
    text = check_decision(decision)
    declaration = await get_declaration(session, declaration_id)
    check_decidable(declaration, local_day(now, tz))
    if staff is not None:
        await check_not_own(session, declaration, staff)
    declaration.state = states.transition(declaration.state, states.DECIDE)
    declaration.outcome = outcome
    declaration.decision = text
    declaration.decided_by_id = staff.id if staff is not None else None
    declaration.decided_by_name = decided_by_name if staff is None else None
    declaration.decided_at = now
    close_link_email(declaration)
    notified = False
    if notifier is not None and declaration.person_id is not None:
        await notifier.notify(  # with the button for the constancia, now with the decision
            session, declaration.person_id,
            decided_notice(declaration) + messages.CONSTANCIA_AFTER_DECISION,
            [[constancia_link.button(declaration)]])
        notified = True
    if (notifier is not None and declaration.recused_person_id is not None
            and declaration.recused_person_id != declaration.person_id):
        await notifier.notify(session, declaration.recused_person_id,
                              decided_notice(declaration, recused=True))
    audit.record(session, staff, "declaraciones.decidir", target_type="declaracion",
                 target_id=declaration.id,
                 details={"radicado": declaration.radicado, "outcome": outcome,
                          "notified": notified, **({} if staff else {"via": "enlace"})})
    await commit(session)
    return Decided(declaration, notified)


# What a closed declaration keeps of its decision link's e-mail: nothing (no address, for
# privacy; no state, attempts or retry for ``link_retries``).
LINK_EMAIL_CLOSED: dict[str, None] = {"link_email": None, "link_email_state": None,
                                      "link_email_attempts": None, "link_email_retry_at": None}


def close_link_email(declaration: Declaration) -> None:
    """Forget the e-mail of the decision link of a closed declaration (``LINK_EMAIL_CLOSED``)."""
    for column, value in LINK_EMAIL_CLOSED.items():
        setattr(declaration, column, value)


async def check_not_own(session: AsyncSession, declaration: Declaration,
                        staff: StaffAccount) -> None:
    """A staff account whose e-mail is, in the directory, the declarant's or (in a recusal)
    the recused official's or the recusant's cannot decide it: nobody decides their own case."""
    concerned = {declaration.person_id, declaration.recused_person_id} - {None}
    if not concerned or not staff.email:
        return
    emails = set(await session.scalars(select(Person.email).where(
        Person.id.in_(concerned), Person.email.is_not(None))))
    if staff.email.casefold() in {e.casefold() for e in emails if e}:
        raise PermissionDenied(messages.OWN_DECLARATION.format(
            kind=messages.KIND_LOWER.get(declaration.kind, declaration.kind)))


def decided_notice(declaration: Declaration, *, recused: bool = False) -> str:
    outcome = declaration.outcome or ""
    if declaration.kind == DeclarationKind.RECUSACION:
        template = messages.RECUSAL_DECIDED_TO_RECUSED if recused else messages.RECUSAL_DECIDED
        tail = (messages.RECUSAL_ACCEPTED_TAIL if outcome == DeclarationOutcome.ACEPTADA
                else messages.RECUSAL_REJECTED_TAIL)
        return template.format(
            radicado=declaration.radicado, matter=messages.escape(declaration.matter),
            outcome=messages.OUTCOME_NAMES.get(outcome, outcome),
            decision=messages.escape(declaration.decision or "")) + tail
    tail = (messages.DECIDED_ACCEPTED_TAIL if outcome == DeclarationOutcome.ACEPTADA
            else messages.DECIDED_REJECTED_TAIL)
    return messages.DECIDED_NOTICE.format(
        radicado=declaration.radicado, matter=messages.escape(declaration.matter),
        outcome=messages.OUTCOME_NAMES.get(outcome, outcome),
        decision=messages.escape(declaration.decision or "")) + tail


async def withdraw(session: AsyncSession, declaration_id: int, *, person_id: int,
                   now: datetime) -> Declaration:
    """The declarant withdraws an open declaration (only their own)."""
    declaration = await get_declaration(session, declaration_id)
    if declaration.person_id != person_id:
        raise NotFound(messages.NOT_FOUND, details={"id": declaration_id})
    declaration.state = states.transition(declaration.state, states.WITHDRAW)
    declaration.withdrawn_at = now
    close_link_email(declaration)
    await commit(session)
    return declaration


async def read_declaration(session: AsyncSession, declaration_id: int, *,
                           staff: StaffAccount, action: str = "declaraciones.leer") -> Declaration:
    """One declaration for a staff member; the read is recorded in the audit log."""
    declaration = await get_declaration(session, declaration_id)
    audit.record(session, staff, action, target_type="declaracion", target_id=declaration.id,
                 details={"radicado": declaration.radicado})
    await commit(session)
    return declaration


async def record_listing(session: AsyncSession, staff: StaffAccount, *, shown: int,
                         filters: dict[str, object], action: str = "declaraciones.listar",
                         **extra: object) -> None:
    """Record in the audit log one read of a list of declarations (a page of the register, the
    cross-check's flags): the filters used and how many were shown, never whose they are. The
    filters not used (None or empty) are left out."""
    details = {k: v for k, v in filters.items() if v is not None and v != ""}
    audit.record(session, staff, action, details={**details, **extra, "mostradas": shown})
    await commit(session)


async def record_export(session: AsyncSession, staff: StaffAccount, details: dict[str, object]) -> None:
    """Record in the audit log that the register was exported (no personal data in it)."""
    audit.record(session, staff, "declaraciones.exportar", details=details)
    await commit(session)
