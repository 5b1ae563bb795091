"""Bulk actions on the suggestions list: several chosen suggestions, one action (today: «En
análisis»), through the console's shared bulk actions (``nucleo.web.console.bulk``): a
confirmation that names every chosen suggestion, then the foro's own action once per
suggestion (each in its own transaction, each audited); refusals are reported per suggestion."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import APIRouter
from sqlalchemy import select

from foro import actions
from foro.models import Suggestion
from foro.web import messages
from nucleo.formats import shorten
from nucleo.web.console.bulk import BulkAction, BulkList, bulk_route
from nucleo.web.console.context import Console

router = APIRouter(include_in_schema=False)
BACK = "/consola/sugerencias"


async def _analyse(console: Console, suggestion_id: int, _extra: str) -> object:
    return await actions.start_analysis(console.db, console.services, console.staff,
                                        suggestion_id)


async def _describe(console: Console, ids: Sequence[int]) -> dict[int, str]:
    rows = await console.db.execute(select(Suggestion.id, Suggestion.title)
                                    .where(Suggestion.id.in_(ids)))
    return {i: messages.SUG_BULK_ITEM.format(
        id=i, title=shorten(title, 80)) for i, title in rows}


BULK = BulkList(
    actions={
        "analizar": BulkAction(
            messages.SUG_BULK_ANALYSE, "sugerencias.analizar", _analyse,
            messages.SUG_BULK_ANALYSE_QUESTION, messages.SUG_BULK_ANALYSE_CONSEQUENCE,
            messages.SUG_BULK_ANALYSE_CONFIRM, messages.SUG_BULK_ANALYSE_DONE),
    },
    back=BACK, back_label=messages.SUG_BULK_BACK, title=messages.SUG_BULK_TITLE,
    none_chosen=messages.SUG_BULK_NONE_CHOSEN, refused=messages.SUG_BULK_REFUSED,
    none_done=messages.SUG_BULK_NONE_DONE,
    item_url=lambda i: f"{BACK}/{i}", describe=_describe)


bulk_route(router, BULK, "sugerencias")
