"""A measure over consecutive periods (the last weeks or months up to today), for the Inicio
trend cards: the provider's ``measure_series``, one statement with a row per period,
which the same provider's ``measure`` (what the report reads) is built on, so a trend never counts
differently from the report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from nucleo.report import Figures, Period, SeriesProvider


def last_weeks(today: date, count: int, tz: ZoneInfo) -> list[Period]:
    """``count`` weeks, Monday to Sunday, the last one being today's; oldest first."""
    monday = today - timedelta(days=today.weekday())
    return [Period(start, start + timedelta(days=6), tz)
            for start in (monday - timedelta(weeks=n) for n in range(count - 1, -1, -1))]


def last_months(today: date, count: int, tz: ZoneInfo) -> list[Period]:
    """``count`` calendar months, the last one being today's; oldest first."""
    periods = []
    first = today.replace(day=1)
    for _ in range(count):
        following = (first + timedelta(days=32)).replace(day=1)
        periods.append(Period(first, following - timedelta(days=1), tz))
        first = (first - timedelta(days=1)).replace(day=1)
    return periods[::-1]


def last_years(today: date, count: int, tz: ZoneInfo) -> list[Period]:
    """``count`` calendar years, the last one being today's; oldest first."""
    return [Period(date(year, 1, 1), date(year, 12, 31), tz)
            for year in range(today.year - count + 1, today.year + 1)]


def detail(label: str) -> Callable[[Figures], int]:
    """Pick one of a measure's details by its label (e.g. «Recibidas»)."""
    return lambda figures: dict(figures.details).get(label, 0)


def headline(figures: Figures) -> int:
    """Pick a measure's headline value."""
    return figures.value


async def series(session: AsyncSession, provider: SeriesProvider, periods: list[Period],
                 picks: tuple[Callable[[Figures], int], ...] = (headline,)
                 ) -> list[tuple[int, ...]]:
    """For each period, the picked figures of one measure."""
    return [tuple(pick(figures) for pick in picks)
            for figures in await provider.measure_series(session, periods)]
