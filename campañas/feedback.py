"""Reactions to the value of the week, per piece, for a period: read only, counts only.

A piece belongs to the period when its first run started in it (local dates, inclusive); all
its reactions count, whenever they were tapped. Survey invitations are another kind of campaign
and never appear here. Nothing about people leaves this module, only numbers.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from campañas.models import Campaign, Delivery, Piece, Reaction, Run
from campañas.senders.base import is_reaction
from campañas.states import CampaignKind, DeliveryState
from campañas.values import ValueRegistry
from nucleo.formats import local_day
from nucleo.ports import PieceReactions, ReactionSummary


def _bounds(since: date, until: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[since 00:00, the day after until 00:00) in the local time zone."""
    return (datetime.combine(since, time(0), tzinfo=tz),
            datetime.combine(until + timedelta(days=1), time(0), tzinfo=tz))


async def reaction_summary(session: AsyncSession, since: date, until: date, *, tz: ZoneInfo,
                           registry: ValueRegistry | None = None) -> ReactionSummary:
    """Per piece of the value of the week sent in the period: delivered, reacted, taps."""
    start, end = _bounds(since, until, tz)
    first = func.min(Run.started_at)
    chosen = {piece_id: started for piece_id, started in (await session.execute(
        select(Run.piece_id, first)  # pieces whose first run started in the period
        .join(Campaign, Campaign.id == Run.campaign_id)
        .where(Campaign.kind == CampaignKind.VALOR.value, Run.piece_id.is_not(None),
               Run.started_at.is_not(None))
        .group_by(Run.piece_id).having(first >= start, first < end))).all()
        if piece_id is not None and started is not None}
    if not chosen:
        return ReactionSummary(since, until)
    ids = list(chosen)
    rows = (await session.execute(
        select(Piece, Campaign.name).join(Campaign, Campaign.id == Piece.campaign_id)
        .where(Piece.id.in_(ids)))).all()
    delivered = dict((await session.execute(
        select(Delivery.piece_id, func.count(distinct(Delivery.person_id)))
        .where(Delivery.piece_id.in_(ids), Delivery.state == DeliveryState.ENVIADA.value)
        .group_by(Delivery.piece_id))).all())
    reacted = dict((await session.execute(
        select(Reaction.piece_id, func.count(distinct(Reaction.person_id)))
        .where(Reaction.piece_id.in_(ids)).group_by(Reaction.piece_id))).all())
    taps: dict[int, dict[str, int]] = defaultdict(dict)
    for piece_id, button, number in (await session.execute(
            select(Reaction.piece_id, Reaction.button, func.count())
            .where(Reaction.piece_id.in_(ids))
            .group_by(Reaction.piece_id, Reaction.button))).all():
        taps[piece_id][button] = number
    registry = registry or ValueRegistry()
    pieces = []
    for piece, campaign_name in rows:
        value = registry.get(piece.value_key).name if piece.value_key in registry else \
            piece.value_key
        buttons = tuple((b["label"], taps[piece.id].get(b["key"], 0))
                        for b in piece.buttons or [] if is_reaction(b))
        pieces.append(PieceReactions(
            piece_id=piece.id, campaign=campaign_name, value_key=piece.value_key, value=value,
            phrase=piece.phrase, sent_on=local_day(chosen[piece.id], tz),
            delivered=int(delivered.get(piece.id, 0)), reacted=int(reacted.get(piece.id, 0)),
            buttons=buttons))
    pieces.sort(key=lambda p: (p.sent_on or since, p.piece_id))
    return ReactionSummary(since, until, tuple(pieces))
