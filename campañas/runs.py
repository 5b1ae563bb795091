"""Runs: which piece goes out when, turning a run into deliveries, and closing runs and
campaigns when nothing is left to send. Called by actions, the scheduler and the engine."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from campañas.audience import materialise
from campañas.models import Campaign, Delivery, Piece, Run
from campañas.schedule import WeeklyRule, parse_local_time, parse_timezone
from campañas.states import (
    CampaignEvent,
    CampaignKind,
    CampaignStatus,
    RunState,
    next_campaign_status,
)
from campañas.values import Value, ValueRegistry, WeeklyRotation
from nucleo.db import commit, rows_changed
from nucleo.formats import local_day
from nucleo.outbox import OPEN

WEEKLY = "weekly"
ONCE = "once"


async def unsent_pieces(session: AsyncSession, campaign_id: int) -> list[Piece]:
    """Pieces of the campaign that no run has taken yet, in order."""
    used = select(Run.piece_id).where(Run.campaign_id == campaign_id, Run.piece_id.is_not(None))
    rows = await session.scalars(
        select(Piece).where(Piece.campaign_id == campaign_id, Piece.id.not_in(used))
        .order_by(Piece.position, Piece.id))
    return list(rows)


async def weekly_queue(session: AsyncSession, campaign: Campaign) -> list[Piece]:
    """The pieces a weekly campaign may still send, in the order it takes them: the unsent ones;
    a rotating campaign then starts over with the pieces already sent, least recently sent
    first, so the value of the week keeps going out after the last piece."""
    pending = await unsent_pieces(session, campaign.id)
    if not campaign.rotation:
        return pending
    last_runs = dict((await session.execute(
        select(Run.piece_id, func.max(Run.id)).where(
            Run.campaign_id == campaign.id, Run.piece_id.is_not(None))
        .group_by(Run.piece_id))).all())
    sent = await session.scalars(select(Piece).where(
        Piece.campaign_id == campaign.id, Piece.id.in_(list(last_runs)))
        .order_by(Piece.position, Piece.id))
    return pending + sorted(sent, key=lambda piece: last_runs[piece.id])


def rotation_start(campaign: Campaign, when: datetime) -> datetime:
    """When a rotation's first week is: the week of the campaign's first weekly send (the
    first occurrence after it was scheduled), so week one carries the first piece's value
    even when scheduling happened the week before."""
    since = campaign.starts_at or when
    if campaign.weekday is None or campaign.local_time is None:
        return since
    rule = WeeklyRule(campaign.weekday, parse_local_time(campaign.local_time),
                      parse_timezone(campaign.timezone))
    return rule.next(since - timedelta(microseconds=1))


async def rotation_of(session: AsyncSession, campaign: Campaign, when: datetime,
                      tz: str) -> WeeklyRotation | None:
    """A rotating campaign's calendar: its pieces' values in order, one per week from the week
    of its first send (``when`` if it has not started); None without rotation or pieces."""
    if not campaign.rotation:
        return None
    every = await session.scalars(
        select(Piece.value_key).where(Piece.campaign_id == campaign.id)
        .order_by(Piece.position, Piece.id))
    registry = ValueRegistry()
    values = [registry.get(k) for k in dict.fromkeys(every) if k in registry]
    return WeeklyRotation(rotation_start(campaign, when).astimezone(ZoneInfo(tz)), values, tz) \
        if values else None


async def pick_pieces(session: AsyncSession, campaign: Campaign, when: datetime,
                      tz: str) -> list[Piece]:
    """The pieces a run at ``when`` sends: all unsent ones for a one-off campaign; for a
    weekly one the next piece of its queue, preferring the week's value in a rotation."""
    if campaign.schedule_kind != WEEKLY:
        return await unsent_pieces(session, campaign.id)
    queue = await weekly_queue(session, campaign)
    if not queue:
        return []
    rotation = await rotation_of(session, campaign, when, tz)
    return choose_weekly(queue, rotation.value_for(when) if rotation else None)


