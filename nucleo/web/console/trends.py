"""Inicio trend cards: one measure of the report (``nucleo.report``) over the last weeks or
months, as columns with the figures in a table. Every date comes from the injected clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from nucleo.formats import (
    date_range_text,
    month_text,
    number,
    short_date_text,
    short_month_text,
)
from nucleo.report import Figures, Period, SeriesProvider
from nucleo.report.trends import last_months, last_weeks, last_years, series
from nucleo.web.console import charts
from nucleo.web.console import messages as ui
from nucleo.web.console.cards import Card
from nucleo.web.console.context import Console

WEEKS = 12
MONTHS = 12
YEARS = 5


@dataclass(frozen=True)
class Trend:
    """What one trend card shows: a measure, the figures picked from it (one column each) and
    whether it counts by week, by month or (``yearly``: a yearly stock such as the bienes y
    rentas compliance) by year."""

    chart_id: str
    title: str
    provider: SeriesProvider
    picks: tuple[tuple[str, Callable[[Figures], int]], ...]
    monthly: bool = False
    yearly: bool = False


def _periods(console: Console, trend: Trend) -> list[Period]:
    tz = console.services.settings.tz
    today = console.services.today()
    if trend.yearly:
        return last_years(today, YEARS, tz)
    return last_months(today, MONTHS, tz) if trend.monthly else last_weeks(today, WEEKS, tz)


def _labels(trend: Trend, periods: list[Period]) -> tuple[list[str], list[str], str]:
    """(short labels, full labels, the notice when everything is 0)."""
    if trend.yearly:
        years = [str(p.since.year) for p in periods]
        return years, years, ui.TREND_EMPTY_YEARS
    if trend.monthly:
        return ([short_month_text(p.since) for p in periods],
                [month_text(p.since) for p in periods], ui.TREND_EMPTY_MONTHS)
    return ([short_date_text(p.since) for p in periods],
            [date_range_text(p.since, p.until) for p in periods], ui.TREND_EMPTY_WEEKS)


async def trend_card(console: Console, trend: Trend,
                     link: tuple[str, str] | None = None) -> Card:
    """The card: columns oldest first, the same figures in a table, a notice when all are 0."""
    periods = _periods(console, trend)
    title = trend.title.format(n=len(periods))
    values = await series(console.db, trend.provider, periods,
                          tuple(pick for _name, pick in trend.picks))
    short, full, empty = _labels(trend, periods)
    names = [name for name, _pick in trend.picks]
    card = Card(title, link=link, data=[
        (label, " · ".join(f"{name}: {number(v)}" for name, v in zip(names, row, strict=True)))
        for label, row in zip(full, values, strict=True)])
    if not any(any(row) for row in values):
        card.placeholder = empty.format(n=len(periods))
        return card
    card.wide = True
    card.chart = charts.column_chart(
        trend.chart_id, title, short,
        [(name, [row[k] for row in values]) for k, name in enumerate(names)], full_labels=full)
    return card
