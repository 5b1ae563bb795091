"""Staff authentication: OAuth2 password flow returning a bearer token."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel, Field

from nucleo import staff as staff_actions
from nucleo.security import issue_token
from nucleo.web.deps import ServicesDep, SessionDep, StaffDep
from nucleo.web.errors import error_responses

router = APIRouter(prefix="/api/v1/auth", tags=["autenticación"])


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


class StaffOut(BaseModel):
    id: int
    email: str
    full_name: str
    role: str

    model_config = {"from_attributes": True}


class PasswordChange(BaseModel):
    current_password: str = Field(max_length=1024)
    new_password: str = Field(max_length=1024)


def client_address(request: Request) -> str:
    """The client's address (uvicorn has already applied trusted proxies' headers)."""
    return request.client.host if request.client else "desconocido"


@router.post("/token", response_model=TokenOut, responses=error_responses(401, 429),
             summary="Obtener un token de acceso")
async def login(
    request: Request,
    services: ServicesDep,
    session: SessionDep,
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
) -> TokenOut:
    slot = await services.throttle.reserve(form.username, client_address(request))
    account = await staff_actions.authenticate(session, form.username, form.password)
    await slot.succeeded()
    settings = services.settings
    token = issue_token(services.signer, account.id, account.token_version)
    return TokenOut(access_token=token, expires_in=settings.token_minutes * 60)


@router.get("/me", response_model=StaffOut, summary="La cuenta del token")
async def me(staff: StaffDep) -> StaffDep:
    return staff


@router.post("/password", status_code=204, responses=error_responses(429),
             summary="Cambiar la contraseña")
async def change_password(request: Request, body: PasswordChange, staff: StaffDep,
                          services: ServicesDep, session: SessionDep) -> None:
    slot = await services.throttle.reserve(f"password:{staff.id}", client_address(request))
    account = await session.merge(staff)
    await staff_actions.change_password(session, account, body.current_password,
                                        body.new_password, entity=services.settings.entity_name)
    await slot.succeeded()
