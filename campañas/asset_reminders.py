"""The yearly asset-declaration reminders, automatic (#18): while the reminder window of a
declaration and year is open (``nucleo.asset_filings.reminder_window``, the one rule), everyone
pending is reminded through the delivery engine, whenever they become reachable, and again every
``VALOR_ASSET_REMINDER_EVERY_DAYS`` days until they file, say «sin novedad» or leave.

Each declaration and year has one campaign of kind ``recordatorio`` (``origin`` =
``recordatorio:<declaración>:<año>``) with text-only pieces (the first text, the text «again»,
and for bienes y rentas both «the deadline passed») and one run per round and text
(``reminder_rounds``): one delivery per person and round, whatever the ticks, restarts or
processes. The campaign scheduler runs ``tick`` every hour of the day and on start (the state
is the database, nothing is kept in memory); ``remind_person`` queues round 1 for one person
the moment they link a chat or subscribe (a joiner: after that turn's commit, in a transaction
of its own), the later rounds wait for the day's sweep. HR can pause
or cancel a year's campaign in «Campañas»: then nothing more is added to it. The campaign stays
«en curso» while its window is open (the engine does not finish it when a sweep's deliveries
are out, so HR can always pause or cancel it); the first sweep after the window closes, once
nothing is pending, finishes it, and a finished campaign gets nothing more.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from campañas import messages as msg
from campañas import reminder_rounds as rounds
from campañas.audience import EMAIL, PENDING_ASSETS, TELEGRAM, WHATSAPP, audience_filter, reachable
from campañas.effects import DELIVERIES_QUEUED
from campañas.models import Campaign, Delivery, Run
from campañas.reminder_whatsapp import PARAMETERS as WA_PARAMETERS
from campañas.reminder_whatsapp import ReminderTemplate
from campañas.states import CampaignEvent, CampaignKind, CampaignStatus, RunState, next_campaign_status
from nucleo import asset_filings
from nucleo.asset_filings import ReminderWindow
from nucleo.db import Database, savepoint, signal
from nucleo.formats import date_text, local_day
from nucleo.models import Person
from nucleo.outbox import OPEN
from nucleo.settings import Settings

log = logging.getLogger(__name__)
ORIGIN = "recordatorio:{kind}:{year}"
# one channel per person: the chat first; WhatsApp only with the reminders' template (a
# person reached on nothing else stays pending without it)
PREFERENCE = (TELEGRAM, EMAIL, WHATSAPP)
LIVE = (CampaignStatus.EN_CURSO.value,)  # paused, cancelled or finished: nothing is added
DAY_HOURS = (8, 20)  # local hours in which the scheduled sweep queues reminders
# the unique keys another process may take while a window is queued: its campaign, a round's run
COLLISIONS = frozenset({"uq_campaigns_origin", "uq_campaign_runs_reminder_round"})


def text_kind(kind: str, year: int, today: date, *, again: bool = False) -> str:
    """Which of the reminder's texts (``reminder_rounds.TEXT_KINDS``) ``reminder_texts`` gives."""
    late = kind == asset_filings.BIENES_RENTAS and today > asset_filings.deadline(year)
    if late:
        return rounds.LATE_AGAIN if again else rounds.LATE
    return rounds.AGAIN if again else rounds.FIRST


def reminder_texts(kind: str, year: int, today: date, *, again: bool = False) -> tuple[str, str]:
    """The reminder's phrase and text for ``kind`` and ``year``: the window and deadline of
    ``nucleo.asset_filings``, and that the deadline passed after it (bienes y rentas); ``again``,
    a later round's, says it is written again. The console's «Recordar a quienes faltan» form
    starts with the first ones."""
    words = {
        "year": year,
        "deadline": date_text(asset_filings.deadline(year)),
        "opens": date_text(asset_filings.window_opens(year)),
    }
    if text_kind(kind, year, today) == rounds.LATE:
        phrase = msg.ASSETS_REMINDER_LATE_PHRASE.format(**words)
        text = msg.ASSETS_REMINDER_LATE_TEXT.format(**words)
    else:
        phrase = msg.ASSETS_REMINDER_PHRASE[kind].format(**words)
        text = msg.ASSETS_REMINDER_TEXT[kind].format(**words)
    if not again:
        return phrase, text
    title, _, body = text.partition("\n\n")
    return (msg.ASSETS_REMINDER_AGAIN_PHRASE.format(phrase=phrase),
            f"{title}\n\n{msg.ASSETS_REMINDER_AGAIN}{body}")


