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
from nucleo.report.trends import last_months, last_weeks, series
from nucleo.web.console import charts
from nucleo.web.console import messages as ui
from nucleo.web.console.cards import Card
from nucleo.web.console.context import Console

WEEKS = 12
MONTHS = 12


@dataclass(frozen=True)
class Trend:
    """What one trend card shows: a measure, the figures picked from it (one column each) and
    whether it counts by week or by month."""

    chart_id: str
    title: str
    provider: SeriesProvider
    picks: tuple[tuple[str, Callable[[Figures], int]], ...]
    monthly: bool = False


def _periods(console: Console, monthly: bool) -> list[Period]:
    tz = console.services.settings.tz
    today = console.services.clock().astimezone(tz).date()
    return last_months(today, MONTHS, tz) if monthly else last_weeks(today, WEEKS, tz)


async def trend_card(console: Console, trend: Trend,
                     link: tuple[str, str] | None = None) -> Card:
    """The card: columns oldest first, the same figures in a table, a notice when all are 0."""
    periods = _periods(console, trend.monthly)
    title = trend.title.format(n=len(periods))
    values = await series(console.db, trend.provider, periods,
                          tuple(pick for _name, pick in trend.picks))
    if trend.monthly:
        short = [short_month_text(p.since) for p in periods]
        full = [month_text(p.since) for p in periods]
    else:
        short = [short_date_text(p.since) for p in periods]
        full = [date_range_text(p.since, p.until) for p in periods]
    names = [name for name, _pick in trend.picks]
    card = Card(title, link=link, data=[
        (label, " · ".join(f"{name}: {number(v)}" for name, v in zip(names, row, strict=True)))
        for label, row in zip(full, values, strict=True)])
    if not any(any(row) for row in values):
        empty = ui.TREND_EMPTY_MONTHS if trend.monthly else ui.TREND_EMPTY_WEEKS
        card.placeholder = empty.format(n=len(periods))
        return card
    card.wide = True
    card.chart = charts.column_chart(
        trend.chart_id, title, short,
        [(name, [row[k] for row in values]) for k, name in enumerate(names)], full_labels=full)
    return card
