"""Campaign actions. Each one validates everything first, owns its transaction and commits
(``nucleo.db.commit``); bad input raises a domain error with a Spanish message and leaves nothing
half-created. Once committed, the scheduler's job is re-synced and the engine woken."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from campañas import messages as msg
from campañas.audience import (
    EMAIL,
    TELEGRAM,
    WHATSAPP,
    count_audience,
    materialise,
    parse_audience,
    parse_channels,
    window_closed,
)
from campañas.effects import CAMPAIGN_CHANGED, DELIVERIES_QUEUED
from campañas.models import Campaign, Delivery, Piece, Run
from campañas.pieces import add_piece, update_caption
from campañas.runs import ONCE, WEEKLY, launch, run_exists, stop_runs
from campañas.schedule import check_send_at, parse_weekly
from campañas.states import (
    CampaignEvent,
    CampaignKind,
    CampaignStatus,
    DeliveryState,
    RunState,
    next_campaign_status,
)
from campañas.values import ValueRegistry
from nucleo import audit
from nucleo.db import commit, signal
from nucleo.errors import Conflict, InvalidInput, NotFound
from nucleo.formats import local_day
from nucleo.models import StaffAccount
from nucleo.ports import WHATSAPP_ACCOUNT
from nucleo.services import Services
from nucleo.settings import Settings
from nucleo.text import clean_text

__all__ = ["add_piece", "cancel", "create_campaign", "get_campaign", "materialise", "pause",
           "resume", "schedule_campaign", "send_now", "set_channels", "update_caption"]
MAX_NAME = 200


def enabled_channels(settings: Settings, *, whatsapp: bool = False) -> set[str]:
    """The channels a service with these settings can send on (WhatsApp: when it has a
    WhatsApp account, which only its services know: see :func:`available_channels`)."""
    channels = set()
    if whatsapp:
        channels.add(WHATSAPP)
    if settings.telegram_enabled:
        channels.add(TELEGRAM)
    if settings.smtp_enabled:
        channels.add(EMAIL)
    return channels


def available_channels(services: Services) -> set[str]:
    """The channels this service can send on: its settings' and, when the wiring gave it a
    WhatsApp account (``VALOR_WHATSAPP_*``), WhatsApp."""
    return enabled_channels(services.settings,
                            whatsapp=services.get(WHATSAPP_ACCOUNT) is not None)


def _check_available(available: Collection[str], channels: list[str]) -> None:
    for channel in channels:
        if channel not in available:
            raise InvalidInput(msg.CHANNEL_UNAVAILABLE.format(channel=channel),
                               code="canal_no_configurado")


async def get_campaign(session: AsyncSession, campaign_id: int) -> Campaign:
    """The campaign, or NotFound."""
    campaign = await session.get(Campaign, campaign_id)
    if campaign is None:
        raise NotFound(msg.CAMPAIGN_NOT_FOUND.format(campaign_id=campaign_id))
    return campaign


async def create_campaign(session: AsyncSession, *, settings: Settings, name: object,
                          value: str | None = None, rotation: bool = False,
                          audience: object = None, channels: object = ("telegram",),
                          actor: StaffAccount | None = None,
                          registry: ValueRegistry | None = None,
                          today: date | None = None) -> Campaign:
    """Create a campaign in borrador. Its channels need not be chosen nor configured yet: HR
    may prepare campaigns first and choose them later (:func:`set_channels`); scheduling and
    sending refuse a campaign without channels or with one that is still missing. ``today``
    (the entity's local date) bounds the year of a «pendientes_bienes» audience."""
    title = clean_text(name) if isinstance(name, str) else ""
    if not title:
        raise InvalidInput(msg.CAMPAIGN_NAME_REQUIRED, code="nombre_requerido")
    if len(title) > MAX_NAME:
        raise InvalidInput(msg.CAMPAIGN_NAME_TOO_LONG.format(limit=MAX_NAME))
    value_key = None
    if value:
        try:
            value_key = (registry or ValueRegistry()).get(value).key
        except NotFound as exc:
            raise InvalidInput(exc.message, code="valor_desconocido") from None
    elif not rotation:
        raise InvalidInput(msg.CAMPAIGN_VALUE_OR_ROTATION, code="valor_requerido")
    chosen = parse_channels(list(channels) if isinstance(channels, tuple) else channels,
                            allow_none=True)
    spec = await parse_audience(session, audience, today=today)
    campaign = Campaign(name=title, value_key=value_key, rotation=bool(rotation),
                        status="borrador", audience=spec, channels=chosen,
                        timezone=settings.timezone, created_by=actor.id if actor else None)
    session.add(campaign)
    await session.flush()
    audit.record(session, actor, "campaign.created", target_type="campaign",
                 target_id=campaign.id, details={"audience": spec["type"], "channels": chosen})
    await commit(session)
    return campaign


async def duplicate_campaign(session: AsyncSession, *, campaign_id: int,
                             actor: StaffAccount | None = None) -> Campaign:
    """A new borrador with the campaign's value, audience, channels and pieces (images are
    shared: they are stored by content), without its schedule, runs or statistics."""
    source = await get_campaign(session, campaign_id)
    if source.kind != CampaignKind.VALOR.value:
        raise Conflict(msg.CAMPAIGN_DUPLICATE_KIND)
    name = msg.CAMPAIGN_COPY_NAME.format(name=source.name)
    if len(name) > MAX_NAME:
        name = name[:MAX_NAME - 1].rstrip() + "…"
    copy = Campaign(name=name, value_key=source.value_key, rotation=source.rotation,
                    status=CampaignStatus.BORRADOR.value, audience=dict(source.audience),
                    channels=list(source.channels), timezone=source.timezone,
                    whatsapp_template=source.whatsapp_template,
                    whatsapp_language=source.whatsapp_language,
                    whatsapp_parameters=list(source.whatsapp_parameters or []) or None,
                    created_by=actor.id if actor else None)
    session.add(copy)
    await session.flush()
    pieces = await session.scalars(select(Piece).where(Piece.campaign_id == source.id)
                                   .order_by(Piece.position, Piece.id))
    for piece in pieces:
        session.add(Piece(
            campaign_id=copy.id, position=piece.position, value_key=piece.value_key,
            phrase=piece.phrase, author=piece.author, caption_html=piece.caption_html,
            image_sha256=piece.image_sha256, image_path=piece.image_path,
            image_mime=piece.image_mime, image_generated=piece.image_generated,
            telegram_file_id=piece.telegram_file_id, whatsapp_media_id=piece.whatsapp_media_id,
            buttons=list(piece.buttons), whatsapp_template=piece.whatsapp_template,
            whatsapp_language=piece.whatsapp_language,
            whatsapp_parameters=list(piece.whatsapp_parameters or []) or None))
    audit.record(session, actor, "campaign.duplicated", target_type="campaign",
                 target_id=copy.id, details={"copy_of": source.id})
    await commit(session)
    return copy


async def set_channels(session: AsyncSession, *, campaign_id: int, channels: object,
                       actor: StaffAccount | None = None) -> Campaign:
    """Choose the channels of a campaign in borrador (none is allowed: a draft may wait for
    them). Whether they are configured is checked when it is scheduled or sent."""
    campaign = await get_campaign(session, campaign_id)
    if campaign.status != CampaignStatus.BORRADOR.value:
        raise Conflict(msg.CHANNELS_NOT_EDITABLE)
    chosen = parse_channels(channels, allow_none=True)
    if chosen != list(campaign.channels):
        campaign.channels = chosen
        campaign.version += 1
        audit.record(session, actor, "campaign.channels", target_type="campaign",
                     target_id=campaign.id, details={"channels": chosen})
    await commit(session)
    return campaign


async def _ready_to_send(session: AsyncSession, settings: Settings, campaign: Campaign,
                         available: Collection[str] | None, *,
                         on: datetime | None = None) -> None:
    """Refuse what could not send; ``on``: the moment of a one-off send, whose local day bounds
    a reminder audience to its window (the count is the send's)."""
    if not campaign.channels:
        raise InvalidInput(msg.CAMPAIGN_NO_CHANNELS, code="sin_canales")
    pieces = await session.scalar(
        select(func.count()).select_from(Piece).where(Piece.campaign_id == campaign.id))
    if not pieces:
        raise InvalidInput(msg.CAMPAIGN_NO_PIECES, code="sin_piezas")
    _check_available(enabled_channels(settings) if available is None else available,
                     campaign.channels)
    if WHATSAPP in campaign.channels and not campaign.whatsapp_template:
        raise InvalidInput(msg.WA_TEMPLATE_MISSING_FOR_SEND, code="sin_plantilla_whatsapp")
    day = local_day(on, settings.tz) if on is not None else None
    if await window_closed(session, campaign.audience, day):
        raise InvalidInput(msg.AUDIENCE_WINDOW_CLOSED, code="fuera_de_ventana")
    if await count_audience(session, campaign.audience, campaign.channels, on=day) == 0:
        raise InvalidInput(msg.AUDIENCE_EMPTY, code="audiencia_vacia")


async def schedule_campaign(session: AsyncSession, *, settings: Settings, campaign_id: int,
                            now: datetime, send_at: object = None,
                            weekly: dict[str, Any] | None = None,
                            actor: StaffAccount | None = None,
                            available: Collection[str] | None = None) -> Campaign:
    """Schedule a one-off send (``send_at``) or a weekly rule (weekday, time, timezone).
    ``available``: the service's channels (``available_channels``; None: the settings' alone,
    without WhatsApp)."""
    campaign = await get_campaign(session, campaign_id)
    new_status = next_campaign_status(campaign.status, CampaignEvent.SCHEDULE)
    if (send_at is None) == (weekly is None):
        raise InvalidInput(msg.SCHEDULE_REQUIRED, code="programacion_requerida")
    if send_at is not None:
        when = check_send_at(send_at, now)
        kind, weekday, local_time, tz = ONCE, None, None, campaign.timezone
    else:
        assert weekly is not None
        rule = parse_weekly(weekly.get("weekday"), weekly.get("time"), weekly.get("timezone"))
        kind, when, weekday, local_time, tz = WEEKLY, None, rule.weekday, rule.local_time, \
            rule.tz.key
    await _ready_to_send(session, settings, campaign, available, on=when)
    campaign.schedule_kind, campaign.send_at, campaign.weekday = kind, when, weekday
    campaign.local_time, campaign.timezone, campaign.starts_at = local_time, tz, now
    campaign.status = new_status.value
    campaign.version += 1
    audit.record(session, actor, "campaign.scheduled", target_type="campaign",
                 target_id=campaign.id, details={"kind": kind, "send_at": when and when.isoformat(),
                                                 "weekday": weekday, "time": local_time,
                                                 "timezone": tz})
    signal(session, CAMPAIGN_CHANGED, campaign.id)
    await commit(session)
    return campaign


async def send_now(session: AsyncSession, *, settings: Settings, campaign_id: int,
                   now: datetime, actor: StaffAccount | None = None,
                   available: Collection[str] | None = None) -> list[Run]:
    """Send the campaign's next piece (weekly) or all its unsent pieces now (``available``: as
    in ``schedule_campaign``)."""
    campaign = await get_campaign(session, campaign_id)
    next_campaign_status(campaign.status, CampaignEvent.START)
    await _ready_to_send(session, settings, campaign, available, on=now)
    runs = await launch(session, campaign, now, now, settings.timezone)
    if not runs:
        raise InvalidInput(msg.CAMPAIGN_NO_PIECES_LEFT, code="sin_piezas_pendientes")
    audit.record(session, actor, "campaign.sent_now", target_type="campaign",
                 target_id=campaign.id, details={"runs": [r.id for r in runs],
                                                 "targeted": sum(r.targeted for r in runs)})
    signal(session, CAMPAIGN_CHANGED, campaign.id)
    await commit(session)
    return runs


async def start_scheduled_run(session: AsyncSession, *, campaign_id: int, version: int | None,
                              scheduled_for: datetime, now: datetime, tz: str) -> list[Run]:
    """What a scheduler job does: reload the row; nothing if it was cancelled, paused,
    changed or already ran for this occurrence; otherwise launch and commit."""
    campaign = await session.get(Campaign, campaign_id)
    if campaign is None or (version is not None and campaign.version != version):
        return []
    if campaign.status not in ("programada", "en_curso") or campaign.schedule_kind is None:
        return []
    if await run_exists(session, campaign_id, scheduled_for):
        return []
    runs = await launch(session, campaign, scheduled_for, now, tz)
    if runs:
        signal(session, DELIVERIES_QUEUED)
    await commit(session)
    return runs


async def pause(session: AsyncSession, *, campaign_id: int,
                actor: StaffAccount | None = None) -> Campaign:
    """Stop claiming new deliveries; messages already in flight finish."""
    campaign = await get_campaign(session, campaign_id)
    await pause_in(session, campaign, actor=actor)
    await commit(session)
    return campaign


async def pause_in(session: AsyncSession, campaign: Campaign, *,
                   actor: StaffAccount | None = None, reason: str | None = None) -> None:
    """Pause ``campaign`` in the caller's transaction: its running runs stop, the scheduler
    re-syncs after the commit. ``reason`` (a channel that refuses it) is kept for HR and
    audited as that channel's pause."""
    campaign.status = next_campaign_status(campaign.status, CampaignEvent.PAUSE).value
    campaign.version += 1
    if reason is not None:
        campaign.pause_reason = reason[:300]
    await stop_runs(session, campaign.id, from_state=RunState.EN_CURSO,
                    to_state=RunState.PAUSADA)
    if reason is None:
        audit.record(session, actor, "campaign.paused", target_type="campaign",
                     target_id=campaign.id)
    else:
        audit.record(session, None, "campaign.paused_by_whatsapp", target_type="campaign",
                     target_id=campaign.id, summary=reason[:300])
    signal(session, CAMPAIGN_CHANGED, campaign.id)


async def resume(session: AsyncSession, *, settings: Settings, campaign_id: int, now: datetime,
                 actor: StaffAccount | None = None) -> Campaign:
    """Resume a paused campaign; a one-off whose time passed while paused is sent now."""
    campaign = await get_campaign(session, campaign_id)
    paused_runs = await session.scalar(select(func.count()).select_from(Run).where(
        Run.campaign_id == campaign_id, Run.state == RunState.PAUSADA.value))
    campaign.status = next_campaign_status(campaign.status, CampaignEvent.RESUME,
                                           running=bool(paused_runs)).value
    await stop_runs(session, campaign_id, from_state=RunState.PAUSADA, to_state=RunState.EN_CURSO)
    campaign.starts_at = now
    campaign.pause_reason = None  # HR acted on it (e.g. registered another template)
    campaign.version += 1
    if (campaign.status == "programada" and campaign.schedule_kind == ONCE
            and campaign.send_at is not None and campaign.send_at <= now
            and not await run_exists(session, campaign_id, campaign.send_at)):
        await launch(session, campaign, campaign.send_at, now, settings.timezone)
    audit.record(session, actor, "campaign.resumed", target_type="campaign", target_id=campaign_id)
    signal(session, CAMPAIGN_CHANGED, campaign_id)
    await commit(session)
    return campaign


async def cancel(session: AsyncSession, *, campaign_id: int, now: datetime,
                 actor: StaffAccount | None = None) -> Campaign:
    """Cancel for good: pending deliveries become cancelada, nothing more is sent."""
    campaign = await get_campaign(session, campaign_id)
    campaign.status = next_campaign_status(campaign.status, CampaignEvent.CANCEL).value
    campaign.version += 1
    for state in (RunState.EN_CURSO, RunState.PAUSADA):
        await stop_runs(session, campaign_id, from_state=state, to_state=RunState.CANCELADA,
                        now=now)
    runs = select(Run.id).where(Run.campaign_id == campaign_id)
    await session.execute(
        update(Delivery).where(Delivery.run_id.in_(runs),
                               Delivery.state == DeliveryState.PENDIENTE.value)
        .values(state=DeliveryState.CANCELADA.value))
    audit.record(session, actor, "campaign.cancelled", target_type="campaign",
                 target_id=campaign_id)
    signal(session, CAMPAIGN_CHANGED, campaign_id)
    await commit(session)
    return campaign