async def open_windows(session: AsyncSession, today: date) -> list[tuple[str, int]]:
    """The (declaration, year) pairs whose reminder window is open on ``today``: this year's
    and last year's (HR may stretch a window into the next year to chase the late)."""
    return [(kind, year) for kind, year, _window in await _open(session, today)]


async def _open(session: AsyncSession, today: date) -> list[tuple[str, int, ReminderWindow]]:
    found: list[tuple[str, int, ReminderWindow]] = []
    for year in (today.year - 1, today.year):
        for kind in asset_filings.KINDS:
            window = await asset_filings.reminder_window(session, year=year, kind=kind)
            if window.open_on(today):
                found.append((kind, year, window))
    return found


async def queue_reminders(
    session: AsyncSession,
    *,
    now: datetime,
    settings: Settings,
    channels: Collection[str],
    person_ids: Sequence[int] | None = None,
    whatsapp: ReminderTemplate | None = None,
) -> int:
    """Queue the reminders of every open window to those pending and reachable, in the
    caller's transaction; returns the deliveries added. The sweep of everyone (``person_ids``
    None) queues round 1 to whoever was never reminded and the next round to whoever is due
    again (``reminder_rounds``), and finishes the campaigns of closed windows
    (``close_past_windows``); ``person_ids`` (a joiner) gets only round 1. A window's campaign
    paused or cancelled by HR, or finished, gets nothing more. Two sweeps at once: the
    campaign's row lock (FOR NO KEY UPDATE) makes the second wait and find the first's rows;
    when both create the same campaign or round (``COLLISIONS``; any other integrity error is
    raised), the second's window is left to the next tick (a savepoint, PostgreSQL only). WhatsApp is
    one of the ``channels`` only with ``whatsapp``, the reminders' approved template."""
    today = local_day(now, settings.tz)
    windows = await _open(session, today)
    if person_ids is None:
        await close_past_windows(session, [(k, y) for k, y, _w in windows], now)
    ordered = [c for c in PREFERENCE if c in channels and (c != WHATSAPP or whatsapp)]
    if not ordered or person_ids == []:
        return 0
    added = 0
    for kind, year, window in windows:
        try:
            async with savepoint(session):  # nothing on SQLite: one writer, no such collision
                added += await _queue_window(session, kind=kind, year=year, window=window,
                                             now=now, today=today, settings=settings,
                                             channels=ordered, person_ids=person_ids,
                                             whatsapp=whatsapp)
        except IntegrityError as exc:
            if not _collision(exc):
                raise
            log.info("asset-declaration reminders: another process is queuing %s %d", kind, year)
    return added


async def _queue_window(session: AsyncSession, *, kind: str, year: int, window: ReminderWindow,
                        now: datetime, today: date, settings: Settings, channels: Sequence[str],
                        person_ids: Sequence[int] | None,
                        whatsapp: ReminderTemplate | None = None) -> int:
    """Round 1 (and, in the sweep, the later rounds) of one open window."""
    origin = ORIGIN.format(kind=kind, year=year)
    audience: dict[str, Any] = {"type": PENDING_ASSETS, "year": year, "declaracion": kind}
    campaign = await session.scalar(select(Campaign).where(Campaign.origin == origin)
                                    .with_for_update(key_share=True))
    if campaign is None:
        if not await _anyone(session, audience, channels, person_ids):
            return 0  # no campaign for nobody (a Ley 2013 year nobody was marked for)
        campaign = Campaign(
            name=msg.ASSETS_REMINDER_AUTO_NAME.format(name=msg.ASSETS_REMINDER_NAME[kind].format(year=year))[:200],
            kind=CampaignKind.RECORDATORIO.value, origin=origin, value_key=None, rotation=False,
            status=CampaignStatus.EN_CURSO.value, audience=audience, channels=list(channels),
            timezone=settings.timezone)
        session.add(campaign)
        await session.flush()
    elif campaign.status not in LIVE:
        return 0
    elif list(campaign.channels) != list(channels):
        campaign.channels = list(channels)  # e.g. SMTP set up after the window opened
    if whatsapp is not None:
        _use_template(campaign, whatsapp)
    phrase, text = reminder_texts(kind, year, today)
    first = await rounds.round_run(session, campaign, round_no=1, text_kind=text_kind(kind, year, today),
                                   title=phrase, text_html=text, now=now)
    added = await rounds.queue_round(session, first, spec=audience, channels=channels, now=now,
                                     today=today, person_ids=person_ids,
                                     condition=rounds.never_reminded(campaign.id))
    if person_ids is None:
        texts = {again: (text_kind(kind, year, today, again=again),
                         *reminder_texts(kind, year, today, again=again)) for again in (False, True)}
        deadline = asset_filings.deadline(year) if kind == asset_filings.BIENES_RENTAS else None
        before = rounds.due_before(
            today, every_days=settings.asset_reminder_every_days, tz=settings.tz,
            final_day=rounds.final_day(window, deadline, settings.asset_reminder_final_days),
            final_gap=settings.asset_reminder_final_gap,
            final_until=rounds.final_end(window, deadline))
        added += await rounds.queue_later_rounds(session, campaign, spec=audience, channels=channels,
                                                 now=now, today=today, before=before, texts=texts)
    return added


