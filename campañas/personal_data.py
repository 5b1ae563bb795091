"""The campaigns' /misdatos section: messages sent to the person, by channel."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from campañas import messages
from campañas.models import Delivery
from nucleo.outbox import OutboxState


async def section(session: AsyncSession, person_id: int, _tz: ZoneInfo) -> str:
    """«Mensajes de campañas recibidos: 3 por Telegram, 1 por correo» (0 when none)."""
    rows = (await session.execute(
        select(Delivery.channel, func.count()).where(
            Delivery.person_id == person_id, Delivery.state == OutboxState.ENVIADA.value)
        .group_by(Delivery.channel).order_by(Delivery.channel))).all()
    sent = ", ".join(messages.MY_DELIVERIES_BY.format(
        count=int(n), channel=messages.MY_DELIVERY_CHANNELS.get(str(c), messages.MY_DELIVERY_OTHER))
        for c, n in rows) or "0"
    return messages.MY_DELIVERIES.format(sent=sent)
