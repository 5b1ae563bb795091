"""The WhatsApp template each piece goes out as (#20): the piece's own, when HR chose one for
it, or else its campaign's (``campañas.whatsapp_template``).

It is read with the deliveries themselves, in the claim (``DeliveryStore.claim``: the same
query that reads each claimed delivery's person and number), and travels on each ``OutgoingDelivery``: a template HR saves
reaches the next claimed message in every process (console and workers apart or not), and
nothing is cached. A claim is made about 0.1 s before its sends."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from campañas.models import Campaign, Piece
from campañas.reminder_whatsapp import template_values
from nucleo.ports import TEMPLATE_LANGUAGE


@dataclass(frozen=True)
class TemplatePlan:
    """What a piece needs to go out as its template."""

    campaign_id: int
    name: str
    language: str
    parameters: tuple[str, ...]
    phrase: str
    author: str | None
    # parameters only some campaigns have (the automatic reminders: declaracion, plazo)
    values: dict[str, str] = field(default_factory=dict)


# What the claim reads for a piece's plan, next to each claimed delivery (labels unique in the
# claim's query, which also reads the person).
PLAN_COLUMNS = (
    Piece.phrase.label("plan_phrase"), Piece.author.label("plan_author"),
    Piece.whatsapp_template.label("own_template"),
    Piece.whatsapp_language.label("own_language"),
    Piece.whatsapp_parameters.label("own_parameters"),
    Campaign.id.label("plan_campaign_id"),
    Campaign.whatsapp_template.label("campaign_template"),
    Campaign.whatsapp_language.label("campaign_language"),
    Campaign.whatsapp_parameters.label("campaign_parameters"),
    Campaign.origin.label("plan_origin"), Piece.reminder_text.label("plan_reminder_text"),
)


def plan_of(row: Any) -> TemplatePlan | None:
    """The plan of a row with ``PLAN_COLUMNS``: the piece's own template, else its
    campaign's; None when neither has one."""
    if row.own_template:
        name, language, parameters = row.own_template, row.own_language, row.own_parameters
    elif row.campaign_template:
        name, language, parameters = (row.campaign_template, row.campaign_language,
                                      row.campaign_parameters)
    else:
        return None
    return TemplatePlan(row.plan_campaign_id, name, language or TEMPLATE_LANGUAGE,
                        tuple(parameters or ()), row.plan_phrase, row.plan_author,
                        template_values(row.plan_origin, row.plan_reminder_text))

