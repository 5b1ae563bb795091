"""What the campaign pages show: descriptions of a campaign and the detail page's values.
Reads only; every change goes through ``campañas.actions``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from markupsafe import Markup
from sqlalchemy import select
from starlette.responses import Response

from campañas.actions import available_channels, get_campaign
from campañas.asset_reminders import reminder_texts
from campañas.audience import EMAIL, PENDING_ASSETS, TELEGRAM, WHATSAPP
from campañas.captions import parse_telegram_html
from campañas.models import Campaign, Piece, Run
from campañas.pieces import MAX_PHRASE, THUMBNAIL_SIZES, ThumbnailSizes
from campañas.runs import WEEKLY
from campañas.runtime import get_runtime
from campañas.schedule import parse_local_time
from campañas.stats import campaign_stats
from campañas.values import ValueRegistry
from campañas.web import messages
from campañas.whatsapp_template import MAX_PARAMETERS
from nucleo import asset_filings
from nucleo import messages as nucleo_messages
from nucleo.directory.start_link import bot_start_url
from nucleo.formats import datetime_text, time_text, weekday, weekday_names
from nucleo.models import Department
from nucleo.ports import TEMPLATE_LANGUAGE
from nucleo.staff import telegram_link_parameter
from nucleo.web.console import charts
from nucleo.web.console import messages as ui
from nucleo.web.console.context import Console

OPEN = ("borrador", "programada", "en_curso", "pausada")
CHART_KEYS = ("sent", "failed", "blocked", "uncertain", "pending", "in_flight", "cancelled")
ALWAYS_SHOWN = ("targeted", "sent")  # the per-piece table's columns shown even when all zero


def value_name(key: str | None) -> str:
    registry = ValueRegistry()
    if key is None:
        return messages.ROTATION
    return registry.get(key).name if key in registry else key


def value_choices(with_rotation: bool) -> list[tuple[str, str]]:
    choices = [(v.key, v.name) for v in ValueRegistry()]
    return ([("rotacion", messages.ROTATION)] if with_rotation else []) + choices


def channel_choices(console: Console) -> list[tuple[str, str]]:
    """The configured channels a test send can use (the staff member's own Telegram chat or
    e-mail; staff accounts keep no WhatsApp number)."""
    return [(c, name) for c, name, ready in draft_channel_choices(console)
            if ready and c != WHATSAPP]


def draft_channel_choices(console: Console) -> list[tuple[str, str, bool]]:
    """Every channel with its name and whether it is configured (a draft may use either)."""
    enabled = available_channels(console.services)
    return [(c, messages.CHANNEL_NAMES[c], c in enabled) for c in (TELEGRAM, EMAIL, WHATSAPP)]


async def describe_audience(console: Console, spec: dict[str, Any]) -> str:
    kind = spec.get("type", "todos")
    if kind == "dependencia":
        names = await console.db.scalars(select(Department.name).where(
            Department.id.in_(spec.get("department_ids", []))).order_by(Department.name))
        return messages.AUDIENCE_DEPARTMENTS.format(names=", ".join(names))
    if kind == "tipo":
        return f"{messages.AUDIENCE_NAMES['tipo']}: {ui.KIND_NAMES.get(spec.get('kind'))}"
    if kind == PENDING_ASSETS:
        declaration = nucleo_messages.ASSET_KINDS.get(str(spec.get("declaracion")), "—")
        return messages.AUDIENCE_PENDING_ASSETS.format(declaration=declaration,
                                                       year=spec.get("year"))
    if kind == "lista":
        return messages.AUDIENCE_LIST_PEOPLE.format(n=len(spec.get("person_ids", [])))
    return messages.AUDIENCE_NAMES["todos"]


def describe_schedule(console: Console, campaign: Campaign) -> str:
    if campaign.schedule_kind == WEEKLY and campaign.weekday is not None:
        at = time_text(parse_local_time(campaign.local_time)) if campaign.local_time else "—"
        return messages.SCHEDULE_WEEKLY.format(weekday=weekday(campaign.weekday), time=at)
    if campaign.send_at is not None:
        return messages.SCHEDULE_ONCE.format(when=datetime_text(campaign.send_at,
                                                                console.services.settings.tz))
    return messages.NO_SCHEDULE


def caption_preview(markup: str) -> Markup:
    """The caption as people see it, rebuilt only from the validated Telegram HTML tokens."""
    return Markup(parse_telegram_html(markup).email_html())


def progress(totals: dict[str, int]) -> dict[str, int]:
    """Processed deliveries out of the targeted ones, for the progress bar."""
    pending = totals["pending"] + totals["in_flight"]
    return {"total": totals["targeted"], "done": totals["targeted"] - pending,
            "sent": totals["sent"], "failed": totals["failed"] + totals["uncertain"],
            "blocked": totals["blocked"], "pending": pending}


def _run_times(run: dict[str, Any]) -> dict[str, Any]:
    times = ("scheduled_for", "started_at", "finished_at")
    return {**run, **{k: datetime.fromisoformat(run[k]) if run[k] else None for k in times}}


def stat_keys(stats: dict[str, Any]) -> list[str]:
    """The per-piece table's count columns: recipients and sent, then only the states some
    delivery is in (so the table, with its reactions, fits a 1280-px screen)."""
    totals = stats["totals"]
    return [k for k in messages.STATS_KEYS if k in ALWAYS_SHOWN or totals.get(k)]


def stats_chart(stats: dict[str, Any]) -> Markup | None:
    totals = stats["totals"]
    parts = [(messages.STATS_KEYS[k], totals[k]) for k in CHART_KEYS if totals[k]]
    if not parts:
        return None
    return charts.stacked_bar(f"c-camp-{stats['campaign_id']}", messages.STATS_CHART, parts)


def reminder_piece(campaign: Campaign, pieces: list[Piece], today: date) -> dict[str, str]:
    """The piece form's starting texts for the first piece of a reminder to those who have
    not filed an asset declaration (the declarations' «Recordar a quienes faltan»): the year
    and the filing deadline of ``nucleo.asset_filings`` (that it passed, after ``today``).
    Nothing for any other campaign."""
    spec = campaign.audience or {}
    if pieces or spec.get("type") != PENDING_ASSETS or campaign.status not in OPEN:
        return {}
    kind = str(spec.get("declaracion") or asset_filings.BIENES_RENTAS)
    year = spec.get("year")
    if kind not in asset_filings.KINDS or not isinstance(year, int):
        return {}
    phrase, text = reminder_texts(kind, year, today)
    return {"frase": phrase, "texto": text}


THUMBNAIL_CSS = 240  # the thumbnails' box on the campaign page, in CSS pixels


async def thumbnail_sizes(console: Console, pieces: list[Piece]) -> dict[int, tuple[int, int]]:
    """Each piece thumbnail's width and height on the page, in CSS pixels: ``THUMBNAIL_CSS``
    wide (as the style sheet draws it) and as tall as its proportions say, from the kept copy's
    size (``ThumbnailSizes``: its header is read once per process); square for one not made yet
    (it is made when asked for)."""
    known = console.services.setdefault(
        THUMBNAIL_SIZES, lambda: ThumbnailSizes(console.services.settings))
    sizes = {}
    for piece in pieces:
        if not piece.has_image:
            continue
        width, height = await known.size(piece.image_sha256 or "") or (1, 1)
        sizes[piece.id] = (THUMBNAIL_CSS, max(1, round(THUMBNAIL_CSS * height / max(1, width))))
    return sizes


async def detail_view(console: Console, campaign_id: int, *, error: str | None = None,
                      typed: dict[str, Any] | None = None, status: int = 200) -> Response:
    """The campaign page, optionally with an error and what the person had typed."""
    campaign = await get_campaign(console.db, campaign_id)
    pieces = list(await console.db.scalars(select(Piece).where(
        Piece.campaign_id == campaign_id).order_by(Piece.position, Piece.id)))
    if typed is None:
        typed = reminder_piece(campaign, pieces, console.services.today())
    sent = set(await console.db.scalars(select(Run.piece_id).where(
        Run.campaign_id == campaign_id, Run.piece_id.is_not(None))))
    stats = await campaign_stats(console.db, campaign_id)
    names = {p.id: f"{p.position}. {value_name(p.value_key)}" for p in pieces}
    return await console.render(
        "campaigns_detail.html", status=status, error=error, campaign=campaign, pieces=pieces,
        template_language=TEMPLATE_LANGUAGE,
        sent=sent, stats=stats, progress=progress(stats["totals"]), chart=stats_chart(stats),
        stat_keys=stat_keys(stats),
        piece_names=names, value_name=value_name, thumbs=await thumbnail_sizes(console, pieces),
        phrase_limit=MAX_PHRASE, preview=caption_preview,
        audience=await describe_audience(console, campaign.audience),
        schedule=describe_schedule(console, campaign),
        next_run=get_runtime(console.services).next_run(campaign_id)
        if campaign.status in ("programada", "en_curso") else None,
        is_open=campaign.status in OPEN, values=value_choices(False),
        channels=channel_choices(console), draft_channels=draft_channel_choices(console),
        weekdays=list(enumerate(weekday_names())),
        typed=typed or {}, runs=[_run_times(r) for r in stats["runs"]],
        telegram_link=_telegram_link(console), wa_slots=MAX_PARAMETERS)


def _telegram_link(console: Console) -> str | None:
    """The t.me link that links the staff member's own chat for test sends (fresh, 30 min)."""
    username = console.services.settings.telegram_bot_username
    if not username or console.staff.telegram_chat_id is not None:
        return None
    return bot_start_url(username, telegram_link_parameter(console.services.signer,
                                                           console.staff))
