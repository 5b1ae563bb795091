"""One person of the directory: edit the data HR keeps, retire or bring back, send the
personal invitation to link a chat (#17) or print it to hand over in person, or revoke the
invitations and e-mail codes issued."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from sqlalchemy import select
from starlette.responses import Response

from nucleo.directory import link
from nucleo.directory.people import (
    PersonChanges,
    get_person,
    reactivate_person,
    retire_person,
    update_person,
)
from nucleo.directory.phones import national_form
from nucleo.directory.superior_edit import NotOneSuperior, choose, set_superior
from nucleo.directory.web import messages
from nucleo.errors import DomainError, InvalidInput
from nucleo.models import Department, Person, PersonKind
from nucleo.ports import CAMPAIGNS, DIRECTORY_INVITATIONS
from nucleo.web.console.confirm import Confirmation, ask_first
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import BadQuery, form_status
from nucleo.web.console.params import optional_int
from nucleo.web.ids import Id

router = APIRouter(include_in_schema=False)
BASE = "/consola/directorio/personas/{person_id:int}"
Text = Annotated[str, Form(max_length=400)]


async def _form(console: Console, person_id: int, *, error: str | None = None,
                values: dict[str, str] | None = None, status: int = 200,
                candidates: list[Person] | None = None, superior_text: str = "",
                superior_error: str | None = None) -> Response:
    person = await get_person(console.db, person_id)
    departments = (await console.db.execute(
        select(Department.id, Department.name).order_by(Department.normalized_name))).all()
    current = values or {
        "full_name": person.full_name or "", "document_id": person.document_id or "",
        "email": person.email or "", "mobile": national_form(person.mobile),
        "department_id": str(person.department_id or ""),
        "kind": person.kind or ""}
    kinds = [(k.value, messages.PERSON_KINDS[k.value]) for k in PersonKind]
    invitations = console.services.get(DIRECTORY_INVITATIONS)
    last = await invitations.last_invitation(console.db, person.id) if invitations else None
    superior = await console.db.get(Person, person.superior_id) if person.superior_id else None
    return await console.render(
        "person.html", status=status, person=person, values=current, departments=departments,
        kinds=kinds, error=error, last_invitation=last, superior=superior,
        candidates=candidates or [], superior_text=superior_text, superior_error=superior_error,
        invitations_off=invitations.unavailable() if invitations else messages.INVITE_OFF,
        print_off=invitations is None or not console.services.settings.telegram_bot_username)


@router.get(BASE)
async def person_page(console: Annotated[Console, page("directorio")], person_id: Id) -> Response:
    """The person's directory data, with the edit form for those who may change it."""
    console.only_params()
    return await _form(console, person_id)


