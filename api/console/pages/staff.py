"""Personal: create staff accounts, change their role, reset their password, deactivate and
reactivate them (admin). Deactivating, changing a role and resetting a password ask first."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from sqlalchemy import select
from starlette.responses import Response

from api.console import messages
from nucleo import staff as staff_actions
from nucleo.errors import DomainError, NotFound
from nucleo.models import Role, StaffAccount
from nucleo.security import MIN_PASSWORD_LENGTH
from nucleo.web.console import messages as ui
from nucleo.web.console.confirm import Confirmation, ask_first
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import form_status
from nucleo.web.console.sessions import end_stale_sessions
from nucleo.web.ids import Id

router = APIRouter(include_in_schema=False)
LIST = "/consola/personal"


def _roles() -> list[tuple[str, str]]:
    return [(r.value, ui.ROLE_NAMES[r.value]) for r in Role]


async def _view(console: Console, *, error: str | None = None, typed: dict[str, str] | None = None,
                status: int = 200) -> Response:
    accounts = list(await console.db.scalars(
        select(StaffAccount).order_by(StaffAccount.active.desc(), StaffAccount.email)))
    return await console.render("staff.html", status=status, accounts=accounts, roles=_roles(),
                                error=error, typed=typed or {}, min_password=MIN_PASSWORD_LENGTH)


async def _account(console: Console, staff_id: int) -> StaffAccount:
    account = await console.db.get(StaffAccount, staff_id)
    if account is None:
        raise NotFound(ui.NOT_FOUND)
    return account


def _url(account: StaffAccount) -> str:
    return f"{LIST}/{account.id}"


async def _detail(console: Console, account: StaffAccount, *, error: str | None = None,
                  status: int = 200) -> Response:
    return await console.render("staff_detail.html", status=status, account=account,
                                roles=_roles(), error=error)


@router.get("/consola/personal")
async def staff_list(console: Annotated[Console, page("personal")]) -> Response:
    """Staff accounts and the form to create one."""
    console.only_params()
    return await _view(console)


@router.get("/consola/personal/{staff_id}")
async def staff_detail(console: Annotated[Console, page("personal")], staff_id: Id) -> Response:
    """One account: its role, its password and whether it is active."""
    console.only_params()
    return await _detail(console, await _account(console, staff_id))


@router.post("/consola/personal")
async def staff_create(
    console: Annotated[Console, page("personal.crear")],
    correo: Annotated[str, Form(max_length=254)] = "",
    nombre: Annotated[str, Form(max_length=200)] = "",
    rol: Annotated[str, Form(max_length=40)] = "",
    clave: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    """Create an account; errors come back on the same form."""
    try:
        account = await staff_actions.create_staff(
            console.db, email=correo, full_name=nombre, role=rol, password=clave,
            actor=console.staff, entity=console.services.settings.entity_name)
    except DomainError as exc:
        await console.recover()
        return await _view(console, error=exc.message, status=422,
                           typed={"correo": correo, "nombre": nombre, "rol": rol})
    return await console.redirect(LIST, messages.STAFF_CREATED.format(email=account.email))


@router.post("/consola/personal/{staff_id}/desactivar")
async def staff_deactivate(console: Annotated[Console, page("personal.desactivar")],
                           staff_id: Id) -> Response:
    """Deactivate an account, once confirmed; its sessions end at once."""
    if staff_id == console.staff.id:
        return await console.redirect(LIST, messages.STAFF_NOT_SELF)
    account = await _account(console, staff_id)
    if not account.active:
        return await console.redirect(_url(account))
    ask = Confirmation(messages.STAFF_DEACTIVATE_TITLE,
                       messages.STAFF_DEACTIVATE_QUESTION.format(email=account.email),
                       messages.STAFF_DEACTIVATE_CONSEQUENCE, messages.STAFF_DEACTIVATE_CONFIRM,
                       _url(account))
    if (question := await ask_first(console, ask)) is not None:
        return question
    try:
        await staff_actions.deactivate_staff(console.db, staff_id, console.staff)
    except DomainError as exc:
        await console.recover()
        return await _detail(console, await _account(console, staff_id), error=exc.message,
                             status=form_status(exc))
    await end_stale_sessions(console.db, account)
    return await console.redirect(LIST, messages.STAFF_DEACTIVATED.format(email=account.email))


@router.post("/consola/personal/{staff_id}/reactivar")
async def staff_reactivate(console: Annotated[Console, page("personal.reactivar")],
                           staff_id: Id) -> Response:
    """Enable a deactivated account again, with its e-mail, role and password."""
    account = await _account(console, staff_id)
    try:
        await staff_actions.reactivate_staff(console.db, staff_id, console.staff)
    except DomainError as exc:
        await console.recover()
        return await _detail(console, await _account(console, staff_id), error=exc.message,
                             status=form_status(exc))
    return await console.redirect(_url(account),
                                  messages.STAFF_REACTIVATED.format(email=account.email))


@router.post("/consola/personal/{staff_id}/rol")
async def staff_role(console: Annotated[Console, page("personal.rol")], staff_id: Id,
                     rol: Annotated[str, Form(max_length=40)] = "") -> Response:
    """Give the account another role, once confirmed."""
    account = await _account(console, staff_id)
    name = ui.ROLE_NAMES.get(rol)
    if name is None or rol == account.role:
        error = messages.STAFF_ROLE_SAME if name else messages.STAFF_ROLE_UNKNOWN
        return await _detail(console, account, error=error, status=422)
    ask = Confirmation(messages.STAFF_ROLE_TITLE,
                       messages.STAFF_ROLE_QUESTION.format(email=account.email, role=name),
                       messages.STAFF_ROLE_CONSEQUENCE, messages.STAFF_ROLE_CONFIRM,
                       _url(account), danger=False)
    if (question := await ask_first(console, ask, keep=("rol",))) is not None:
        return question
    try:
        await staff_actions.change_role(console.db, staff_id, rol, console.staff)
    except DomainError as exc:
        await console.recover()
        return await _detail(console, await _account(console, staff_id), error=exc.message,
                             status=form_status(exc))
    return await console.redirect(_url(account), messages.STAFF_ROLE_CHANGED.format(
        email=account.email, role=name))


@router.post("/consola/personal/{staff_id}/clave")
async def staff_reset_password(console: Annotated[Console, page("personal.clave")],
                               staff_id: Id) -> Response:
    """Reset the password, once confirmed: the temporary one is shown on this page only."""
    account = await _account(console, staff_id)
    ask = Confirmation(messages.STAFF_RESET_TITLE,
                       messages.STAFF_RESET_QUESTION.format(email=account.email),
                       messages.STAFF_RESET_CONSEQUENCE, messages.STAFF_RESET_CONFIRM,
                       _url(account))
    if (question := await ask_first(console, ask)) is not None:
        return question
    try:
        account, password = await staff_actions.reset_password(console.db, staff_id,
                                                               console.staff)
    except DomainError as exc:
        await console.recover()
        return await _detail(console, await _account(console, staff_id), error=exc.message,
                             status=form_status(exc))
    await end_stale_sessions(console.db, account)
    response = await console.render("staff_password.html", account=account, password=password)
    response.headers["Cache-Control"] = "no-store"
    return response
