"""The "valor de la semana" calendar for the coming weeks: for every weekly campaign still in
play, when each week's send goes out, which value it carries and which piece the scheduler will
pick (the same choice as ``runs.pick_pieces``). Read-only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from campañas.models import Campaign, Piece, Run
from campañas.runs import ONCE, WEEKLY, choose_weekly, rotation_of, weekly_queue
from campañas.schedule import WeeklyRule, parse_local_time, parse_timezone
from campañas.values import Value, ValueRegistry, WeeklyRotation
from nucleo.business_days import BusinessCalendar
from nucleo.formats import local_day

ACTIVE = ("programada", "en_curso", "pausada")
MAX_WEEKS = 26
MONTH_HORIZON_WEEKS = 60  # the month view projects weekly sends this far from this week
UPCOMING = ("programada", "pausada", "sin_pieza")
# a run's state as the calendar says it (a missed run is «perdida» whatever its state)
RUN_STATES = {"finalizada": "enviada", "en_curso": "en_curso", "pausada": "pausada",
              "cancelada": "cancelada", "perdida": "perdida"}


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


@dataclass(frozen=True)
class Projection:
    """The weekly campaigns in play and their weeks from ``first`` (a Monday) on, ``weeks``
    of them: computed once per page and read by both the weekly and the month calendar (the
    first n weeks of a longer projection are the projection of n weeks)."""

    first: date
    weeks: int
    campaigns: list[Campaign]
    entries: list[CalendarEntry]

    def until(self, weeks: int) -> list[CalendarEntry]:
        """The entries of the first ``weeks`` weeks."""
        if weeks > self.weeks:
            raise ValueError(f"projection of {self.weeks} weeks asked for {weeks}")
        end = self.first + timedelta(weeks=weeks)
        return [e for e in self.entries if e.week_start < end]


async def project(session: AsyncSession, first: date, weeks: int, now: datetime,
                  registry: ValueRegistry) -> Projection:
    """Every weekly campaign in play, week by week for ``weeks`` weeks from ``first``."""
    campaigns = list(await session.scalars(
        select(Campaign).where(Campaign.schedule_kind == WEEKLY, Campaign.status.in_(ACTIVE),
                               Campaign.weekday.is_not(None), Campaign.local_time.is_not(None))
        .order_by(Campaign.id)))
    entries: list[CalendarEntry] = []
    for campaign in campaigns:
        entries += await _campaign_weeks(session, campaign, first, weeks, now, registry)
    return Projection(first, weeks, campaigns, entries)


def this_monday(now: datetime, tz: str) -> date:
    """The Monday of ``now``'s week in ``tz``: where every projection starts."""
    return _monday(local_day(now, parse_timezone(tz)))


async def value_calendar(session: AsyncSession, *, now: datetime, tz: str,
                         weeks: int = 8, registry: ValueRegistry | None = None,
                         projection: Projection | None = None) -> list[CalendarEntry]:
    """The coming ``weeks`` (this one first) of every weekly campaign in play, by week; with
    none, the Code's values in their reference order from this week. ``projection``: one
    already made from this week for at least ``weeks`` weeks."""
    registry = registry or ValueRegistry()
    weeks = max(1, min(weeks, MAX_WEEKS))
    first = this_monday(now, tz)
    projection = projection or await project(session, first, weeks, now, registry)
    entries = projection.until(weeks)
    if not projection.campaigns:
        reference = WeeklyRotation(first, list(registry), tz)
        entries = [CalendarEntry(monday, value) for monday, value in
                   reference.upcoming(first, weeks)]
    return sorted(entries, key=lambda e: (e.week_start, e.send_at or now, e.campaign_id or 0))


@dataclass(frozen=True)
class MonthItem:
    """One send of one campaign on a day of the month view (sent, missed or still to come)."""

    at: datetime
    campaign_id: int
    campaign_name: str
    state: str
    phrase: str | None = None
    value: Value | None = None


@dataclass
class MonthDay:
    """One cell of the month view: a day, its holiday (by name) and its sends."""

    day: date
    in_month: bool
    holiday: str | None = None
    items: list[MonthItem] = field(default_factory=list)


