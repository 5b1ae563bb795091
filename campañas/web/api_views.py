"""Response shapes of the campaigns API."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from campañas.models import Campaign, Piece
from campañas.schedule import WeeklyRule, parse_local_time, parse_timezone
from nucleo.ports import TEMPLATE_LANGUAGE


class ScheduleOut(BaseModel):
    kind: str | None
    send_at: datetime | None
    weekday: int | None
    time: str | None
    timezone: str
    description: str | None


class PieceOut(BaseModel):
    id: int
    position: int
    value: str
    phrase: str
    author: str | None
    caption_html: str
    image_generated: bool
    image_url: str | None
    buttons: list[dict[str, str]]
    whatsapp_template: WhatsAppTemplateOut | None = None  # its own; None: the campaign's


class WhatsAppTemplateOut(BaseModel):
    name: str
    language: str
    parameters: list[str]


class CampaignOut(BaseModel):
    id: int
    name: str
    kind: str
    value: str | None
    rotation: bool
    status: str
    audience: dict[str, Any]
    channels: list[str]
    schedule: ScheduleOut
    next_run: datetime | None
    created_at: datetime
    pieces: list[PieceOut]
    whatsapp_template: WhatsAppTemplateOut | None = None
    pause_reason: str | None = None


def piece_out(piece: Piece) -> PieceOut:
    return PieceOut(
        id=piece.id, position=piece.position, value=piece.value_key, phrase=piece.phrase,
        author=piece.author, caption_html=piece.caption_html,
        image_generated=piece.image_generated, buttons=list(piece.buttons or []),
        image_url=f"/api/v1/campaigns/{piece.campaign_id}/pieces/{piece.id}/image"
        if piece.has_image else None,
        whatsapp_template=WhatsAppTemplateOut(
            name=piece.whatsapp_template,
            language=piece.whatsapp_language or TEMPLATE_LANGUAGE,
            parameters=list(piece.whatsapp_parameters or []))
        if piece.whatsapp_template else None)


def campaign_out(campaign: Campaign, pieces: list[Piece], next_run: datetime | None) -> CampaignOut:
    description = None
    if campaign.schedule_kind == "weekly" and campaign.weekday is not None and campaign.local_time:
        rule = WeeklyRule(campaign.weekday, parse_local_time(campaign.local_time),
                          parse_timezone(campaign.timezone))
        description = rule.describe()
    elif campaign.send_at is not None:
        description = campaign.send_at.astimezone(parse_timezone(campaign.timezone)).isoformat()
    return CampaignOut(
        id=campaign.id, name=campaign.name, kind=campaign.kind, value=campaign.value_key, rotation=campaign.rotation,
        status=campaign.status, audience=dict(campaign.audience or {}),
        channels=list(campaign.channels or []),
        schedule=ScheduleOut(kind=campaign.schedule_kind, send_at=campaign.send_at,
                             weekday=campaign.weekday, time=campaign.local_time,
                             timezone=campaign.timezone, description=description),
        next_run=next_run, created_at=campaign.created_at,
        pieces=[piece_out(p) for p in pieces],
        whatsapp_template=WhatsAppTemplateOut(
            name=campaign.whatsapp_template,
            language=campaign.whatsapp_language or TEMPLATE_LANGUAGE,
            parameters=list(campaign.whatsapp_parameters or []))
        if campaign.whatsapp_template else None,
        pause_reason=campaign.pause_reason)