def _collision(exc: IntegrityError) -> bool:
    """Another process created this window's campaign or round right now (PostgreSQL names
    the key); any other integrity fault is a bug to raise."""
    cause = getattr(exc.orig, "__cause__", None)
    return getattr(cause, "constraint_name", None) in COLLISIONS


def _use_template(campaign: Campaign, template: ReminderTemplate) -> None:
    """The campaign goes out on WhatsApp as the reminders' template (set again when the
    service's setting changed)."""
    if (campaign.whatsapp_template, campaign.whatsapp_language) != (template.name, template.language):
        campaign.whatsapp_template = template.name
        campaign.whatsapp_language = template.language
        campaign.whatsapp_parameters = list(WA_PARAMETERS)


async def close_past_windows(
    session: AsyncSession, open_now: Collection[tuple[str, int]], now: datetime
) -> int:
    """Finish the running reminder campaigns whose window is no longer open (``open_now``)
    and that have nothing pending or in flight, with their runs; returns how many."""
    open_origins = {ORIGIN.format(kind=kind, year=year) for kind, year in open_now}
    open_rows = exists().where(
        Delivery.run_id == Run.id, Run.campaign_id == Campaign.id, Delivery.state.in_(OPEN)
    )
    campaigns = list(
        await session.scalars(
            select(Campaign).where(
                Campaign.kind == CampaignKind.RECORDATORIO.value,
                Campaign.status.in_(LIVE),
                Campaign.origin.not_in(open_origins),
                ~open_rows,
            )
        )
    )
    for campaign in campaigns:
        for run in await session.scalars(
            select(Run).where(Run.campaign_id == campaign.id, Run.state == RunState.EN_CURSO.value)
        ):
            run.state = RunState.FINALIZADA.value
            run.finished_at = now
        campaign.status = next_campaign_status(campaign.status, CampaignEvent.FINISH).value
    return len(campaigns)


async def _anyone(
    session: AsyncSession, audience: dict[str, Any], channels: Sequence[str], person_ids: Sequence[int] | None
) -> bool:
    """Whether someone of the audience (of ``person_ids``) is reachable on a channel."""
    condition = and_(audience_filter(audience), or_(*(reachable(c) for c in channels)))
    if person_ids is not None:
        condition = and_(condition, Person.id.in_(list(person_ids)))
    return bool(await session.scalar(select(exists().where(condition))))


class AssetReminders:
    """The scheduler's job and the joiners' hook: each call is its own transaction and wakes
    the delivery engine after the commit when it queued something."""

    def __init__(
        self,
        db: Database,
        *,
        settings: Callable[[], Settings],
        channels: Callable[[], Collection[str]],
        clock: Callable[[], datetime],
        whatsapp: Callable[[], ReminderTemplate | None] = lambda: None,
    ) -> None:
        self.db = db
        self.settings = settings
        self.channels = channels
        self.clock = clock
        self.whatsapp = whatsapp  # the reminders' WhatsApp template, when the service has one

    async def tick(self, person_ids: Sequence[int] | None = None) -> int:
        """Queue what is due now (everyone pending, or only ``person_ids``). The sweep of
        everyone happens only in the day's hours (a restart at night sends nothing then); a
        joiner, who just acted in the chat, is reminded at any hour."""
        local = self.clock().astimezone(self.settings().tz)
        if person_ids is None and not DAY_HOURS[0] <= local.hour < DAY_HOURS[1]:
            return 0
        try:
            async with self.db.transaction() as session:
                added = await queue_reminders(
                    session,
                    now=self.clock(),
                    settings=self.settings(),
                    channels=self.channels(),
                    person_ids=person_ids,
                    whatsapp=self.whatsapp(),
                )
                if added:
                    signal(session, DELIVERIES_QUEUED)
        except Exception as exc:  # never the traceback: its SQL parameters may name people
            log.error("asset-declaration reminders not queued (%s)", type(exc).__name__)
            return 0
        if added:
            log.info("asset-declaration reminders: %d queued", added)
        return added

    async def remind_person(self, person_id: int) -> int:
        """A person who just linked a chat (a joiner) gets the open windows' reminders now."""
        return await self.tick([person_id])
