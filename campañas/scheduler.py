"""The one APScheduler 3 ``AsyncIOScheduler`` of the service, rebuilt from the database.

The database is the source of truth: on start (and every ``refresh_every``) each scheduled
campaign gets one job with a deterministic id (``campaign:<id>:run``); jobs carry ids and the
campaign's version, reload the row and do nothing if it was cancelled, paused or changed. A run
missed while the service was down fires on return inside the grace window; older ones are
recorded as missed (``Run.missed``) and shown in the stats.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from campañas.actions import start_scheduled_run
from campañas.asset_reminders import DAY_HOURS, AssetReminders
from campañas.models import Campaign
from campañas.runs import ONCE, WEEKLY, record_missed, run_exists
from campañas.schedule import APS_WEEKDAYS, WeeklyRule, parse_local_time
from nucleo.db import Database, utcnow

log = logging.getLogger(__name__)
ACTIVE = ("programada", "en_curso")
ASSET_REMINDERS_JOB = "campaigns:asset-reminders"
MAX_MISSED_WEEKS = 60


def job_id(campaign_id: int) -> str:
    """The deterministic job id of a campaign's runs."""
    return f"campaign:{campaign_id}:run"


def weekly_rule(campaign: Campaign) -> WeeklyRule:
    """The campaign's stored weekly rule."""
    assert campaign.weekday is not None and campaign.local_time is not None
    return WeeklyRule(campaign.weekday, parse_local_time(campaign.local_time),
                      ZoneInfo(campaign.timezone))


class CampaignScheduler:
    """Schedules campaign runs; a started run wakes the engine after its commit
    (``start_scheduled_run`` signals it)."""

    name = "campaign-scheduler"

    def __init__(self, db: Database, *, timezone: str, clock: Callable[[], datetime] = utcnow,
                 grace: timedelta = timedelta(hours=2), refresh_every: float = 60.0,
                 asset_reminders: AssetReminders | None = None) -> None:
        """``asset_reminders``: the automatic asset-declaration reminders, queued on start and
        at minute 5 of every hour from 8:00 to 19:00 (local time)."""
        self.asset_reminders = asset_reminders
        self.db = db
        self.timezone = timezone
        self.clock = clock
        self.grace = grace
        self.refresh_every = refresh_every
        self.scheduler = AsyncIOScheduler(timezone=ZoneInfo(timezone))

    async def start(self) -> None:
        """Start the scheduler and rebuild every job from the database."""
        self.scheduler.start()
        await self.rebuild()
        self.scheduler.add_job(self.rebuild, "interval", seconds=self.refresh_every,
                               id="campaigns:refresh", replace_existing=True, coalesce=True,
                               max_instances=1, misfire_grace_time=int(self.refresh_every))
        if self.asset_reminders is not None:
            await self.asset_reminders.tick()
            self.scheduler.add_job(
                self.asset_reminders.tick, CronTrigger(hour=f"{DAY_HOURS[0]}-{DAY_HOURS[1] - 1}", minute=5,
                                                       timezone=ZoneInfo(self.timezone)),
                id=ASSET_REMINDERS_JOB, replace_existing=True, coalesce=True, max_instances=1,
                misfire_grace_time=3600, name="asset-declaration reminders")

    async def stop(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    async def rebuild(self) -> None:
        """Make the jobs match the database: catch up or record missed runs, then schedule."""
        async with self.db.session() as session:
            rows = list(await session.scalars(select(Campaign.id).where(Campaign.status.in_(ACTIVE))))
        wanted = {job_id(i) for i in rows}
        for job in self.scheduler.get_jobs():
            if job.id.startswith("campaign:") and job.id not in wanted:
                job.remove()
        for campaign_id in rows:
            await self.sync(campaign_id)

    async def sync(self, campaign_id: int) -> None:
        """Bring one campaign's job in line with its row (after an action changed it)."""
        async with self.db.transaction() as session:
            campaign = await session.get(Campaign, campaign_id)
            if campaign is None or campaign.status not in ACTIVE or not campaign.schedule_kind:
                self._remove(campaign_id)
                return
            version, kind = campaign.version, campaign.schedule_kind
            now = self.clock()
            due = await self._overdue(session, campaign, now)
            trigger = self._trigger(campaign, now)
        for scheduled_for in due:
            await self.fire(campaign_id, version, scheduled_for=scheduled_for)
        if trigger is None:
            self._remove(campaign_id)
            return
        self.scheduler.add_job(
            self.fire, trigger, id=job_id(campaign_id), replace_existing=True,
            kwargs={"campaign_id": campaign_id, "version": version},
            misfire_grace_time=int(self.grace.total_seconds()), coalesce=True, max_instances=1,
            name=f"{kind} campaign {campaign_id}",
        )

    def _remove(self, campaign_id: int) -> None:
        if self.scheduler.get_job(job_id(campaign_id)) is not None:
            self.scheduler.remove_job(job_id(campaign_id))

    def _trigger(self, campaign: Campaign, now: datetime) -> DateTrigger | CronTrigger | None:
        if campaign.schedule_kind == ONCE:
            if campaign.send_at is None or campaign.send_at <= now:
                return None
            return DateTrigger(run_date=campaign.send_at, timezone=ZoneInfo(campaign.timezone))
        rule = weekly_rule(campaign)
        return CronTrigger(day_of_week=APS_WEEKDAYS[rule.weekday], hour=rule.at.hour,
                           minute=rule.at.minute, timezone=rule.tz)

    async def _overdue(self, session, campaign: Campaign, now: datetime) -> list[datetime]:
        """Occurrences that passed without a run: the latest inside the grace window is
        returned to fire now; the others are recorded as missed."""
        since = campaign.starts_at or campaign.created_at
        if campaign.schedule_kind == ONCE:
            past = [campaign.send_at] if campaign.send_at and campaign.send_at <= now else []
        else:
            rule, past, moment = weekly_rule(campaign), [], now
            for _ in range(MAX_MISSED_WEEKS):
                moment = rule.previous(moment)
                if moment < since:
                    break
                past.append(moment)
                moment -= timedelta(seconds=1)
        due: list[datetime] = []
        for when in past:
            if await run_exists(session, campaign.id, when):
                break
            if now - when <= self.grace and not due:
                due.append(when)
            else:
                await record_missed(session, campaign.id, when, now)
        return due

    async def fire(self, campaign_id: int, version: int | None,
                   scheduled_for: datetime | None = None) -> int:
        """The job: reload the campaign and start its run for this occurrence (or nothing).
        Returns how many runs started."""
        now = self.clock()
        try:
            async with self.db.transaction() as session:
                campaign = await session.get(Campaign, campaign_id)
                if campaign is None or campaign.schedule_kind is None:
                    return 0
                if scheduled_for is None:
                    scheduled_for = campaign.send_at if campaign.schedule_kind == ONCE else \
                        weekly_rule(campaign).previous(now)
                if scheduled_for is None:
                    return 0
                runs = await start_scheduled_run(session, campaign_id=campaign_id, version=version,
                                                 scheduled_for=scheduled_for, now=now,
                                                 tz=self.timezone)
        except IntegrityError:
            log.info("campaign %s already ran for %s", campaign_id, scheduled_for)
            return 0
        if runs:
            log.info("campaign %s: %d run(s) started for %s", campaign_id, len(runs),
                     scheduled_for.isoformat())
        return len(runs)


__all__ = ["WEEKLY", "CampaignScheduler", "job_id"]
