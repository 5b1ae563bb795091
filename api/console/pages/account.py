"""Mi cuenta: who I am and the password change."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Form
from starlette.responses import RedirectResponse, Response

from api.console import messages
from nucleo import staff as staff_actions
from nucleo.errors import DomainError
from nucleo.security import MIN_PASSWORD_LENGTH
from nucleo.web.console.context import Console, page
from nucleo.web.console.sessions import COOKIE, create_session, end_stale_sessions, set_cookie

router = APIRouter(include_in_schema=False)


async def _view(console: Console, error: str | None = None, status: int = 200) -> Response:
    return await console.render("account.html", status=status, error=error,
                                min_password=MIN_PASSWORD_LENGTH)


@router.get("/consola/cuenta")
async def account(console: Annotated[Console, page("cuenta")]) -> Response:
    console.only_params()
    return await _view(console)


@router.post("/consola/cuenta/clave")
async def change_password(
    console: Annotated[Console, page("cuenta.clave")],
    actual: Annotated[str, Form(max_length=1024)] = "",
    nueva: Annotated[str, Form(max_length=1024)] = "",
    repetir: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    """Change the password; every other session ends and this one is renewed."""
    if nueva != repetir:
        return await _view(console, messages.PASSWORD_MISMATCH, 422)
    staff = console.staff
    try:
        await staff_actions.change_password(console.db, staff, actual, nueva,
                                            entity=console.services.settings.entity_name)
    except DomainError as exc:
        await console.recover()
        return await _view(console, exc.message, 422)
    await end_stale_sessions(console.db, staff)
    settings = console.services.settings
    cookie = await create_session(console.db, staff, console.services.signer,
                                  console.services.clock(),
                                  timedelta(minutes=settings.token_minutes),
                                  flash=messages.PASSWORD_CHANGED)
    response = RedirectResponse("/consola/cuenta", status_code=303)
    set_cookie(response, console.request, COOKIE, cookie)
    return response