def choose_weekly(pending: list[Piece], week_value: Value | None) -> list[Piece]:
    """A weekly run's piece: the first queued one of the week's value, else the next queued."""
    for piece in pending:
        if week_value is not None and piece.value_key == week_value.key:
            return [piece]
    return pending[:1]


async def launch(session: AsyncSession, campaign: Campaign, scheduled_for: datetime,
                 now: datetime, tz: str) -> list[Run]:
    """Start runs at ``scheduled_for`` for the campaign's next piece(s) and create their
    deliveries; the campaign becomes en_curso (or finalizada if nothing is left). No commit."""
    pieces = await pick_pieces(session, campaign, scheduled_for, tz)
    if not pieces:
        campaign.status = next_campaign_status(campaign.status, CampaignEvent.FINISH).value
        return []
    campaign.status = next_campaign_status(campaign.status, CampaignEvent.START).value
    runs = []
    for piece in pieces:
        run = Run(campaign_id=campaign.id, piece_id=piece.id, scheduled_for=scheduled_for,
                  state=RunState.EN_CURSO.value, started_at=now)
        session.add(run)
        await session.flush()
        run.targeted = await materialise(session, run_id=run.id, piece_id=piece.id,
                                         spec=campaign.audience, channels=campaign.channels,
                                         now=now, today=local_day(now, ZoneInfo(tz)))
        runs.append(run)
    return runs


async def run_exists(session: AsyncSession, campaign_id: int, scheduled_for: datetime) -> bool:
    """Whether a run (sent or missed) is already recorded for this occurrence."""
    query = select(exists().where(Run.campaign_id == campaign_id,
                                  Run.scheduled_for == scheduled_for))
    return bool(await session.scalar(query))


async def record_missed(session: AsyncSession, campaign_id: int, scheduled_for: datetime,
                        now: datetime) -> Run | None:
    """Keep an occurrence that passed while the service was down (no piece is used)."""
    if await run_exists(session, campaign_id, scheduled_for):
        return None
    run = Run(campaign_id=campaign_id, piece_id=None, scheduled_for=scheduled_for,
              state=RunState.PERDIDA.value, missed=True, finished_at=now)
    session.add(run)
    return run


async def finish_done_runs(session: AsyncSession, now: datetime) -> list[int]:
    """Close the runs with nothing pending or in flight, then their campaigns; commits. An
    automatic reminder stays running while its window is open (joiners keep arriving and HR
    must be able to pause or cancel it): ``asset_reminders.close_past_windows`` closes it."""
    open_rows = exists().where(Delivery.run_id == Run.id, Delivery.state.in_(OPEN))
    reminders = select(Campaign.id).where(Campaign.kind == CampaignKind.RECORDATORIO.value)
    done = list(await session.scalars(
        select(Run).where(Run.state == RunState.EN_CURSO.value, ~open_rows,
                          Run.campaign_id.not_in(reminders))))
    for run in done:
        run.state = RunState.FINALIZADA.value
        run.finished_at = now
    for campaign_id in sorted({run.campaign_id for run in done}):
        await _close_campaign(session, campaign_id)
    await commit(session)
    return [run.id for run in done]


async def _close_campaign(session: AsyncSession, campaign_id: int) -> None:
    campaign = await session.get(Campaign, campaign_id)
    if campaign is None or campaign.status != CampaignStatus.EN_CURSO.value:
        return
    still = await session.scalar(select(exists().where(
        Run.campaign_id == campaign_id, Run.state == RunState.EN_CURSO.value)))
    if still:
        return
    left = await weekly_queue(session, campaign)
    event = CampaignEvent.RUN_DONE if campaign.schedule_kind == WEEKLY and left else \
        CampaignEvent.FINISH
    campaign.status = next_campaign_status(campaign.status, event).value


async def stop_runs(session: AsyncSession, campaign_id: int, *, from_state: RunState,
                    to_state: RunState, now: datetime | None = None) -> int:
    """Move the campaign's runs in one state to another (pause, resume, cancel)."""
    values: dict[str, object] = {"state": to_state.value}
    if now is not None:
        values["finished_at"] = now
    return await rows_changed(
        session, update(Run).where(Run.campaign_id == campaign_id, Run.state == from_state.value)
        .values(**values))
