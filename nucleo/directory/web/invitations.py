"""Invitations in bulk from the directory page (#17): HR picks everyone or one dependencia,
only those not linked yet (the default) or all; a confirmation page says how many people that
is, and the confirmed form queues them in today's console round through the campaign engine
(``DirectoryInvitations.invite_many``, audited with counts). The page says «en cola» only for
invitations that were queued."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.responses import Response

from nucleo.directory.web import messages
from nucleo.errors import DomainError
from nucleo.models import Department
from nucleo.ports import DIRECTORY_INVITATIONS
from nucleo.web.console.confirm import Confirmation, ask_first
from nucleo.web.console.context import Console, page
from nucleo.web.console.params import optional_int

router = APIRouter(include_in_schema=False)
PATH = "/consola/directorio/invitar"
BACK = "/consola/directorio#invitar"


@router.post(PATH)
async def invite_many(
    console: Annotated[Console, page("directorio.editar")],
    dependencia: Annotated[str, Form(max_length=12)] = "",
    alcance: Annotated[str, Form(max_length=20)] = "sin_vincular",
) -> Response:
    """Confirm with the count, then queue the invitations of the selection."""
    from nucleo.directory.web.console import invitations_off, show_directory  # its page

    department_id = optional_int("dependencia", dependencia)
    only_unlinked = alcance != "todas"
    if reason := invitations_off(console):
        return await show_directory(console, invite_error=reason, status=409)
    invitations = console.services.need(DIRECTORY_INVITATIONS)
    name = None
    if department_id is not None:
        department = await console.db.get(Department, department_id)
        if department is None:
            return await show_directory(console, invite_error=messages.BULK_NO_DEPARTMENT,
                                        status=422)
        name = department.name
    count = await invitations.invitable(console.db, department_id=department_id,
                                        only_unlinked=only_unlinked)
    if count == 0:
        return await show_directory(console, invite_error=messages.BULK_NOBODY, status=409)
    who = messages.BULK_WHO_DEPARTMENT.format(department=name) if name else messages.BULK_WHO_ALL
    ask = Confirmation(
        messages.BULK_CONFIRM_TITLE,
        messages.BULK_CONFIRM_QUESTION.format(people=messages.people(count), who=who) + (
            messages.BULK_ONLY_UNLINKED if only_unlinked else messages.BULK_ALSO_LINKED),
        messages.BULK_CONFIRM_CONSEQUENCE,
        messages.BULK_CONFIRM.format(invitations=messages.invitations(count)), BACK,
        danger=False)
    if (question := await ask_first(console, ask, keep=("dependencia", "alcance"))) is not None:
        return question
    try:
        queued = await invitations.invite_many(console.db, department_id=department_id,
                                               only_unlinked=only_unlinked, actor=console.staff,
                                               now=console.services.clock())
    except DomainError as exc:
        await console.recover()
        return await show_directory(console, invite_error=exc.message, status=409)
    notice = messages.BULK_QUEUED.format(invitations=messages.invitations(queued)) if queued \
        else messages.BULK_NONE_NEW
    return await console.redirect(BACK, notice)