@router.post(BASE)
async def save_person(
    console: Annotated[Console, page("directorio.editar")], person_id: Id,
    full_name: Text = "", document_id: Text = "", email: Text = "", mobile: Text = "",
    department_id: Annotated[str, Form(max_length=12)] = "",
    kind: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """Save the edit form; a refused value shows the form again with the reason in Spanish."""
    values = {"full_name": full_name, "document_id": document_id, "email": email,
              "mobile": mobile,
              "department_id": department_id, "kind": kind}
    try:
        department = optional_int("department_id", department_id)
    except BadQuery:
        department = None
    if department_id.strip() and department is None:
        return await _form(console, person_id, error=messages.PERSON_BAD_DEPARTMENT,
                           values=values, status=422)
    changes = PersonChanges(full_name=full_name, document_id=document_id, email=email,
                            mobile=mobile,
                            department_id=department, kind=kind or None)
    try:
        await update_person(console.db, person_id, changes, actor=console.staff)
    except DomainError as exc:
        await console.recover()
        return await _form(console, person_id, error=exc.message, values=values, status=422)
    return await console.redirect(f"/consola/directorio/personas/{person_id}",
                                  messages.PERSON_SAVED)


@router.post(BASE + "/jefe")
async def change_superior(
    console: Annotated[Console, page("directorio.editar")], person_id: Id,
    superior: Annotated[str, Form(max_length=200)] = "",
    superior_id: Annotated[str, Form(max_length=12)] = "",
) -> Response:
    """Set the jefe inmediato: HR types a cédula, e-mail or name; one exact match is set, else
    the page lists who matches to choose from (a button each, posting ``superior_id``)."""
    try:
        try:
            chosen = optional_int("superior_id", superior_id)
        except BadQuery as exc:
            raise InvalidInput(messages.SUPERIOR_BAD_CHOICE) from exc
        if chosen is None:
            chosen = (await choose(console.db, superior, person_id=person_id)).id
        await set_superior(console.db, person_id, chosen, actor=console.staff)
    except NotOneSuperior as exc:  # nothing written: the page lists who matches, a button each
        return await _form(console, person_id, candidates=exc.candidates,
                           superior_text=superior.strip(), superior_error=exc.message, status=422)
    except DomainError as exc:
        await console.recover()
        return await _form(console, person_id, superior_text=superior,
                           superior_error=exc.message, status=form_status(exc))
    return await console.redirect(f"/consola/directorio/personas/{person_id}",
                                  messages.SUPERIOR_SAVED)


@router.post(BASE + "/jefe/quitar")
async def clear_superior(console: Annotated[Console, page("directorio.editar")],
                         person_id: Id) -> Response:
    """Clear the jefe inmediato (the declarations then go as DOMAIN.md §2.4 says)."""
    cleared = await console.attempt(
        lambda: set_superior(console.db, person_id, None, actor=console.staff),
        lambda error, status: _form(console, person_id, superior_error=error, status=status))
    if isinstance(cleared, Response):
        return cleared
    return await console.redirect(f"/consola/directorio/personas/{person_id}",
                                  messages.SUPERIOR_CLEARED)


@router.post(BASE + "/retirar")
async def retire(console: Annotated[Console, page("directorio.editar")],
                 person_id: Id) -> Response:
    """Retire the person: kept for history, never targeted again."""
    try:
        await retire_person(console.db, person_id, now=console.services.clock(),
                            actor=console.staff, campaigns=console.services.get(CAMPAIGNS))
    except DomainError as exc:
        await console.recover()
        return await _form(console, person_id, error=exc.message, status=409)
    return await console.redirect(f"/consola/directorio/personas/{person_id}",
                                  messages.PERSON_RETIRED)


@router.post(BASE + "/reactivar")
async def reactivate(console: Annotated[Console, page("directorio.editar")],
                     person_id: Id) -> Response:
    """Bring a retired person back to the active directory."""
    try:
        await reactivate_person(console.db, person_id, actor=console.staff)
    except DomainError as exc:
        await console.recover()
        return await _form(console, person_id, error=exc.message, status=409)
    return await console.redirect(f"/consola/directorio/personas/{person_id}",
                                  messages.PERSON_REACTIVATED)


def _name(person: Person) -> str:
    return person.full_name or messages.PERSON_TITLE


@router.post(BASE + "/invitar")
async def invite(console: Annotated[Console, page("directorio.editar")],
                 person_id: Id) -> Response:
    """Queue the person's invitation e-mail through the campaign engine, once confirmed."""
    person = await get_person(console.db, person_id)
    invitations = console.services.get(DIRECTORY_INVITATIONS)
    reason = invitations.unavailable() if invitations else messages.INVITE_OFF
    if invitations is None or reason:
        return await _form(console, person_id, error=reason, status=409)
    if not person.email:
        return await _form(console, person_id, error=messages.INVITE_NO_EMAIL, status=409)
    consequence = messages.INVITE_CONFIRM_CONSEQUENCE + (
        messages.INVITE_CONFIRM_LINKED if person.linked_at else "")
    ask = Confirmation(messages.INVITE_CONFIRM_TITLE,
                       messages.INVITE_CONFIRM_QUESTION.format(name=_name(person)),
                       consequence, messages.INVITE_CONFIRM, f"/consola/directorio/personas/"
                       f"{person_id}", danger=False)
    if (question := await ask_first(console, ask)) is not None:
        return question
    try:
        queued = await invitations.invite_person(console.db, person_id, actor=console.staff,
                                                 now=console.services.clock())
    except DomainError as exc:
        await console.recover()
        return await _form(console, person_id, error=exc.message, status=form_status(exc))
    return await console.redirect(f"/consola/directorio/personas/{person_id}",
                                  messages.INVITE_QUEUED if queued else messages.INVITE_ALREADY)


@router.post(BASE + "/invitacion.pdf")
async def print_invitation(console: Annotated[Console, page("directorio.editar")],
                           person_id: Id) -> Response:
    """Once confirmed, the person's invitation as a PDF to print and hand over (no e-mail
    needed): a one-use link as QR codes, which voids the invitations given before."""
    person = await get_person(console.db, person_id)
    invitations = console.services.get(DIRECTORY_INVITATIONS)
    if invitations is None:
        return await _form(console, person_id, error=messages.INVITE_OFF, status=409)
    ask = Confirmation(messages.PRINT_CONFIRM_TITLE,
                       messages.PRINT_CONFIRM_QUESTION.format(name=_name(person)),
                       messages.PRINT_CONFIRM_CONSEQUENCE, messages.PRINT_CONFIRM,
                       f"/consola/directorio/personas/{person_id}", danger=False)
    if (question := await ask_first(console, ask)) is not None:
        return question
    try:
        pdf = await invitations.printed_invitation(console.db, person_id, actor=console.staff,
                                                   now=console.services.clock())
    except DomainError as exc:
        await console.recover()
        return await _form(console, person_id, error=exc.message, status=form_status(exc))
    return Response(pdf, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="invitacion-{person_id}.pdf"',
        "Cache-Control": "no-store"})


@router.post(BASE + "/anular")
async def revoke(console: Annotated[Console, page("directorio.editar")],
                 person_id: Id) -> Response:
    """Revoke every invitation issued to the person and their pending e-mail codes."""
    person = await get_person(console.db, person_id)
    ask = Confirmation(messages.REVOKE_CONFIRM_TITLE,
                       messages.REVOKE_CONFIRM_QUESTION.format(name=_name(person)),
                       messages.REVOKE_CONFIRM_CONSEQUENCE, messages.REVOKE_CONFIRM,
                       f"/consola/directorio/personas/{person_id}")
    if (question := await ask_first(console, ask)) is not None:
        return question
    try:
        codes = await link.revoke_links(console.db, person_id, now=console.services.clock(),
                                        actor=console.staff)
    except DomainError as exc:
        await console.recover()
        return await _form(console, person_id, error=exc.message, status=form_status(exc))
    return await console.redirect(f"/consola/directorio/personas/{person_id}",
                                  messages.REVOKED.format(codes=codes))
