"""Log in, log out."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from api.console import messages
from api.routes.auth import client_address
from nucleo import staff as staff_actions
from nucleo.errors import NotAuthenticated, RateLimited
from nucleo.web import csrf
from nucleo.web.console import messages as ui
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import BadQuery, CsrfFailed
from nucleo.web.console.sessions import (
    COOKIE,
    create_session,
    end_session,
    resolve_session,
    set_cookie,
)
from nucleo.web.deps import ServicesDep, SessionDep

router = APIRouter(include_in_schema=False)
HOME = "/consola/"


def safe_next(value: str | None) -> str:
    """Only a console path may follow the login (no open redirect)."""
    if (not value or len(value) > 500 or not value.startswith("/consola")
            or value.startswith("//") or "\\" in value or not value.isprintable()):
        return HOME
    return value


def _login_page(request: Request, services: ServicesDep, *, status: int = 200,
                error: str | None = None, notice: str | None = None, email: str = "",
                next_url: str | None = None) -> Response:
    pre = request.cookies.get(csrf.PRE_COOKIE)
    if not pre or len(pre) > 64:
        pre = csrf.new_pre_session()
    response = request.app.state.console_renderer.html("login.html", {
        "console": None, "staff": None, "nav": [], "current": None, "flash": notice,
        "error": error, "csrf_field": csrf.FIELD,
        "login_token": csrf.login_token(services.signer, pre),
        "email": email[:254], "next": next_url if next_url != HOME else None,
    }, status)
    set_cookie(response, request, csrf.PRE_COOKIE, pre)
    return response


@router.get("/consola")
async def console_root() -> RedirectResponse:
    return RedirectResponse(HOME, status_code=307)


@router.get("/consola/entrar")
async def login_form(request: Request, services: ServicesDep, db: SessionDep) -> Response:
    """Show the login form (or go straight in with a live session)."""
    for name in request.query_params:
        if name not in ("siguiente", "salio"):
            raise BadQuery(ui.BAD_PARAM.format(name=name[:40]))
    next_url = safe_next(request.query_params.get("siguiente"))
    if await resolve_session(db, request.cookies.get(COOKIE), services.signer, services.clock()):
        return RedirectResponse(next_url, status_code=303)
    notice = messages.LOGGED_OUT if "salio" in request.query_params else None
    return _login_page(request, services, notice=notice, next_url=next_url)


@router.post("/consola/entrar")
async def login(
    request: Request,
    services: ServicesDep,
    db: SessionDep,
    correo: Annotated[str, Form(max_length=254)] = "",
    clave: Annotated[str, Form(max_length=1024)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Check the credentials (slowed down after failures) and open a session."""
    settings = services.settings
    if not csrf.login_token_ok(services.signer, request.cookies.get(csrf.PRE_COOKIE), csrf_token):
        raise CsrfFailed(ui.CSRF_INVALID)
    next_url = safe_next(request.query_params.get("siguiente"))
    try:
        # The slot is taken before the (slow) password check: parallel guesses cannot race it.
        slot = await services.throttle.reserve(correo, client_address(request))
        account = await staff_actions.authenticate(db, correo, clave, via="consola")
    except RateLimited as exc:
        response = _login_page(request, services, status=429, error=exc.message, email=correo,
                               next_url=next_url)
        response.headers["Retry-After"] = str(int(exc.retry_after))
        return response
    except NotAuthenticated as exc:
        return _login_page(request, services, status=401, error=exc.message, email=correo,
                           next_url=next_url)
    await slot.succeeded()
    lifetime = timedelta(minutes=settings.token_minutes)
    cookie = await create_session(db, account, services.signer, services.clock(), lifetime)
    response = RedirectResponse(next_url, status_code=303)
    set_cookie(response, request, COOKIE, cookie)
    response.delete_cookie(csrf.PRE_COOKIE, path="/")
    return response


@router.post("/consola/salir")
async def logout(console: Annotated[Console, page("salir")]) -> Response:
    """End this session."""
    await end_session(console.db, console.live.row)
    response = RedirectResponse("/consola/entrar?salio=1", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response
