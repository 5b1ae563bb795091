"""REST for deliveries «incierta»: list them, and resend or count as received (one or all)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from campañas import actions
from campañas.uncertain import MAX_LISTED, list_uncertain, resolve
from nucleo.models import StaffAccount
from nucleo.web.deps import ServicesDep, SessionDep, allow
from nucleo.web.ids import BodyId, Id

router = APIRouter(prefix="/api/v1", tags=["campañas"])


class UncertainOut(BaseModel):
    id: int
    person: str
    channel: str
    piece_position: int
    due_at: datetime


class UncertainListOut(BaseModel):
    total: int = Field(description="Entregas inciertas de la campaña")
    items: list[UncertainOut] = Field(description=f"Las primeras {MAX_LISTED}, las más antiguas primero")


class UncertainDecisionIn(BaseModel):
    model_config = {"extra": "forbid"}
    decision: Literal["reenviar", "recibida"] = Field(
        description="reenviar: vuelve a la cola (puede llegar dos veces); recibida: cuenta como enviada")
    delivery_id: BodyId | None = Field(default=None,
                                       description="Una entrega; sin ella, todas las inciertas")


class UncertainDecisionOut(BaseModel):
    changed: int


@router.get("/campaigns/{campaign_id}/uncertain", response_model=UncertainListOut,
            summary="Entregas inciertas (el envío se interrumpió; no se sabe si llegaron)")
async def get_uncertain(campaign_id: Id, _: Annotated[StaffAccount, allow("campanas")],
                        session: SessionDep) -> UncertainListOut:
    await actions.get_campaign(session, campaign_id)
    total, rows = await list_uncertain(session, campaign_id)
    return UncertainListOut(total=total, items=[UncertainOut(**vars(r)) for r in rows])


@router.post("/campaigns/{campaign_id}/uncertain", response_model=UncertainDecisionOut,
             summary="Reenviar o marcar como recibidas entregas inciertas")
async def post_uncertain(campaign_id: Id, body: UncertainDecisionIn,
                         staff: Annotated[StaffAccount, allow("campanas.control")],
                         session: SessionDep, services: ServicesDep) -> UncertainDecisionOut:
    changed = await resolve(session, campaign_id=campaign_id, decision=body.decision,
                            delivery_id=body.delivery_id, now=services.clock(), actor=staff)
    return UncertainDecisionOut(changed=changed)
