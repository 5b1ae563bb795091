"""Bulk actions on the list: several chosen suggestions, one action (today: «En análisis»),
a confirmation page first, then the foro action once per suggestion (each in its own
transaction, each audited). Refusals are reported per suggestion; the others are done."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from foro import actions
from foro.web import messages
from nucleo.errors import DomainError
from nucleo.formats import number
from nucleo.models import StaffAccount
from nucleo.services import Services
from nucleo.web.console.confirm import Confirmation, ask_first
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import BadQuery
from nucleo.web.console.params import optional_int

router = APIRouter(include_in_schema=False)
MAX_CHOSEN = 100
BACK = "/consola/sugerencias"


@dataclass(frozen=True)
class BulkAction:
    """One action the list offers for several suggestions."""

    label: str  # the option in the list's form
    permission: str
    run: Callable[[AsyncSession, Services, StaffAccount, int], Awaitable[object]]
    question: str  # with {n}
    consequence: str
    confirm: str
    done: str  # with {n}


SUG_BULK_ACTIONS = {
    "analizar": BulkAction(messages.SUG_BULK_ANALYSE, "sugerencias.analizar", actions.start_analysis,
                           messages.SUG_BULK_ANALYSE_QUESTION, messages.SUG_BULK_ANALYSE_CONSEQUENCE,
                           messages.SUG_BULK_ANALYSE_CONFIRM, messages.SUG_BULK_ANALYSE_DONE),
}


def offered(console: Console) -> list[tuple[str, str]]:
    """The bulk actions this person may run, for the list's form."""
    return [(key, a.label) for key, a in SUG_BULK_ACTIONS.items() if console.can(a.permission)]


def _ids(chosen: list[str]) -> list[int] | None:
    """The chosen ids in the order given, once each; None when one is not a number."""
    try:
        ids = [optional_int("id", text) for text in chosen]
    except BadQuery:
        return None
    return None if None in ids else list(dict.fromkeys(i for i in ids if i is not None))


async def _refuse(console: Console, error: str, status: int) -> Response:
    return await console.render("suggestions_bulk.html", status=status, error=error,
                                done=0, refused=[], action=None)


@router.post("/consola/sugerencias/lote")
async def bulk(console: Annotated[Console, page("sugerencias")],
               id: Annotated[list[str] | None, Form(max_length=10 * MAX_CHOSEN)] = None,
               accion: Annotated[str, Form(max_length=40)] = "") -> Response:
    """Confirm, then run the chosen action on every chosen suggestion."""
    action = SUG_BULK_ACTIONS.get(accion)
    if action is None:
        return await _refuse(console, messages.SUG_BULK_BAD_ACTION, 422)
    if not console.can(action.permission):
        return await _refuse(console, messages.SUG_BULK_NOT_ALLOWED, 403)
    ids = _ids(id or [])
    if ids is None:
        return await _refuse(console, messages.SUG_BULK_BAD_IDS, 422)
    if not ids:
        return await _refuse(console, messages.SUG_BULK_NONE_CHOSEN, 422)
    if len(ids) > MAX_CHOSEN:
        return await _refuse(console, messages.SUG_BULK_TOO_MANY.format(max=MAX_CHOSEN), 422)
    ask = Confirmation(action.label, action.question.format(n=number(len(ids))),
                       action.consequence, action.confirm, BACK, danger=False)
    if (question := await ask_first(console, ask, keep=("id", "accion"))) is not None:
        return question
    done, refused = 0, []
    for suggestion_id in ids:
        try:
            await action.run(console.db, console.services, console.staff, suggestion_id)
        except DomainError as exc:
            await console.recover()
            refused.append((suggestion_id, exc.message))
        else:
            done += 1
    if not refused:
        return await console.redirect(BACK, action.done.format(n=number(done)))
    return await console.render("suggestions_bulk.html", error=None, done=done,
                                refused=refused, action=action)
