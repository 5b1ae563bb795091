"""FastAPI dependencies: services, sessions, the current staff member and role checks."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.ext.asyncio import AsyncSession

from nucleo import messages
from nucleo.errors import NotAuthenticated, PermissionDenied
from nucleo.models import Role, StaffAccount
from nucleo.security import TokenError, read_token
from nucleo.services import Services

TOKEN_URL = "/api/v1/auth/token"
_bearer = OAuth2PasswordBearer(tokenUrl=TOKEN_URL, auto_error=False)


def get_services(request: Request) -> Services:
    return request.app.state.services  # type: ignore[no-any-return]


ServicesDep = Annotated[Services, Depends(get_services)]


async def get_session(services: ServicesDep) -> AsyncIterator[AsyncSession]:
    async with services.db.session() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session)]


async def staff_from_token(services: Services, session: AsyncSession, token: str) -> StaffAccount:
    """Load the active staff account a bearer token names, or raise NotAuthenticated."""
    try:
        claims = read_token(services.settings.secret_key.get_secret_value(), token)
    except TokenError:
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
            return account  # type: ignore[no-any-return]
    raise NotAuthenticated(messages.NOT_AUTHENTICATED)


StaffDep = Annotated[StaffAccount, Depends(current_staff)]


def require_roles(*roles: Role) -> Callable[..., Coroutine[Any, Any, StaffAccount]]:
    """A dependency that lets only the given roles through (403 otherwise)."""
    allowed = {r.value for r in roles}

    async def check(staff: StaffDep) -> StaffAccount:
        if staff.role not in allowed:
            raise PermissionDenied(messages.FORBIDDEN_ROLE)
        return staff

    return check


AdminDep = Annotated[StaffAccount, Depends(require_roles(Role.ADMIN))]
HRWriterDep = Annotated[StaffAccount, Depends(require_roles(Role.ADMIN, Role.TALENTO_HUMANO))]
HRReaderDep = Annotated[
    StaffAccount, Depends(require_roles(Role.ADMIN, Role.TALENTO_HUMANO, Role.AUDITOR))
]
AdvisorDep = Annotated[
    StaffAccount, Depends(require_roles(Role.ADMIN, Role.TALENTO_HUMANO, Role.ASESOR))
]
AuditorDep = Annotated[StaffAccount, Depends(require_roles(Role.ADMIN, Role.AUDITOR))]
