"""Recusals (CPACA arts. 11–12): anyone may recuse an official who should have declared an
impediment. The recusal is a row of the same register (kind ``recusacion``, radicado
``RC-AAAA-NNNN``) and follows the same state machine: it starts in ``por_responder``, the
recused official has 5 business days to say whether they accept the ground, and then the
superior decides within 10 (``actions.decide``). Each action owns its transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.declaraciones import actions, grounds, interest, messages, states
from bot.declaraciones.models import Declaration, DeclarationKind, DeclarationState
from nucleo import audit
from nucleo.business_days import BusinessCalendar
from nucleo.db import commit
from nucleo.directory.people import people_query
from nucleo.errors import InvalidInput, NotFound
from nucleo.formats import local_day
from nucleo.models import Person, PersonStatus, StaffAccount
from nucleo.ports import Button, Notifier

ANSWER_BUTTON = "recu:resp"  # recu:resp:<id>:si | recu:resp:<id>:no (recusal_flow handles it)
MATCH_LIMIT = 5


def terms(filed_on: date, calendar: BusinessCalendar) -> tuple[date, date]:
    """(the recused official's answer due date, the latest decision due date)."""
    answer_due = calendar.add(filed_on, actions.ANSWER_BUSINESS_DAYS)
    return answer_due, calendar.add(answer_due, actions.DUE_BUSINESS_DAYS)


async def match_officials(session: AsyncSession, name: str,
                          limit: int = MATCH_LIMIT + 1) -> list[Person]:
    """Active people of the directory whose name matches every word typed (accent-blind)."""
    if not name.strip():
        return []
    rows = await session.scalars(people_query(q=name, scope="activas").limit(limit))
    return list(rows.unique())


@dataclass(frozen=True)
class Filed:
    declaration: Declaration
    recused_notified: bool


async def file_recusal(session: AsyncSession, *, matter: str, description: str, office: str,
                       recused_name: str, recused_person_id: int | None, now: datetime,
                       tz: ZoneInfo, calendar: BusinessCalendar, notifier: Notifier | None,
                       person_id: int | None = None, recusant_name: str | None = None,
                       staff: StaffAccount | None = None, ground: int | None = None,
                       matter_type: str | None = None) -> Filed:
    """Register a recusal with the next ``RC`` radicado of the year; the recused official (when
    the directory knows them and they have a chat) is told in this transaction, with buttons to
    answer. From the chat ``person_id`` is who files it; the staff register paper ones with
    ``staff`` and ``recusant_name``. ``ground``: the numeral of art. 11 alleged, if known;
    ``matter_type``: the type of matter (``interest.MATTER_TYPES``), if known."""
    name = actions.check_name(recused_name, field="recused_name")
    recusant = (actions.check_name(recusant_name, field="recusant_name")
                if recusant_name else None)
    if recused_person_id is not None:
        recused = await session.get(Person, recused_person_id)
        if recused is None or recused.status != PersonStatus.ACTIVA:
            raise NotFound(messages.RECUSED_NOT_FOUND, details={"field": "recused_person_id"})
        if recused_person_id == person_id:
            raise InvalidInput(messages.RECUSE_YOURSELF, details={"field": "recused_person_id"})
    today = local_day(now, tz)
    answer_due, due = terms(today, calendar)
    series = actions.SERIES[DeclarationKind.RECUSACION]
    number = await actions._next_number(session, series, today.year)
    declaration = Declaration(
        radicado=actions.radicado(today.year, number, series), series=series, year=today.year,
        number=number, person_id=person_id, kind=DeclarationKind.RECUSACION.value,
        matter=actions.check_matter(matter), description=actions.check_description(description),
        matter_type=interest.check_matter_type(matter_type),
        deciding_office=actions.check_office(office),
        state=DeclarationState.POR_RESPONDER.value, created_at=now, due_on=due,
        answer_due_on=answer_due, recused_person_id=recused_person_id, recused_name=name,
        recusant_name=recusant, filed_by_id=staff.id if staff is not None else None,
        ground=grounds.check(ground))
    session.add(declaration)
    await session.flush()
    notified = False
    if notifier is not None and recused_person_id is not None:
        text, buttons = recused_notice(declaration)
        await notifier.notify(session, recused_person_id, text, buttons)
        notified = True
    if staff is not None:
        audit.record(session, staff, "declaraciones.recusacion", target_type="declaracion",
                     target_id=declaration.id,
                     details={"radicado": declaration.radicado, "notified": notified})
    await commit(session)
    return Filed(declaration, notified)


def recused_notice(declaration: Declaration) -> tuple[str, list[list[Button]]]:
    """What the recused official reads, with the two answers as buttons."""
    assert declaration.answer_due_on is not None
    text = messages.RECUSED_NOTICE.format(
        radicado=declaration.radicado, matter=messages.escape(declaration.matter),
        description=messages.escape(declaration.description),
        due=messages.long_day(declaration.answer_due_on))
    return text, [[Button(messages.ANSWER_ACCEPT, f"{ANSWER_BUTTON}:{declaration.id}:si")],
                  [Button(messages.ANSWER_REJECT, f"{ANSWER_BUTTON}:{declaration.id}:no")]]


async def answer_recusal(session: AsyncSession, declaration_id: int, *, accepts: bool,
                         answer: str, now: datetime, tz: ZoneInfo, calendar: BusinessCalendar,
                         person_id: int | None = None,
                         staff: StaffAccount | None = None) -> Declaration:
    """Record the recused official's answer (from their chat with ``person_id``, or typed by the
    staff with ``staff``): por_responder → radicada, and the superior's 10 business days run
    from the answer (never past the date set when it was filed)."""
    text = actions.check_answer(answer)
    declaration = await actions.get_declaration(session, declaration_id)
    if declaration.kind != DeclarationKind.RECUSACION:
        raise NotFound(messages.NOT_FOUND, details={"id": declaration_id})
    if staff is None and (person_id is None or declaration.recused_person_id != person_id):
        raise NotFound(messages.NOT_FOUND, details={"id": declaration_id})
    declaration.state = states.transition(declaration.state, states.ANSWER)
    day = local_day(now, tz)
    if declaration.answer_due_on is not None:
        day = min(day, declaration.answer_due_on)
    declaration.due_on = calendar.add(day, actions.DUE_BUSINESS_DAYS)
    declaration.answered_at = now
    declaration.recused_accepts = accepts
    declaration.recused_answer = text
    if staff is not None:
        audit.record(session, staff, "declaraciones.respuesta", target_type="declaracion",
                     target_id=declaration.id,
                     details={"radicado": declaration.radicado, "accepts": accepts})
    await commit(session)
    return declaration
