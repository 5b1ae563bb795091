"""Deliveries «incierta»: in flight when their worker stopped, so nobody knows whether they
arrived. The engine never resends them by itself; HR sees them and decides, for one or all of a
campaign's: send again (the person may get it twice) or count it as received."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from campañas import messages as msg
from campañas.actions import get_campaign
from campañas.effects import DELIVERIES_QUEUED
from campañas.models import Delivery, Piece, Run
from campañas.states import CampaignStatus, DeliveryState
from campañas.store import DELIVERIES
from nucleo import audit
from nucleo.db import commit, signal
from nucleo.errors import Conflict, InvalidInput, NotFound
from nucleo.models import Person, StaffAccount
from nucleo.outbox import resolve_uncertain

MAX_LISTED = 200  # rows shown at once; the decision on «all» covers every one


class Decision(enum.StrEnum):
    RESEND = "reenviar"  # back to the queue, due now
    RECEIVED = "recibida"  # counts as sent: the person says it arrived


@dataclass(frozen=True)
class UncertainDelivery:
    id: int
    person: str
    channel: str
    piece_position: int
    due_at: datetime


async def list_uncertain(session: AsyncSession, campaign_id: int, *,
                         limit: int = MAX_LISTED) -> tuple[int, list[UncertainDelivery]]:
    """How many of the campaign's deliveries are «incierta», and the first ``limit`` of them
    (oldest first) with the person's name, the channel and the piece."""
    uncertain = (Run.campaign_id == campaign_id,
                 Delivery.state == DeliveryState.INCIERTA.value)
    total = await session.scalar(select(func.count()).select_from(Delivery)
                                 .join(Run, Run.id == Delivery.run_id).where(*uncertain))
    rows = await session.execute(
        select(Delivery.id, Person.full_name, Delivery.channel, Piece.position,
               Delivery.next_attempt_at)
        .join(Run, Run.id == Delivery.run_id).join(Person, Person.id == Delivery.person_id)
        .join(Piece, Piece.id == Delivery.piece_id)
        .where(*uncertain).order_by(Delivery.id).limit(limit))
    return int(total or 0), [
        UncertainDelivery(id=row.id, person=row.full_name or msg.NO_NAME, channel=row.channel,
                          piece_position=row.position, due_at=row.next_attempt_at)
        for row in rows]


async def resolve(session: AsyncSession, *, campaign_id: int, decision: object,
                  delivery_id: int | None, now: datetime,
                  actor: StaffAccount | None = None) -> int:
    """Resend, or count as received, one «incierta» delivery of the campaign (``delivery_id``)
    or all of them; commits and returns how many changed."""
    try:
        choice = Decision(str(decision))
    except ValueError:
        raise InvalidInput(msg.UNCERTAIN_BAD_DECISION, code="decision_invalida") from None
    campaign = await get_campaign(session, campaign_id)
    query = (select(Delivery.id).join(Run, Run.id == Delivery.run_id)
             .where(Run.campaign_id == campaign_id,
                    Delivery.state == DeliveryState.INCIERTA.value))
    if delivery_id is not None:
        query = query.where(Delivery.id == delivery_id)
    ids = list(await session.scalars(query))
    if not ids:
        if delivery_id is not None:
            raise NotFound(msg.UNCERTAIN_NOT_FOUND.format(delivery_id=delivery_id),
                           code="entrega_no_incierta")
        raise Conflict(msg.UNCERTAIN_NONE, code="sin_inciertas")
    resend = choice is Decision.RESEND
    if resend and campaign.status == CampaignStatus.CANCELADA.value:
        raise Conflict(msg.UNCERTAIN_CANCELLED, code="campana_cancelada")
    changed = await resolve_uncertain(session, DELIVERIES, ids, resend=resend, now=now,
                                      sent_column="sent_at")
    action = "campaign.uncertain_resent" if resend else "campaign.uncertain_received"
    audit.record(session, actor, action, target_type="campaign", target_id=campaign_id,
                 details={"deliveries": len(changed)})
    if resend:
        signal(session, DELIVERIES_QUEUED)
    await commit(session)
    return len(changed)
