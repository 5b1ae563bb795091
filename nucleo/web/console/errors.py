"""Console errors and their Spanish HTML pages (the API keeps its JSON errors)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import RedirectResponse, Response

from nucleo.errors import Conflict, DomainError, NotAuthenticated, NotFound, PermissionDenied
from nucleo.logs import safe_path
from nucleo.web import access
from nucleo.web.console import messages
from nucleo.web.console.sessions import COOKIE
from nucleo.web.errors import status_for

log = logging.getLogger(__name__)
PREFIX = "/consola"
ACCOUNT = "/consola/cuenta"
Handler = Callable[[Request, Any], Awaitable[Response]]


class LoginRequired(NotAuthenticated):
    """No live console session: go to the login page."""


class PasswordChangeRequired(DomainError):
    """The account's password was reset: only «Mi cuenta» (and leaving) until it changes it."""

    code = "cambio_de_clave"


class CsrfFailed(PermissionDenied):
    code = "csrf"


class FormReused(Conflict):
    code = "formulario_repetido"


class BadQuery(DomainError):
    code = "parametro_no_permitido"


def is_console(request: Request) -> bool:
    path = request.url.path
    return path == PREFIX or path.startswith(PREFIX + "/")


def error_page(request: Request, status: int, title: str, message: str,
               details: list[str] | None = None) -> Response:
    """The Spanish error page, inside the layout when the session is known."""
    renderer = request.app.state.console_renderer
    console = getattr(request.state, "console", None)
    values = {"title": title, "message": message, "details": details or [], "status": status,
              "csrf_field": "csrf_token"}
    if console is not None:
        values.update(console=console, staff=console.staff, current=None, flash=None, error=None,
                      nav=access.navigation(console.staff.role))
    else:
        values.update(console=None, staff=None, current=None, nav=[], flash=None, error=None)
    return renderer.html("error.html", values, status)


def login_redirect(request: Request) -> Response:
    """Send the browser to the login page, remembering where it was going (same site only)."""
    target = request.url.path
    if request.url.query:
        target += "?" + request.url.query
    url = "/consola/entrar"
    if request.method == "GET" and target not in ("/consola", "/consola/"):
        url += "?siguiente=" + quote(target, safe="")
    response = RedirectResponse(url, status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


def _domain_page(request: Request, exc: DomainError) -> Response:
    if isinstance(exc, LoginRequired):
        return login_redirect(request)
    if isinstance(exc, PasswordChangeRequired):
        return RedirectResponse(ACCOUNT, status_code=303)
    if isinstance(exc, CsrfFailed):
        return error_page(request, 403, messages.CSRF_TITLE, exc.message)
    if isinstance(exc, PermissionDenied):
        return error_page(request, 403, messages.FORBIDDEN_TITLE, exc.message)
    if isinstance(exc, FormReused):
        return error_page(request, 409, messages.FORM_REUSED_TITLE, exc.message)
    if isinstance(exc, NotFound):
        return error_page(request, 404, messages.NOT_FOUND_TITLE, exc.message)
    return error_page(request, 400, messages.BAD_REQUEST_TITLE, exc.message)


def install_console_errors(app: FastAPI) -> None:
    """Wrap the API's handlers: console paths get HTML pages, every other path keeps JSON."""
    previous: dict[Any, Handler] = dict(app.exception_handlers)

    def wrap(kind: Any, console_page: Callable[[Request, Any], Response]) -> None:
        fallback = previous.get(kind)

        async def handler(request: Request, exc: Any) -> Response:
            if is_console(request):
                return console_page(request, exc)
            if fallback is None:
                raise exc
            return await fallback(request, exc)

        app.exception_handlers[kind] = handler

    def http_page(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return error_page(request, 404, messages.NOT_FOUND_TITLE, messages.NOT_FOUND)
        return error_page(request, exc.status_code, messages.BAD_REQUEST_TITLE, str(exc.detail))

    def validation_page(request: Request, exc: RequestValidationError) -> Response:
        names = sorted({str(e.get("loc", ("", ""))[-1]) for e in exc.errors()[:20]})
        details = [messages.BAD_VALUE.format(name=n) for n in names]
        return error_page(request, 400, messages.BAD_REQUEST_TITLE, details[0] if details
                          else messages.BAD_REQUEST_TITLE, details[1:])

    def unexpected_page(request: Request, exc: Exception) -> Response:
        log.error("console error on %s %s: %s", request.method, safe_path(request.url.path),
                  type(exc).__name__, exc_info=exc)
        return error_page(request, 500, messages.SERVER_ERROR_TITLE, messages.SERVER_ERROR)

    wrap(DomainError, _domain_page)
    wrap(StarletteHTTPException, http_page)
    wrap(RequestValidationError, validation_page)
    wrap(Exception, unexpected_page)


def form_status(exc: DomainError | ValidationError) -> int:
    """The status of a page shown again with the reason a form was refused: 409 when the action
    conflicts with the current state (``nucleo.web.errors.STATUS``), otherwise 422 (the input, including
    a reference to something that does not exist)."""
    return 409 if status_for(exc) == 409 else 422