@dataclass(frozen=True)
class MonthView:
    """A month as weeks (Monday first), with the days of the neighbouring months that fill
    its first and last weeks. ``horizon``: the last day weekly sends are projected to."""

    first: date
    weeks: list[list[MonthDay]]
    horizon: date

    @property
    def previous(self) -> date:
        return (self.first - timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> date:
        return (self.first + timedelta(days=32)).replace(day=1)

    @property
    def beyond_horizon(self) -> bool:
        return self.weeks[-1][-1].day > self.horizon


def _grid(first: date) -> tuple[date, date]:
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return _monday(first), last + timedelta(days=6 - last.weekday())


async def _sent(session: AsyncSession, low: datetime, high: datetime,
                registry: ValueRegistry) -> list[MonthItem]:
    rows = await session.execute(
        select(Run, Campaign.name, Piece.phrase, Piece.value_key)
        .join(Campaign, Campaign.id == Run.campaign_id)
        .outerjoin(Piece, Piece.id == Run.piece_id)
        .where(Run.scheduled_for >= low, Run.scheduled_for < high))
    return [MonthItem(run.scheduled_for, run.campaign_id, name,
                      "perdida" if run.missed else RUN_STATES.get(run.state, run.state), phrase,
                      registry.get(key) if key and key in registry else None)
            for run, name, phrase, key in rows]


async def _coming(session: AsyncSession, low: datetime, high: datetime, now: datetime,
                  projection: Projection, registry: ValueRegistry,
                  done: set[tuple[int, datetime]]) -> list[MonthItem]:
    """Weekly sends from this week on (the same choice as the weekly calendar) and one-off
    sends still to come, between ``low`` and ``high``."""
    items = [MonthItem(e.send_at, e.campaign_id, e.campaign_name or "", e.state, e.phrase,
                       e.value)
             for e in projection.entries if e.send_at is not None and e.campaign_id is not None
             and low <= e.send_at < high and e.state in UPCOMING]
    once = await session.scalars(select(Campaign).where(
        Campaign.schedule_kind == ONCE, Campaign.status.in_(ACTIVE),
        Campaign.send_at >= max(low, now), Campaign.send_at < high))
    for campaign in once:
        assert campaign.send_at is not None
        if (campaign.id, campaign.send_at) in done:
            continue
        value = registry.get(campaign.value_key) \
            if campaign.value_key and campaign.value_key in registry else None
        items.append(MonthItem(campaign.send_at, campaign.id, campaign.name,
                               "pausada" if campaign.status == "pausada" else "programada",
                               value=value))
    return items


def month_weeks(month: date, now: datetime, tz: str) -> int:
    """How many weeks from this week the month view of ``month`` projects (0: none, the month
    is over)."""
    zone = parse_timezone(tz)
    _start, end = _grid(month.replace(day=1))
    high = datetime.combine(end + timedelta(days=1), time(), zone).astimezone(UTC)
    this_week = _monday(local_day(now, zone))
    if high <= now or end < this_week:
        return 0
    return min((end - this_week).days // 7 + 1, MONTH_HORIZON_WEEKS)


async def month_calendar(session: AsyncSession, *, month: date, now: datetime, tz: str,
                         holidays: BusinessCalendar, registry: ValueRegistry | None = None,
                         projection: Projection | None = None) -> MonthView:
    """The month of ``month`` as weeks: each day with its holiday and the campaign sends on it
    (runs already made; weekly and one-off sends still to come, up to the horizon).
    ``projection``: one already made from this week for at least ``month_weeks`` weeks."""
    registry = registry or ValueRegistry()
    zone = parse_timezone(tz)
    first = month.replace(day=1)
    start, end = _grid(first)
    low = datetime.combine(start, time(), zone).astimezone(UTC)
    high = datetime.combine(end + timedelta(days=1), time(), zone).astimezone(UTC)
    this_week = _monday(local_day(now, zone))
    horizon = this_week + timedelta(weeks=MONTH_HORIZON_WEEKS) - timedelta(days=1)
    items = await _sent(session, low, high, registry)
    weeks = month_weeks(month, now, tz)
    if weeks:
        if projection is None or projection.weeks < weeks:
            projection = await project(session, this_week, weeks, now, registry)
        done = {(i.campaign_id, i.at) for i in items}
        items += await _coming(session, low, high, now, projection, registry, done)
    holiday_names = holidays.holidays_between(start, end)
    days = {start + timedelta(days=n): MonthDay(start + timedelta(days=n),
                                                 (start + timedelta(days=n)).month == first.month)
            for n in range((end - start).days + 1)}
    for day, name in holiday_names.items():
        days[day].holiday = name
    for item in sorted(items, key=lambda i: (i.at, i.campaign_id)):
        days[local_day(item.at, zone)].items.append(item)
    ordered = list(days.values())
    return MonthView(first, [ordered[n:n + 7] for n in range(0, len(ordered), 7)], horizon)


async def calendars(session: AsyncSession, *, now: datetime, tz: str, weeks: int, month: date,
                    holidays: BusinessCalendar, registry: ValueRegistry | None = None
                    ) -> tuple[list[CalendarEntry], MonthView]:
    """The calendar page: the coming ``weeks`` and the month of ``month``, from one weekly
    projection long enough for both."""
    registry = registry or ValueRegistry()
    weeks = max(1, min(weeks, MAX_WEEKS))
    projection = await project(session, this_monday(now, tz),
                               max(weeks, month_weeks(month, now, tz)), now, registry)
    return (await value_calendar(session, now=now, tz=tz, weeks=weeks, registry=registry,
                                 projection=projection),
            await month_calendar(session, month=month, now=now, tz=tz, holidays=holidays,
                                 registry=registry, projection=projection))
