"""The scheduler is rebuilt from the database: deterministic job ids, runs missed while down
fire inside the grace window or are recorded as missed, and jobs of changed or cancelled
campaigns do nothing. Time comes from an injectable clock."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import select

from campañas import actions
from campañas.effects import DELIVERIES_QUEUED
from campañas.models import Campaign, Run
from campañas.scheduler import CampaignScheduler, job_id
from nucleo.db import utcnow
from tests.campañas.conftest import NOW, add_people, campaign_with_pieces, settings_for


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
async def weekly(db, settings, telegram_double_unlimited):
    """A weekly campaign (Mondays 08:00 Bogotá = 13:00 UTC) scheduled the Sunday before NOW."""
    settings = settings_for(settings, telegram=telegram_double_unlimited)
    await add_people(db, 3)
    campaign_id = await campaign_with_pieces(db, settings, pieces=3)
    async with db.session() as session:
        await actions.schedule_campaign(
            session, settings=settings, campaign_id=campaign_id, now=NOW - timedelta(days=1),
            weekly={"weekday": 0, "time": "08:00", "timezone": "America/Bogota"})
    return campaign_id


def scheduler_at(db, clock, **kwargs) -> CampaignScheduler:
    scheduler = CampaignScheduler(db, timezone="America/Bogota", clock=clock, **kwargs)
    scheduler.scheduler.start(paused=True)
    return scheduler


async def runs_of(db, campaign_id):
    async with db.session() as session:
        return list(await session.scalars(
            select(Run).where(Run.campaign_id == campaign_id).order_by(Run.scheduled_for)))


async def test_rebuild_creates_one_job_with_a_deterministic_id(db, weekly):
    clock = Clock(NOW - timedelta(hours=1))
    scheduler = scheduler_at(db, clock)
    try:
        await scheduler.rebuild()
        await scheduler.rebuild()
        jobs = [j for j in scheduler.scheduler.get_jobs() if j.id.startswith("campaign:")]
        assert [j.id for j in jobs] == [job_id(weekly)] == [f"campaign:{weekly}:run"]
        job = jobs[0]
        assert job.misfire_grace_time == 7200 and job.coalesce
        assert job.trigger.timezone.key == "America/Bogota"
        assert job.kwargs == {"campaign_id": weekly, "version": 2}
        assert await runs_of(db, weekly) == []
    finally:
        await scheduler.stop()


async def test_missed_inside_grace_fires_on_return(db, weekly):
    fired: list[int] = []
    db.listen(DELIVERIES_QUEUED, lambda: fired.append(1))
    scheduler = scheduler_at(db, Clock(NOW + timedelta(minutes=90)))
    try:
        await scheduler.rebuild()
    finally:
        await scheduler.stop()
    (run,) = await runs_of(db, weekly)
    assert run.scheduled_for == NOW and not run.missed and run.targeted == 3
    assert fired == [1]


async def test_missed_outside_grace_is_recorded_not_sent(db, weekly):
    clock = Clock(NOW + timedelta(weeks=2, hours=3))  # down for two Mondays and 3 hours
    scheduler = scheduler_at(db, clock)
    try:
        await scheduler.rebuild()
        await scheduler.rebuild()
    finally:
        await scheduler.stop()
    runs = await runs_of(db, weekly)
    assert [(r.scheduled_for, r.missed, r.piece_id) for r in runs] == [
        (NOW, True, None), (NOW + timedelta(weeks=1), True, None),
        (NOW + timedelta(weeks=2), True, None)]


async def test_a_job_of_a_cancelled_or_changed_campaign_does_nothing(db, weekly):
    clock = Clock(NOW)
    scheduler = scheduler_at(db, clock)
    try:
        assert await scheduler.fire(weekly, version=1) == 0  # stale version
        async with db.session() as session:
            await actions.cancel(session, campaign_id=weekly, now=NOW)
        assert await scheduler.fire(weekly, version=3) == 0
        await scheduler.rebuild()
        assert scheduler.scheduler.get_job(job_id(weekly)) is None
    finally:
        await scheduler.stop()
    assert await runs_of(db, weekly) == []


async def test_a_job_fires_once_per_occurrence(db, weekly):
    scheduler = scheduler_at(db, Clock(NOW + timedelta(seconds=2)))
    try:
        assert await scheduler.fire(weekly, version=2) == 1
        assert await scheduler.fire(weekly, version=2) == 0
    finally:
        await scheduler.stop()
    assert len(await runs_of(db, weekly)) == 1
    async with db.session() as session:
        assert (await session.get(Campaign, weekly)).status == "en_curso"


async def test_one_off_job_really_fires_on_time(db, settings, telegram_double_unlimited):
    settings = settings_for(settings, telegram=telegram_double_unlimited)
    await add_people(db, 2)
    campaign_id = await campaign_with_pieces(db, settings)
    async with db.session() as session:
        await actions.schedule_campaign(session, settings=settings, campaign_id=campaign_id,
                                        now=utcnow(), send_at=utcnow() + timedelta(seconds=0.3))
    fired = asyncio.Event()
    db.listen(DELIVERIES_QUEUED, fired.set)
    scheduler = CampaignScheduler(db, timezone="America/Bogota")
    await scheduler.start()
    try:
        await asyncio.wait_for(fired.wait(), 5)
    finally:
        await scheduler.stop()
    (run,) = await runs_of(db, campaign_id)
    assert run.targeted == 2 and not run.missed
