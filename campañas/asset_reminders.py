"""The yearly asset-declaration reminders, automatic (#18): while the reminder window of a
declaration and year is open (``nucleo.asset_filings.reminder_window``, the one rule), everyone
pending gets one reminder through the delivery engine, whenever they become reachable.

Each declaration and year has one campaign of kind ``recordatorio`` (``origin`` =
``recordatorio:<declaración>:<año>``) with a text-only piece and its run per text (bienes y
rentas has a second one, «the deadline passed», for those reached after it), like the survey
invitations (``invitations.queue_invitation``): one row per person across the campaign's runs
makes it once per person and window, whatever the ticks, restarts or processes. The campaign scheduler runs ``tick``
every hour of the day and on start (the state is the database, nothing is kept in memory);
``remind_person`` does the same for one person the moment they link a chat (a joiner). HR
can pause or cancel a year's campaign in «Campañas»: then nothing more is added to it. The
campaign stays «en curso» while its window is open (the engine does not finish it when a
sweep's deliveries are out, so HR can always pause or cancel it); the first sweep after the
window closes, once nothing is pending, finishes it, and a finished campaign gets nothing more.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from campañas import messages as msg
from campañas.audience import EMAIL, PENDING_ASSETS, TELEGRAM, audience_filter, reachable
from campañas.effects import DELIVERIES_QUEUED
from campañas.invitations import find_invitation, queue_invitation
from campañas.models import Campaign, Delivery, Run
from campañas.states import CampaignEvent, CampaignKind, CampaignStatus, RunState, next_campaign_status
from nucleo import asset_filings
from nucleo.db import Database, signal
from nucleo.formats import date_text
from nucleo.models import Person
from nucleo.outbox import OPEN
from nucleo.settings import Settings

log = logging.getLogger(__name__)
ORIGIN = "recordatorio:{kind}:{year}"
PREFERENCE = (TELEGRAM, EMAIL)  # one channel per person: the chat first (WhatsApp needs a template)
LIVE = (CampaignStatus.EN_CURSO.value,)  # paused, cancelled or finished: nothing is added
DAY_HOURS = (8, 20)  # local hours in which the scheduled sweep queues reminders


def reminder_texts(kind: str, year: int, today: date) -> tuple[str, str]:
    """The reminder's phrase and text for ``kind`` and ``year``: the window and deadline of
    ``nucleo.asset_filings``, and that the deadline passed after it (bienes y rentas). The
    console's «Recordar a quienes faltan» form starts with the same ones."""
    words = {
        "year": year,
        "deadline": date_text(asset_filings.deadline(year)),
        "opens": date_text(asset_filings.window_opens(year)),
    }
    if kind == asset_filings.BIENES_RENTAS and today > asset_filings.deadline(year):
        return (
            msg.ASSETS_REMINDER_LATE_PHRASE.format(**words),
            msg.ASSETS_REMINDER_LATE_TEXT.format(**words),
        )
    return (msg.ASSETS_REMINDER_PHRASE[kind].format(**words), msg.ASSETS_REMINDER_TEXT[kind].format(**words))


async def open_windows(session: AsyncSession, today: date) -> list[tuple[str, int]]:
    """The (declaration, year) pairs whose reminder window is open on ``today``: this year's
    and last year's (HR may stretch a window into the next year to chase the late)."""
    found: list[tuple[str, int]] = []
    for year in (today.year - 1, today.year):
        for kind in asset_filings.KINDS:
            window = await asset_filings.reminder_window(session, year=year, kind=kind)
            if window.open_on(today):
                found.append((kind, year))
    return found


async def queue_reminders(
    session: AsyncSession,
    *,
    now: datetime,
    settings: Settings,
    channels: Collection[str],
    person_ids: Sequence[int] | None = None,
) -> int:
    """Queue the reminders of every open window to those pending and reachable (``person_ids``:
    only them), in the caller's transaction; returns the deliveries added. A window's campaign
    paused or cancelled by HR, or finished, gets nothing more; the sweep of everyone also
    finishes the campaigns of closed windows (``close_past_windows``)."""
    today = now.astimezone(settings.tz).date()
    windows = await open_windows(session, today)
    if person_ids is None:
        await close_past_windows(session, windows, now)
    ordered = [c for c in PREFERENCE if c in channels]
    if not ordered or person_ids == []:
        return 0
    added = 0
    for kind, year in windows:
        origin = ORIGIN.format(kind=kind, year=year)
        found = await find_invitation(session, origin)
        if found is not None and found[0].status not in LIVE:
            continue
        before = await _targeted(session, found[0].id) if found is not None else 0
        audience: dict[str, Any] = {"type": PENDING_ASSETS, "year": year, "declaracion": kind}
        if found is None and not await _anyone(session, audience, ordered, person_ids):
            continue  # no campaign for nobody (a Ley 2013 year nobody was marked for)
        phrase, text = reminder_texts(kind, year, today)
        run = await queue_invitation(
            session,
            origin=origin,
            title=phrase,
            text_html=text,
            buttons=[],
            person_ids=person_ids,
            now=now,
            timezone=settings.timezone,
            channels=ordered,
            kind=CampaignKind.RECORDATORIO,
            audience=audience,
            today=today,
            once_per_person=True,
            piece_per_text=True,  # the text after the deadline is another piece (and run)
            name=msg.ASSETS_REMINDER_AUTO_NAME.format(name=msg.ASSETS_REMINDER_NAME[kind].format(year=year)),
        )
        added += await _targeted(session, run.campaign_id) - before
    return added


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


async def _targeted(session: AsyncSession, campaign_id: int) -> int:
    """The deliveries the campaign's runs (one per text) have queued."""
    total = await session.scalar(select(func.sum(Run.targeted)).where(Run.campaign_id == campaign_id))
    return int(total or 0)


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
    ) -> None:
        self.db = db
        self.settings = settings
        self.channels = channels
        self.clock = clock

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
