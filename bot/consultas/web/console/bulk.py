"""Bulk actions on the consultations list: assign the chosen tickets to one advisor (or to
nobody in particular) and close them, each through the desk's own action, after a confirmation
that names every chosen ticket (``nucleo.web.console.bulk``)."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import APIRouter, Depends
from sqlalchemy import select

from bot.consultas import tickets
from bot.consultas.service import DESK
from bot.consultas.tables import ConsultationTicket
from bot.consultas.web import messages
from bot.consultas.web.api import get_desk
from nucleo.errors import InvalidInput
from nucleo.formats import shorten
from nucleo.models import StaffAccount
from nucleo.web.console.bulk import BulkAction, BulkList, bulk_route
from nucleo.web.console.context import Console
from nucleo.web.console.errors import BadQuery
from nucleo.web.console.params import optional_int

router = APIRouter(include_in_schema=False)
ADVISOR = "asesor"


def _advisor_id(text: str) -> int | None:
    """The advisor field: empty is nobody in particular; anything else must be an id."""
    try:
        return optional_int(ADVISOR, text)
    except BadQuery:
        raise InvalidInput(messages.CONSULT_BULK_BAD_ADVISOR) from None


async def _name_advisor(console: Console, text: str) -> dict[str, str]:
    chosen = _advisor_id(text)
    if chosen is None:
        return {"name": messages.CONSULT_BULK_NOBODY}
    account = await console.db.get(StaffAccount, chosen)
    if account is None or not tickets.may_answer(account):
        raise InvalidInput(messages.CONSULT_BULK_BAD_ADVISOR)
    return {"name": account.full_name}


async def _assign(console: Console, ticket_id: int, text: str) -> object:
    return await tickets.assign_ticket(console.db, ticket_id, assignee_id=_advisor_id(text),
                                       staff=console.staff)


async def _close(console: Console, ticket_id: int, _text: str) -> object:
    desk = console.services.need(DESK)
    return await tickets.close_ticket(console.db, ticket_id, staff=console.staff,
                                      now=desk.clock())


async def _describe(console: Console, ids: Sequence[int]) -> dict[int, str]:
    rows = await console.db.execute(select(ConsultationTicket.id, ConsultationTicket.question)
                                    .where(ConsultationTicket.id.in_(ids)))
    return {i: messages.CONSULT_BULK_ITEM.format(
        id=i, question=shorten(question, 80))
        for i, question in rows}


BULK = BulkList(
    actions={
        "asignar": BulkAction(
            messages.CONSULT_BULK_ASSIGN, "consultas.responder", _assign,
            messages.CONSULT_BULK_ASSIGN_QUESTION, messages.CONSULT_BULK_ASSIGN_CONSEQUENCE,
            messages.CONSULT_BULK_ASSIGN_CONFIRM, messages.CONSULT_BULK_ASSIGN_DONE,
            field=ADVISOR, prepare=_name_advisor),
        "cerrar": BulkAction(
            messages.CONSULT_BULK_CLOSE, "consultas.cerrar", _close,
            messages.CONSULT_BULK_CLOSE_QUESTION, messages.CONSULT_BULK_CLOSE_CONSEQUENCE,
            messages.CONSULT_BULK_CLOSE_CONFIRM, messages.CONSULT_BULK_CLOSE_DONE, danger=True),
    },
    back="/consola/consultas", back_label=messages.CONSULT_BACK_LIST,
    title=messages.CONSULT_BULK_TITLE, none_chosen=messages.CONSULT_BULK_NONE_CHOSEN,
    refused=messages.CONSULT_BULK_REFUSED, none_done=messages.CONSULT_BULK_NONE_DONE,
    item_url=lambda i: f"/consola/consultas/{i}", describe=_describe)


async def advisor_choices(console: Console) -> list[tuple[str, str]]:
    """The advisor select, of the bulk form and of one ticket (first: nobody in particular)."""
    return [("", messages.CONSULT_UNASSIGNED)] + [
        (str(a.id), a.full_name) for a in await tickets.advisors(console.db)]


bulk_route(router, BULK, "consultas", dependencies=[Depends(get_desk)])
