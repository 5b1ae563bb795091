"""Personal: create staff accounts and deactivate them (admin)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from sqlalchemy import select
from starlette.responses import Response

from api.console import messages
from nucleo.web.console import messages as ui
from nucleo.web.console.context import Console, page
from nucleo.web.console.sessions import end_stale_sessions
from nucleo import staff as staff_actions
from nucleo.errors import DomainError, NotFound
from nucleo.models import Role, StaffAccount
from nucleo.security import MIN_PASSWORD_LENGTH

router = APIRouter(include_in_schema=False)


async def _view(console: Console, *, error: str | None = None, typed: dict[str, str] | None = None,
                status: int = 200) -> Response:
    accounts = list(await console.db.scalars(
        select(StaffAccount).order_by(StaffAccount.active.desc(), StaffAccount.email)))
    roles = [(r.value, ui.ROLE_NAMES[r.value]) for r in Role]
    return await console.render("staff.html", status=status, accounts=accounts, roles=roles,
                                error=error, typed=typed or {}, min_password=MIN_PASSWORD_LENGTH)


@router.get("/consola/personal")
async def staff_list(console: Annotated[Console, page("personal")]) -> Response:
    """Staff accounts and the form to create one."""
    console.only_params()
    return await _view(console)


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
    return await console.redirect("/consola/personal",
                                  messages.STAFF_CREATED.format(email=account.email))


@router.post("/consola/personal/{staff_id}/desactivar")
async def staff_deactivate(console: Annotated[Console, page("personal.desactivar")],
                           staff_id: int) -> Response:
    """Deactivate an account; its sessions end at once."""
    if staff_id == console.staff.id:
        return await console.redirect("/consola/personal", messages.STAFF_NOT_SELF)
    account = await console.db.get(StaffAccount, staff_id)
    if account is None:
        raise NotFound(ui.NOT_FOUND)
    await staff_actions.deactivate_staff(console.db, staff_id, console.staff)
    await end_stale_sessions(console.db, account)
    return await console.redirect("/consola/personal",
                                  messages.STAFF_DEACTIVATED.format(email=account.email))
