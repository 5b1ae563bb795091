"""The data of the Informe de la Política de Integridad for a period: the plan's figures at the
period's cut date and every registered measure, each with its source. Read only; the PDF and
the workbook (``informe.documents``) only lay this out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from informe import messages
from informe.actions import list_activities
from informe.models import PlanActivity
from informe.plan import Summary, measured_progress, planned_share, summarize
from nucleo.errors import InvalidInput
from nucleo.formats import local_day
from nucleo.report import Figures, MeasureProvider, MeasureRegistry, Period

MAX_DAYS = 366 * 3


@dataclass(frozen=True)
class MeasureResult:
    key: str
    label: str
    source: str
    unit: str
    figures: Figures


@dataclass(frozen=True)
class ActivityRow:
    id: int
    component: str
    name: str
    target: str
    owner: str
    starts_on: date
    ends_on: date
    planned: float
    progress: int
    how: str  # how the progress is known
    measure: str  # the linked measure's label and value, or ""
    done: str
    missing: str
    evidence: tuple[str, ...]


@dataclass
class Report:
    entity: str
    period: Period
    generated_at: datetime
    summary: Summary
    activities: list[ActivityRow] = field(default_factory=list)
    measures: list[MeasureResult] = field(default_factory=list)


def parse_period(since: str, until: str, tz: ZoneInfo) -> Period:
    """A period from two ISO dates, checked (Spanish messages)."""
    if not since.strip() or not until.strip():
        raise InvalidInput(messages.PERIOD_REQUIRED, details={"field": "desde"})
    dates = []
    for name, value in (("desde", since), ("hasta", until)):
        try:
            dates.append(date.fromisoformat(value.strip()))
        except ValueError:
            raise InvalidInput(messages.BAD_DATE.format(value=value.strip()[:20]),
                               details={"field": name}) from None
    start, end = dates
    if end < start:
        raise InvalidInput(messages.PERIOD_ORDER, details={"field": "hasta"})
    if (end - start).days + 1 > MAX_DAYS:
        raise InvalidInput(messages.PERIOD_TOO_LONG.format(n=MAX_DAYS),
                           details={"field": "hasta"})
    return Period(start, end, tz)


def percent_text(value: float | None) -> str:
    """«67 %» the Colombian way (comma decimals, a space before the sign)."""
    if value is None:
        return "—"
    text = f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{text} %"


def figure_text(figures: Figures) -> str:
    """«120 de 300 (40 %)» or the bare number without a base."""
    if figures.total:
        return f"{figures.value:,} de {figures.total:,} ({percent_text(figures.percent)})" \
            .replace(",", ".")
    return f"{figures.value:,}".replace(",", ".")


class MeasureCache:
    """Every measure read once per (key, dates, grouping) while one report is built."""

    def __init__(self, session: AsyncSession, registry: MeasureRegistry, tz: ZoneInfo) -> None:
        self.session, self.registry, self.tz = session, registry, tz
        self.seen: dict[tuple[str, date, date, bool], Figures] = {}

    async def get(self, provider: MeasureProvider, since: date, until: date,
                  groups: bool = False) -> Figures:
        key = (provider.key, since, until, groups)
        grouped = (provider.key, since, until, True)
        if not groups and grouped in self.seen:  # the figures per dependency include the total
            return self.seen[grouped]
        if key not in self.seen:
            self.seen[key] = await provider.measure(self.session, Period(since, until, self.tz),
                                                    groups)
        return self.seen[key]


async def activity_rows(session: AsyncSession, cache: MeasureCache,
                        activities: list[PlanActivity], cut: date) -> list[ActivityRow]:
    """Each activity with its planned share and progress at ``cut``."""
    rows = []
    for activity in activities:
        progress, how, shown = activity.progress, messages.REPORT_PROGRESS_MANUAL, ""
        provider = cache.registry.get(activity.measure_key) if activity.measure_key else None
        if provider is not None and activity.starts_on <= cut:
            until = min(activity.ends_on, cut)
            figures = await cache.get(provider, activity.starts_on, until)
            shown = f"{provider.label}: {figure_text(figures)}"
            if activity.goal_percent:
                progress = measured_progress(figures.percent, activity.goal_percent)
                how = messages.REPORT_PROGRESS_MEASURE.format(
                    measure=provider.label, value=percent_text(figures.percent),
                    goal=activity.goal_percent)
        evidence = tuple(e.note or e.file_name or "" for e in activity.evidence)
        rows.append(ActivityRow(
            activity.id, activity.component, activity.name, activity.target, activity.owner,
            activity.starts_on, activity.ends_on,
            round(planned_share(activity.starts_on, activity.ends_on, cut), 1), progress, how,
            shown, activity.done, activity.missing, evidence))
    return rows


async def plan_status(session: AsyncSession, registry: MeasureRegistry, tz: ZoneInfo,
                      cut: date, cache: MeasureCache | None = None,
                      ) -> tuple[Summary, list[ActivityRow]]:
    """The plan at a date: its overall figures and its activities (``cache``: one shared with
    a report built in the same request, so no measure is read twice)."""
    cache = cache or MeasureCache(session, registry, tz)
    rows = await activity_rows(session, cache, await list_activities(session), cut)
    return summarize([(r.starts_on, r.ends_on, r.progress) for r in rows], cut), rows


async def build_report(session: AsyncSession, registry: MeasureRegistry, *, period: Period,
                       now: datetime, entity: str, cache: MeasureCache | None = None) -> Report:
    """Everything the report shows for the period (the plan at the period's end, or today when
    the period has not ended). The period's figures per dependency are read first: an
    activity measured over the same dates then takes its total from them."""
    today = local_day(now, period.tz)
    cut = min(period.until, max(today, period.since))
    cache = cache or MeasureCache(session, registry, period.tz)
    measures = [MeasureResult(p.key, p.label, p.source, p.unit,
                              await cache.get(p, period.since, period.until, True))
                for p in registry]
    rows = await activity_rows(session, cache, await list_activities(session), cut)
    summary = summarize([(r.starts_on, r.ends_on, r.progress) for r in rows], cut)
    return Report(entity, period, now, summary, rows, measures)


def default_period(today: date) -> tuple[date, date]:
    """The year so far: from 1 January to today."""
    return date(today.year, 1, 1), today
