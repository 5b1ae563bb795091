"""What the console pages and the API of the report share: the measure registry and the
report for a period."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from informe.report import MeasureCache, Report, build_report, parse_period
from nucleo.report import MEASURES, MeasureRegistry
from nucleo.services import Services

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def measures(services: Services) -> MeasureRegistry:
    """The registered measures (an empty registry when the wiring registered none)."""
    found = services.get(MEASURES)
    return found if isinstance(found, MeasureRegistry) else MeasureRegistry()


async def period_report(session: AsyncSession, services: Services, since: str,
                        until: str, cache: MeasureCache | None = None) -> Report:
    """The report of the period (the year so far when both dates are empty)."""
    if not since.strip() and not until.strip():
        day = services.today()
        since, until = date(day.year, 1, 1).isoformat(), day.isoformat()
    period = parse_period(since, until, services.settings.tz)
    return await build_report(session, measures(services), period=period,
                              now=services.clock(), entity=services.settings.entity_name,
                              cache=cache)


def attachment(period: Report, extension: str) -> dict[str, str]:
    name = f"informe-integridad-{period.period.since:%Y%m%d}-{period.period.until:%Y%m%d}"
    return {"Content-Disposition": f'attachment; filename="{name}.{extension}"'}
