"""The per-request console context and the guard every console route depends on."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import HTMLResponse, RedirectResponse, Response

from nucleo.errors import DomainError, PermissionDenied
from nucleo.models import StaffAccount
from nucleo.services import Services
from nucleo.web import access, csrf
from nucleo.web.console import messages
from nucleo.web.console.errors import (
    BadQuery,
    CsrfFailed,
    FormReused,
    LoginRequired,
    PasswordChangeRequired,
    form_status,
)
from nucleo.web.console.rendering import Renderer
from nucleo.web.console.sessions import (
    COOKIE,
    LiveSession,
    consume_form,
    pop_flash,
    resolve_session,
    set_flash,
)
from nucleo.web.deps import ServicesDep, SessionDep

# What an account whose password an admin reset may still use before choosing a new one.
WHILE_RESET = frozenset({"cuenta", "cuenta.clave", "salir"})
T = TypeVar("T")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CROSS_SITE = frozenset({"cross-site", "same-site"})


@dataclass
class Console:
    """What a console page needs: who is asking, their session, the database, rendering."""

    request: Request
    services: Services
    db: AsyncSession
    live: LiveSession
    page: str

    @property
    def staff(self) -> StaffAccount:
        return self.live.staff

    @property
    def renderer(self) -> Renderer:
        return self.request.app.state.console_renderer

    def token(self) -> str:
        """A fresh one-time CSRF token for a form on the page being rendered."""
        return csrf.form_token(self.services.signer, self.live.row.csrf_secret)

    async def attempt(self, work: Callable[[], Awaitable[T]],
                      again: Callable[[str, int], Awaitable[Response]]) -> T | Response:
        """Run a route's action and return what it returns. On a ``DomainError`` (bad input,
        a conflict) roll back and reload the page's session (``recover``) and return
        ``again(reason, status)`` instead: the page or form shown again with the Spanish reason,
        409 for a conflict and 422 otherwise (``form_status``). The route returns a
        ``Response`` it gets as it is::

            row = await console.attempt(lambda: actions.create(console.db, ...),
                                        lambda error, status: form(console, error, status))
            if isinstance(row, Response):
                return row
        """
        try:
            return await work()
        except DomainError as exc:
            await self.recover()
            return await again(exc.message, form_status(exc))

    async def recover(self) -> None:
        """Roll back a failed action and reload what the page still needs."""
        await self.db.rollback()
        await self.db.refresh(self.live.row)
        await self.db.refresh(self.live.staff)

    def only_params(self, *names: str) -> None:
        """Refuse (400) any query parameter this page does not know."""
        for name in self.request.query_params:
            if name not in names:
                raise BadQuery(messages.BAD_PARAM.format(name=name[:40]))

    def can(self, page: str) -> bool:
        return access.allowed(page, self.staff.role)

    async def render(self, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        """Render a page with the layout's values (menu, notice, CSRF token factory)."""
        flash = await pop_flash(self.db, self.live.row) if self.request.method == "GET" else None
        values.setdefault("flash", flash)
        values.setdefault("error", None)
        return self.renderer.html(template, {
            "console": self, "staff": self.staff, "current": self.page,
            "nav": access.navigation(self.staff.role), "csrf_field": csrf.FIELD, **values,
        }, status)

    async def redirect(self, url: str, notice: str | None = None) -> RedirectResponse:
        """Post/redirect/get, with an optional notice for the next page."""
        if notice:
            await set_flash(self.db, self.live.row, notice)
        return RedirectResponse(url, status_code=303)


class PageGuard:
    """Dependency: a live session, a role allowed on ``page`` and, for unsafe methods, a valid
    one-time CSRF token from the same origin."""

    def __init__(self, page: str) -> None:
        if page not in access.PAGES:
            raise KeyError(f"console page {page!r} is not declared in nucleo.web.access.PAGES")
        self.page = page

    async def __call__(self, request: Request, services: ServicesDep,
                       db: SessionDep) -> Console:
        live = await resolve_session(db, request.cookies.get(COOKIE), services.signer,
                                     services.clock())
        if live is None:
            raise LoginRequired(messages.SESSION_ENDED)
        console = Console(request, services, db, live, self.page)
        request.state.console = console
        if not access.allowed(self.page, live.staff.role):
            raise PermissionDenied(messages.FORBIDDEN_ROLE)
        if live.staff.must_change_password and self.page not in WHILE_RESET:
            raise PasswordChangeRequired(messages.SESSION_ENDED)
        if request.method not in SAFE_METHODS:
            if request.headers.get("sec-fetch-site", "same-origin") in CROSS_SITE:
                raise CsrfFailed(messages.CSRF_INVALID)
            form = await request.form()
            nonce = csrf.token_nonce(services.signer, live.row.csrf_secret, form.get(csrf.FIELD))
            if nonce is None:
                raise CsrfFailed(messages.CSRF_INVALID)
            if not await consume_form(db, live.row, nonce):
                raise FormReused(messages.FORM_REUSED)
        return console


def page(key: str) -> Any:
    """``Annotated``-ready dependency for a route that belongs to page/action ``key``."""
    return Depends(PageGuard(key))
