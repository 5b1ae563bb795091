"""The WhatsApp template each piece goes out as (#20): the piece's own, when HR chose one for
it, or else its campaign's (``campañas.whatsapp_template``).

It is read with the deliveries themselves, in the claim (``DeliveryStore.claim``: one query
for the pieces of the batch), and travels on each ``OutgoingDelivery``: a template HR saves
reaches the next claimed message in every process (console and workers apart or not), and
nothing is cached. A claim is made about 0.1 s before its sends."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from campañas.models import Campaign, Piece

DEFAULT_LANGUAGE = "es"


@dataclass(frozen=True)
class TemplatePlan:
    """What a piece needs to go out as its template."""

    campaign_id: int
    name: str
    language: str
    parameters: tuple[str, ...]
    phrase: str
    author: str | None


async def plans_for(session: AsyncSession, piece_ids: Iterable[int]
                    ) -> dict[int, TemplatePlan | None]:
    """Piece id → its plan (None: neither the piece nor its campaign has a template)."""
    ids = sorted(set(piece_ids))
    if not ids:
        return {}
    rows = (await session.execute(
        select(Piece.id, Piece.phrase, Piece.author,
               Piece.whatsapp_template.label("own_template"),
               Piece.whatsapp_language.label("own_language"),
               Piece.whatsapp_parameters.label("own_parameters"),
               Campaign.id.label("campaign_id"), Campaign.whatsapp_template,
               Campaign.whatsapp_language, Campaign.whatsapp_parameters)
        .join(Campaign, Campaign.id == Piece.campaign_id).where(Piece.id.in_(ids)))).all()
    plans: dict[int, TemplatePlan | None] = {}
    for row in rows:
        if row.own_template:
            name, language, parameters = row.own_template, row.own_language, row.own_parameters
        elif row.whatsapp_template:
            name, language, parameters = (row.whatsapp_template, row.whatsapp_language,
                                          row.whatsapp_parameters)
        else:
            plans[row.id] = None
            continue
        plans[row.id] = TemplatePlan(row.campaign_id, name, language or DEFAULT_LANGUAGE,
                                     tuple(parameters or ()), row.phrase, row.author)
    return plans
