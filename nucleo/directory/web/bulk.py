"""Bulk actions on the directory's people list: retire several people (they leave the entity)
or bring them back, each through the directory's own action (``retire_person``,
``reactivate_person``: one transaction and one audit entry each), after a confirmation that
names every chosen person (``nucleo.web.console.bulk``)."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import APIRouter
from sqlalchemy import select

from nucleo.directory.people import reactivate_person, retire_person
from nucleo.directory.web import messages
from nucleo.models import Person
from nucleo.ports import CAMPAIGNS
from nucleo.web.console.bulk import BulkAction, BulkList, bulk_route
from nucleo.web.console.context import Console

router = APIRouter(include_in_schema=False)
BACK = "/consola/directorio"


async def _retire(console: Console, person_id: int, _extra: str) -> object:
    return await retire_person(console.db, person_id, now=console.services.clock(),
                               actor=console.staff, campaigns=console.services.get(CAMPAIGNS))


async def _reactivate(console: Console, person_id: int, _extra: str) -> object:
    return await reactivate_person(console.db, person_id, actor=console.staff)


async def _describe(console: Console, ids: Sequence[int]) -> dict[int, str]:
    rows = await console.db.execute(select(Person.id, Person.full_name)
                                    .where(Person.id.in_(ids)))
    return {i: name or messages.BULK_PEOPLE_ITEM_NO_NAME.format(id=i) for i, name in rows}


BULK = BulkList(
    actions={
        "retirar": BulkAction(
            messages.BULK_RETIRE, "directorio.editar", _retire, messages.BULK_RETIRE_QUESTION,
            messages.BULK_RETIRE_CONSEQUENCE, messages.BULK_RETIRE_CONFIRM,
            messages.BULK_RETIRE_DONE, danger=True),
        "reactivar": BulkAction(
            messages.BULK_REACTIVATE, "directorio.editar", _reactivate,
            messages.BULK_REACTIVATE_QUESTION, messages.BULK_REACTIVATE_CONSEQUENCE,
            messages.BULK_REACTIVATE_CONFIRM, messages.BULK_REACTIVATE_DONE),
    },
    back=BACK, back_label=messages.BACK_TO_DIRECTORY, title=messages.BULK_PEOPLE_TITLE,
    none_chosen=messages.BULK_PEOPLE_NONE_CHOSEN, refused=messages.BULK_PEOPLE_REFUSED,
    none_done=messages.BULK_PEOPLE_NONE_DONE,
    item_url=lambda i: f"/consola/directorio/personas/{i}", describe=_describe)


bulk_route(router, BULK, "directorio")
