from __future__ import annotations

from datetime import date
from itertools import pairwise
from zoneinfo import ZoneInfo

from nucleo.report import Figures
from nucleo.report.trends import detail, headline, last_months, last_weeks

BOGOTA = ZoneInfo("America/Bogota")


def test_last_weeks_end_with_this_week_monday_first() -> None:
    weeks = last_weeks(date(2025, 12, 3), 12, BOGOTA)
    assert len(weeks) == 12
    assert (weeks[-1].since, weeks[-1].until) == (date(2025, 12, 1), date(2025, 12, 7))
    assert (weeks[0].since, weeks[0].until) == (date(2025, 9, 15), date(2025, 9, 21))
    assert all((b.since - a.until).days == 1 for a, b in pairwise(weeks))


def test_last_months_cross_the_year() -> None:
    months = last_months(date(2026, 2, 10), 3, BOGOTA)
    assert [(m.since, m.until) for m in months] == [
        (date(2025, 12, 1), date(2025, 12, 31)), (date(2026, 1, 1), date(2026, 1, 31)),
        (date(2026, 2, 1), date(2026, 2, 28))]


def test_picks() -> None:
    figures = Figures(value=3, total=5, details=(("Recibidas", 5), ("Respondidas", 2)))
    assert headline(figures) == 3
    assert detail("Respondidas")(figures) == 2 and detail("Otra")(figures) == 0


def test_last_years_end_with_this_year() -> None:
    from nucleo.report.trends import last_years

    years = last_years(date(2026, 2, 10), 3, BOGOTA)
    assert [(y.since, y.until) for y in years] == [
        (date(2024, 1, 1), date(2024, 12, 31)), (date(2025, 1, 1), date(2025, 12, 31)),
        (date(2026, 1, 1), date(2026, 12, 31))]
