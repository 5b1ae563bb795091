"""FastAPI dependencies: services, sessions, the current staff member and permission checks."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.ext.asyncio import AsyncSession

from nucleo import messages
from nucleo.errors import InvalidToken, NotAuthenticated, PermissionDenied
from nucleo.models import StaffAccount
from nucleo.security import read_token
from nucleo.services import Services
from nucleo.web import access

TOKEN_URL = "/api/v1/auth/token"
_bearer = OAuth2PasswordBearer(tokenUrl=TOKEN_URL, auto_error=False)


def get_services(request: Request) -> Services:
    return request.app.state.services


ServicesDep = Annotated[Services, Depends(get_services)]


async def get_session(services: ServicesDep) -> AsyncIterator[AsyncSession]:
    async with services.db.session() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session)]


async def staff_from_token(services: Services, session: AsyncSession, token: str) -> StaffAccount:
    """Load the active staff account a bearer token names, or raise NotAuthenticated."""
    try:
        claims = read_token(services.signer, token, services.settings.token_minutes)
    except InvalidToken:
        raise NotAuthenticated(messages.TOKEN_INVALID) from None
    account = await session.get(StaffAccount, claims.staff_id)
    if account is None or not account.active or account.token_version != claims.token_version:
        raise NotAuthenticated(messages.TOKEN_INVALID)
    return account


async def current_staff(
    request: Request,
    services: ServicesDep,
    session: SessionDep,
    token: Annotated[str | None, Depends(_bearer)],
) -> StaffAccount:
    """The staff member behind the bearer token (or a console session, when one is set up)."""
    if token:
        return await staff_from_token(services, session, token)
    resolver = getattr(request.app.state, "session_staff_resolver", None)
    if resolver is not None:
        account = await resolver(request, session)
        if account is not None:
            return account
    raise NotAuthenticated(messages.NOT_AUTHENTICATED)


StaffDep = Annotated[StaffAccount, Depends(current_staff)]


class Permission:
    """Dependency: the current staff member, when the one table (``nucleo.web.access.PAGES``)
    lets their role use ``key``; 403 otherwise. The console's page guard reads the same table."""

    def __init__(self, key: str) -> None:
        if key not in access.PAGES:
            raise KeyError(f"permission {key!r} is not declared in nucleo.web.access.PAGES")
        self.key = key

    async def __call__(self, staff: StaffDep) -> StaffAccount:
        if not access.allowed(self.key, staff.role):
            raise PermissionDenied(messages.FORBIDDEN_ROLE)
        return staff


def allow(key: str) -> Any:
    """``Annotated[StaffAccount, allow("campanas.crear")]``: a route that needs permission ``key``."""
    return Depends(Permission(key))
