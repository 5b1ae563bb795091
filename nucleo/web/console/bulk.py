"""Bulk actions on a console list: several chosen items, one action, a confirmation page that
names every chosen item first, then the module's own action once per item (each in its own
transaction, each audited by that action). Refusals are reported per item; the others are done.

A list offers its actions with ``offered`` (only those the person's role allows) and posts the
chosen ``id`` checkboxes and ``accion`` to ``<list>/lote``, the route ``bulk_route`` registers on
the list's router, which calls ``run_bulk``. An action may read one more field of the form
(``field``, e.g. the advisor to assign): ``prepare`` checks it before the confirmation and gives
the words the question uses. Nothing runs until the confirmation comes back carrying every
chosen id; afterwards only the refused items are named again. The form also carries the list's
query string (``lista``), so every way back (cancel, the result page, the redirect when all is
done) keeps the list's filters and page.
"""

# No ``from __future__ import annotations``: the route bulk_route defines is annotated with the
# list's own page guard, an object FastAPI must get as such (a string would be looked up by name).
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from typing import Annotated, Any
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Form
from starlette.responses import Response

from nucleo.errors import DomainError
from nucleo.formats import number
from nucleo.web.console import messages
from nucleo.web.console.confirm import Confirmation, confirmed, question_page
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import BadQuery
from nucleo.web.console.params import optional_int

MAX_CHOSEN = 100
BACK_FIELD = "lista"  # the list's query string, to go back to the same filters and page

RunOne = Callable[[Console, int, str], Awaitable[object]]
Prepare = Callable[[Console, str], Awaitable[dict[str, str]]]


@dataclass(frozen=True)
class BulkAction:
    """One action a list offers for several items. ``question`` and ``done`` take ``{n}`` and
    whatever ``prepare`` returns; ``run`` gets the item's id and the extra field's value."""

    label: str  # the option in the list's form
    permission: str
    run: RunOne
    question: str
    consequence: str
    confirm: str
    done: str
    danger: bool = False
    field: str | None = None  # the one more form field the action reads
    prepare: Prepare | None = None  # checks that field (DomainError) and names it


@dataclass(frozen=True)
class BulkList:
    """What one list's bulk form acts on: its actions, its words and how to name an item."""

    actions: dict[str, BulkAction]
    back: str  # the list
    back_label: str  # «Volver a …»
    title: str  # the result page's title
    none_chosen: str
    refused: str  # heading of the refused items, with {n}
    none_done: str
    item_url: Callable[[int], str]
    # id → how the confirmation and the result name it (ids not found are left out)
    describe: Callable[[Console, Sequence[int]], Awaitable[dict[int, str]]]


def offered(console: Console, bulk: BulkList) -> list[tuple[str, str]]:
    """The bulk actions this person may run, for the list's form (empty: no checkboxes)."""
    return [(key, a.label) for key, a in bulk.actions.items() if console.can(a.permission)]


def chosen_ids(chosen: Sequence[str]) -> list[int] | None:
    """The chosen ids in the order given, once each; None when one is not a number."""
    try:
        ids = [optional_int("id", text) for text in chosen]
    except BadQuery:
        return None
    return None if None in ids else list(dict.fromkeys(i for i in ids if i is not None))


def back_to(list_url: str, query: str) -> str:
    """The list's address with the query string it was shown with, parsed and encoded again
    (only the parameters; the address itself is always the list's own)."""
    pairs = [(k, v) for k, v in parse_qsl(query[:1000]) if k != "csrf_token"]
    return list_url + ("?" + urlencode(pairs) if pairs else "")


async def _refuse(console: Console, bulk: BulkList, error: str, status: int) -> Response:
    return await console.render("bulk_result.html", status=status, bulk=bulk, error=error,
                                done=None, refused=[])


def bulk_route(router: APIRouter, bulk: BulkList, section: str,
               dependencies: Sequence[Any] = ()) -> None:
    """Register ``POST <list>/lote`` on the list's router: the page guard of ``section`` (and
    any other ``dependencies``), the chosen ids and the action, then ``run_bulk``."""

    async def route(console: Annotated[Console, page(section)],
                    id: Annotated[list[str] | None, Form(max_length=10 * MAX_CHOSEN)] = None,
                    accion: Annotated[str, Form(max_length=40)] = "") -> Response:
        """Confirm, then run the chosen action on every chosen item."""
        return await run_bulk(console, bulk, accion, id or [])

    router.add_api_route(bulk.back + "/lote", route, methods=["POST"],
                         dependencies=list(dependencies))


async def run_bulk(console: Console, bulk: BulkList, accion: str,
                   chosen: Sequence[str]) -> Response:
    """Check the action, the role, the ids and the action's field; confirm, listing every chosen
    item; then run the action on each. All done: back to the list with a notice; otherwise a
    page with what was done and each refusal with its reason."""
    form = await console.request.form()
    query = form.get(BACK_FIELD)
    bulk = replace(bulk, back=back_to(bulk.back, query if isinstance(query, str) else ""))
    if not accion:
        return await _refuse(console, bulk, messages.BULK_NO_ACTION, 422)
    action = bulk.actions.get(accion)
    if action is None:
        return await _refuse(console, bulk, messages.BULK_BAD_ACTION, 422)
    if not console.can(action.permission):
        return await _refuse(console, bulk, messages.BULK_NOT_ALLOWED, 403)
    ids = chosen_ids(chosen)
    if ids is None:
        return await _refuse(console, bulk, messages.BULK_BAD_IDS, 422)
    if not ids:
        return await _refuse(console, bulk, bulk.none_chosen, 422)
    if len(ids) > MAX_CHOSEN:
        return await _refuse(console, bulk, messages.BULK_TOO_MANY.format(max=MAX_CHOSEN), 422)
    value = form.get(action.field) if action.field else ""
    extra = value if isinstance(value, str) else ""
    words: dict[str, str] = {}
    if action.prepare is not None:
        try:
            words = await action.prepare(console, extra)
        except DomainError as exc:
            await console.recover()
            return await _refuse(console, bulk, exc.message, 422)
    if not await confirmed(console):
        return await _ask(console, bulk, action, ids, words)
    done, refused = 0, []
    for item_id in ids:
        try:
            await action.run(console, item_id, extra)
        except DomainError as exc:
            await console.recover()
            refused.append((item_id, exc.message))
        else:
            done += 1
    notice = action.done.format(n=number(done), **words)
    if not refused:
        return await console.redirect(bulk.back, notice)
    names = await bulk.describe(console, [item_id for item_id, _reason in refused])
    return await console.render("bulk_result.html", bulk=bulk, error=None,
                                done=notice if done else None,
                                refused=[(bulk.item_url(i), _name(names, i), reason)
                                         for i, reason in refused])


async def _ask(console: Console, bulk: BulkList, action: BulkAction, ids: list[int],
               words: dict[str, str]) -> Response:
    """The confirmation page, naming every chosen item; the confirmed form carries them all."""
    names = await bulk.describe(console, ids)
    ask = Confirmation(action.label, action.question.format(n=number(len(ids)), **words),
                       action.consequence, action.confirm, bulk.back, danger=action.danger,
                       items=tuple((bulk.item_url(i), _name(names, i)) for i in ids))
    keep = ("id", "accion", BACK_FIELD, *((action.field,) if action.field else ()))
    return await question_page(console, ask, keep=keep)


def _name(names: dict[int, str], item_id: int) -> str:
    return names.get(item_id, messages.BULK_ITEM_GONE.format(id=item_id))
