"""The "valor de la semana" calendar for the coming weeks: for every weekly campaign still in
play, when each week's send goes out, which value it carries and which piece the scheduler will
pick (the same choice as ``runs.pick_pieces``). Read-only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from campañas.models import Campaign, Piece, Run
from campañas.runs import WEEKLY, choose_weekly, rotation_of, weekly_queue
from campañas.schedule import WeeklyRule, parse_local_time, parse_timezone
from campañas.values import Value, ValueRegistry, WeeklyRotation

ACTIVE = ("programada", "en_curso", "pausada")
MAX_WEEKS = 26


@dataclass(frozen=True)
class CalendarEntry:
    """One week of one campaign (``campaign_id`` None: the reference rotation of the Code)."""

    week_start: date
    value: Value | None
    campaign_id: int | None = None
    campaign_name: str | None = None
    send_at: datetime | None = None
    piece_id: int | None = None
    phrase: str | None = None
    state: str = "referencia"  # enviada | perdida | programada | pausada | sin_pieza | referencia

    @property
    def week_end(self) -> date:
        return self.week_start + timedelta(days=6)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


async def _campaign_weeks(session: AsyncSession, campaign: Campaign, first: date, weeks: int,
                          now: datetime, registry: ValueRegistry) -> list[CalendarEntry]:
    assert campaign.weekday is not None and campaign.local_time is not None
    rule = WeeklyRule(campaign.weekday, parse_local_time(campaign.local_time),
                      parse_timezone(campaign.timezone))
    rotation = await rotation_of(session, campaign, now, campaign.timezone)
    fixed = registry.get(campaign.value_key) \
        if campaign.value_key and campaign.value_key in registry else None
    queue = await weekly_queue(session, campaign)
    runs = {r.scheduled_for: r for r in await session.scalars(
        select(Run).where(Run.campaign_id == campaign.id))}
    pieces = {p.id: p for p in await session.scalars(
        select(Piece).where(Piece.campaign_id == campaign.id))}
    entries = []
    for offset in range(weeks):
        monday = first + timedelta(weeks=offset)
        when = rule.occurrence_on(monday + timedelta(days=rule.weekday))
        value = rotation.value_for(when) if rotation else fixed
        run = runs.get(when)
        if run is None and campaign.starts_at is not None and when < campaign.starts_at:
            continue  # the week's send time passed before the campaign was scheduled
        if run is not None or when <= now:
            piece = pieces.get(run.piece_id) if run and run.piece_id else None
            state = "enviada" if piece else "perdida"
        else:
            chosen = choose_weekly(queue, value)
            piece = chosen[0] if chosen else None
            if piece is not None:
                queue.remove(piece)
                if campaign.rotation:
                    queue.append(piece)  # a rotation sends it again once the others went
            state = "sin_pieza" if piece is None else (
                "pausada" if campaign.status == "pausada" else "programada")
        entries.append(CalendarEntry(monday, value, campaign.id, campaign.name, when,
                                     piece.id if piece else None, piece.phrase if piece else None,
                                     state))
    return entries


async def value_calendar(session: AsyncSession, *, now: datetime, tz: str,
                         weeks: int = 8, registry: ValueRegistry | None = None
                         ) -> list[CalendarEntry]:
    """The coming ``weeks`` (this one first) of every weekly campaign in play, by week; with
    none, the Code's values in their reference order from this week."""
    registry = registry or ValueRegistry()
    weeks = max(1, min(weeks, MAX_WEEKS))
    first = _monday(now.astimezone(parse_timezone(tz)).date())
    campaigns = list(await session.scalars(
        select(Campaign).where(Campaign.schedule_kind == WEEKLY, Campaign.status.in_(ACTIVE),
                               Campaign.weekday.is_not(None), Campaign.local_time.is_not(None))
        .order_by(Campaign.id)))
    entries: list[CalendarEntry] = []
    for campaign in campaigns:
        entries += await _campaign_weeks(session, campaign, first, weeks, now, registry)
    if not campaigns:
        reference = WeeklyRotation(first, list(registry), tz)
        entries = [CalendarEntry(monday, value) for monday, value in
                   reference.upcoming(first, weeks)]
    return sorted(entries, key=lambda e: (e.week_start, e.send_at or now, e.campaign_id or 0))
