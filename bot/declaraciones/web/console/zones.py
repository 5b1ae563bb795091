"""«Zonas de riesgo»: declarations and cross-check flags counted per dependencia, declarations
per ground of art. 11 and per dependencia and type of matter, in a period and month by month or
quarter by quarter; optionally only one type of matter («Clase de asunto»)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import Depends, Query
from starlette.responses import Response

from bot.declaraciones import grounds, interest, zones
from bot.declaraciones import messages as bot_messages
from bot.declaraciones.web import messages
from bot.declaraciones.web.console.register import (
    MATTER_TYPE_CHOICES,
    MatterTypeFilter,
    router,
)
from nucleo.formats import date_text, month_text, short_month_text
from nucleo.report import Period
from nucleo.web.console import charts
from nucleo.web.console.context import Console, page
from nucleo.web.console.errors import BadQuery
from nucleo.web.console.params import optional_date
from nucleo.xlsx import xlsx_bytes

URL = "/consola/declaraciones/zonas"
EXPORT_URL = URL + "/exportar.xlsx"
FILTERS = ("desde", "hasta", "periodo", "clase")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PeriodFilter = Literal["", "mes", "trimestre"]


def period_labels(chosen: list[Period], unit: str) -> tuple[list[str], list[str]]:
    """(short labels for the chart's axis, full ones for the table and the description)."""
    if unit == zones.QUARTER:
        quarters = [((p.since.month - 1) // 3 + 1, p.since.year) for p in chosen]
        return ([messages.DECL_ZONES_QUARTER.format(q=q, year=y) for q, y in quarters],
                [messages.DECL_ZONES_QUARTER_LONG.format(q=q, year=y) for q, y in quarters])
    return ([f"{short_month_text(p.since)} {p.since.year % 100:02d}" for p in chosen],
            [month_text(p.since) for p in chosen])


@dataclass(frozen=True)
class ZonesQuery:
    """The filter of the page and of its export: the dates as typed (trimmed), the unit of
    time and the type of matter (empty: any)."""

    desde: str
    hasta: str
    periodo: PeriodFilter
    clase: MatterTypeFilter

    def filters(self) -> dict[str, str]:
        """The filter's non-empty parameters (the export link repeats them)."""
        return {k: v for k, v in (("desde", self.desde), ("hasta", self.hasta),
                                  ("periodo", self.periodo), ("clase", self.clase)) if v}


def zones_query(
    desde: Annotated[str, Query(max_length=10)] = "",
    hasta: Annotated[str, Query(max_length=10)] = "",
    periodo: PeriodFilter = "",
    clase: MatterTypeFilter = "",
) -> ZonesQuery:
    """The query parameters both routes take."""
    return ZonesQuery(desde=desde.strip(), hasta=hasta.strip(), periodo=periodo, clase=clase)


def _chosen(console: Console, query: ZonesQuery) -> tuple[list[Period], str, date, date]:
    """(the periods, month or quarter, the first and last day) the filter asks for; 400 with
    the reason when the dates do not make a range the page can show."""
    since, until = optional_date("desde", query.desde), optional_date("hasta", query.hasta)
    if any(d and not zones.FIRST_YEAR <= d.year <= zones.LAST_YEAR for d in (since, until)):
        raise BadQuery(messages.DECL_ZONES_BAD_YEAR.format(low=zones.FIRST_YEAR,
                                                           high=zones.LAST_YEAR))
    unit = query.periodo or zones.MONTH
    last = until or console.services.today()
    if since and until and since > until:
        raise BadQuery(bot_messages.BAD_DATE_RANGE)
    # without «Desde», the tables and the timeline both cover the last 12 months (4 quarters)
    first = since or zones.default_since(last, unit)
    if zones.period_count(first, last, unit) > zones.MAX_PERIODS:
        raise BadQuery(messages.DECL_ZONES_TOO_MANY.format(n=zones.MAX_PERIODS))
    return zones.periods(first, last, unit, console.services.settings.tz), unit, first, last


@router.get(URL)
async def risk_zones(
    console: Annotated[Console, page("declaraciones.zonas")],
    query: Annotated[ZonesQuery, Depends(zones_query)],
) -> Response:
    """Counts per dependencia, per ground and per dependencia and type of matter, then over
    time; small groups without numbers. ``clase``: only that type of matter (no flags)."""
    console.only_params(*FILTERS)
    chosen, unit, first, last = _chosen(console, query)
    clase, filters = query.clase, query.filters()
    # the tables are its column sums
    counted = await zones.count(console.db, chosen, matter_type=clase or None)
    found, by_ground = zones.by_department(counted), zones.by_ground(counted)
    by_matter = zones.by_matter_type(counted)
    matter_columns = [(key, _matter_name(key)) for key in matter_keys(clase)]
    matter_totals = by_matter.totals
    matter_chart = charts.bar_chart(
        "c-clases", messages.DECL_ZONES_MATTER_CHART.format(k=zones.MIN_GROUP),
        [(name, matter_totals.get(key, 0)) for key, name in matter_columns
         if matter_totals.get(key)], max_items=len(matter_columns)) if by_matter.shown else None
    departments, grounds_in_time = zones.timelines(counted)
    short, full = period_labels(chosen, unit)
    ground_chart = charts.bar_chart(
        "c-causales", messages.DECL_ZONES_GROUND_CHART.format(k=zones.MIN_GROUP),
        [(grounds.name(g.ground), g.total) for g in by_ground.shown], max_items=17) \
        if by_ground.shown else None
    totals = departments.shown_totals
    unit_name = messages.DECL_ZONES_UNITS[unit]
    time_chart = charts.column_chart(
        "c-zonas-tiempo", messages.DECL_ZONES_TIME_CHART.format(unit=unit_name), short,
        [(messages.DECL_ZONES_TIME_SERIES, totals)], full_labels=full) if any(totals) else None
    return await console.render(
        "declarations_zones.html", zones=found, desde=query.desde, hasta=query.hasta,
        covered=messages.DECL_ZONES_RANGE.format(since=date_text(first), until=date_text(last)),
        periodo=unit, periods=list(messages.DECL_ZONES_PERIODS.items()), unit=unit_name,
        kinds=[(k, messages.DECL_KINDS_ALL[k]) for k in zones.KINDS], min_group=zones.MIN_GROUP,
        by_ground=by_ground, ground_name=grounds.name,
        small_grounds=[grounds.name(g.ground) for g in by_ground.small], ground_chart=ground_chart,
        departments_in_time=departments, grounds_in_time=grounds_in_time, period_names=full,
        period_short=short, time_chart=time_chart, clase=clase, matter_types=MATTER_TYPE_CHOICES,
        clase_name=bot_messages.MATTER_TYPE_NAMES.get(clase, ""), by_matter=by_matter,
        matter_columns=matter_columns, matter_chart=matter_chart,
        small_matters=[z.department or messages.DECL_NO_DEPARTMENT for z in by_matter.small],
        export_url=EXPORT_URL + ("?" + urlencode(filters) if filters else ""))


def matter_keys(chosen: str) -> list[str | None]:
    """The columns of the table per type of matter: the chosen type alone, or every type and
    then None (declarations filed before the guided questions)."""
    return [chosen] if chosen else [*interest.MATTER_TYPES, None]


def _matter_name(key: str | None) -> str:
    """A column's heading: «Contratos», «Permisos, licencias o trámites»… or «Sin precisar»."""
    return messages.DECL_ZONES_MATTER_COLUMNS[key or ""]


@router.get(EXPORT_URL)
async def risk_zones_export(
    console: Annotated[Console, page("declaraciones.zonas")],
    query: Annotated[ZonesQuery, Depends(zones_query)],
) -> Response:
    """The page's whole-range tables (per dependencia and kind, per dependencia and type of
    matter, per ground) as one XLSX sheet, with the same filter and the same small groups
    named without numbers. Counts only, like the page."""
    console.only_params(*FILTERS)
    chosen, _unit, first, last = _chosen(console, query)
    counted = await zones.count(console.db, chosen, matter_type=query.clase or None)
    covered = messages.DECL_ZONES_RANGE.format(since=date_text(first), until=date_text(last))
    rows = sheet_rows(counted, covered, query.clase)
    data = await asyncio.to_thread(xlsx_bytes, messages.DECL_ZONES_SHEET, rows)  # off the loop
    return Response(data, media_type=XLSX_TYPE, headers={
        "Content-Disposition": f'attachment; filename="{messages.DECL_ZONES_FILE_NAME}"'})


def sheet_rows(counted: zones.Counts, covered: str, clase: str) -> list[list[object]]:
    """The export's rows: a title, the period (and the filter), then each table with its
    heading row, its rows, the total of the shown ones and the small groups by name."""
    kinds = [(k, messages.DECL_KINDS_ALL[k]) for k in zones.KINDS]
    if not clase:
        kinds.append((zones.FLAGS, messages.DECL_ZONES_COL_ALERTS))
    out: list[list[object]] = [[messages.DECL_ZONES_TITLE], [covered]]
    if clase:
        out.append([messages.DECL_ZONES_MATTER_FILTERED.format(
            name=bot_messages.MATTER_TYPE_NAMES[clase])])

    def table(title: str, found: zones.Zones, columns: list[tuple[str | None, str]],
              small: str) -> None:
        out.extend([[], [title], [messages.DECL_ZONES_COL_DEPARTMENT,
                                  *(label for _k, label in columns), messages.DECL_ZONES_COL_TOTAL]])
        out.extend([z.department or messages.DECL_NO_DEPARTMENT,
                    *(z.counts.get(k, 0) for k, _l in columns), z.total] for z in found.shown)
        totals = found.totals
        out.append([messages.DECL_ZONES_TOTAL, *(totals.get(k, 0) for k, _l in columns),
                    found.total])
        if found.small:
            out.append([small.format(k=zones.MIN_GROUP, names=", ".join(
                z.department or messages.DECL_NO_DEPARTMENT for z in found.small))])

    table(messages.DECL_ZONES_TITLE, zones.by_department(counted), list(kinds),
          messages.DECL_ZONES_SMALL)
    table(messages.DECL_ZONES_MATTER_TITLE, zones.by_matter_type(counted),
          [(k, _matter_name(k)) for k in matter_keys(clase)], messages.DECL_ZONES_MATTER_SMALL)
    by_ground = zones.by_ground(counted)
    out.extend([[], [messages.DECL_ZONES_GROUND_TITLE],
                [messages.DECL_ZONES_COL_GROUND, messages.DECL_ZONES_COL_COUNT]])
    out.extend([grounds.name(g.ground), g.total] for g in by_ground.shown)
    out.append([messages.DECL_ZONES_GROUND_TOTAL, by_ground.total])
    if by_ground.small:
        out.append([messages.DECL_ZONES_SMALL.format(k=zones.MIN_GROUP, names=", ".join(
            grounds.name(g.ground) for g in by_ground.small))])
    return out
