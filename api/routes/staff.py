"""Staff accounts (admin only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import select

from api.routes.auth import StaffOut
from nucleo import staff as staff_actions
from nucleo.models import Role, StaffAccount
from nucleo.web.deps import ServicesDep, SessionDep, allow
from nucleo.web.ids import Id

router = APIRouter(prefix="/api/v1/staff", tags=["personal"])


class StaffIn(BaseModel):
    email: str = Field(max_length=254)
    full_name: str = Field(min_length=1, max_length=200)
    role: Role
    password: str = Field(max_length=1024)


class StaffListItem(StaffOut):
    active: bool


@router.post("", response_model=StaffOut, status_code=201, summary="Crear una cuenta")
async def create(body: StaffIn, admin: Annotated[StaffAccount, allow("personal.crear")],
                 services: ServicesDep, session: SessionDep) -> StaffAccount:
    return await staff_actions.create_staff(
        session, email=body.email, full_name=body.full_name, role=body.role.value,
        password=body.password, actor=admin, entity=services.settings.entity_name)


@router.get("", response_model=list[StaffListItem], summary="Listar cuentas")
async def list_staff(_admin: Annotated[StaffAccount, allow("personal")],
                     session: SessionDep) -> list[StaffAccount]:
    return list(await session.scalars(select(StaffAccount).order_by(StaffAccount.email)))


@router.delete("/{staff_id}", status_code=204, summary="Desactivar una cuenta")
async def deactivate(staff_id: Id, admin: Annotated[StaffAccount, allow("personal.desactivar")],
                     session: SessionDep) -> None:
    await staff_actions.deactivate_staff(session, staff_id, admin)
