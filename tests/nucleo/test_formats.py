"""Dates and numbers for people: Babel, es_CO, Bogotá time (fixed dates, never today's)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from jinja2 import Environment

from nucleo import formats
from nucleo.formats import (
    date_range_text,
    date_text,
    datetime_text,
    decimal,
    long_date_text,
    number,
    percent,
    shorten,
    time_text,
    weekday,
    weekday_names,
)

NNBSP = "\u202f"  # CLDR puts a narrow no-break space inside «a. m.»
THIN = "\u2009"  # and thin spaces around the dash of a range across months


def am_pm(text: str) -> str:
    """The test's plain spaces as Babel writes them around «a. m.» / «p. m.»."""
    return text.replace(" a. m.", f"{NNBSP}a.{NNBSP}m.").replace(" p. m.", f"{NNBSP}p.{NNBSP}m.")


@pytest.mark.parametrize("day,said", [
    (date(2026, 12, 5), "5 de diciembre de 2026"),
    (date(2026, 12, 31), "31 de diciembre de 2026"),
    (date(2028, 2, 29), "29 de febrero de 2028"),
    (date(2027, 1, 1), "1 de enero de 2027"),
])
def test_dates(day: date, said: str) -> None:
    assert date_text(day) == said


def test_months() -> None:
    assert formats.month_text(date(2025, 12, 8)) == "diciembre de 2025"
    assert formats.month_text(datetime(2026, 1, 1, 3, 30, tzinfo=UTC)) == "diciembre de 2025"
    assert formats.month_text(None) == "—"
    assert formats.short_date_text(date(2025, 12, 1)) == "1 dic"
    assert formats.short_month_text(date(2025, 9, 1)) == "sept."


def test_weekdays() -> None:
    assert weekday(date(2026, 12, 5)) == "sábado"
    assert weekday(date(2028, 2, 29)) == "martes"
    assert weekday(2) == "miércoles"
    assert weekday_names() == ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado",
                               "domingo")
    assert long_date_text(date(2026, 12, 31)) == "jueves, 31 de diciembre de 2026"


@pytest.mark.parametrize("moment,said", [
    (datetime(2026, 12, 5, 13, 0, tzinfo=UTC), "5 de diciembre de 2026, 8:00 a. m."),
    (datetime(2026, 12, 5, 5, 0, tzinfo=UTC), "5 de diciembre de 2026, 12:00 a. m."),  # midnight
    (datetime(2026, 12, 5, 17, 0, tzinfo=UTC), "5 de diciembre de 2026, 12:00 p. m."),  # noon
    (datetime(2026, 12, 5, 4, 59, tzinfo=UTC), "4 de diciembre de 2026, 11:59 p. m."),
    (datetime(2027, 1, 1, 3, 30, tzinfo=UTC), "31 de diciembre de 2026, 10:30 p. m."),
    (datetime(2028, 3, 1, 2, 0, tzinfo=UTC), "29 de febrero de 2028, 9:00 p. m."),
    (datetime(2026, 12, 5, 13, 0), "5 de diciembre de 2026, 8:00 a. m."),  # naive: taken as UTC
])
def test_moments_are_written_in_bogota_on_the_12_hour_clock(moment: datetime, said: str) -> None:
    assert datetime_text(moment) == am_pm(said)


def test_utc_day_change() -> None:
    """After 7 p. m. in Bogotá it is already the next day in UTC: the day shown is Bogotá's."""
    late = datetime(2027, 1, 1, 3, 30, tzinfo=UTC)
    assert date_text(late) == "31 de diciembre de 2026"
    assert weekday(late) == "jueves"
    assert time_text(late) == am_pm("10:30 p. m.")
    assert date_text(datetime(2028, 3, 1, 4, 59, tzinfo=UTC)) == "29 de febrero de 2028"
    assert date_text(datetime(2028, 3, 1, 5, 0, tzinfo=UTC)) == "1 de marzo de 2028"


def test_local_day_and_the_services_today_are_bogota_days() -> None:
    """One «local day»: 10:30 p. m. in Bogotá on 31 December is still 2026 there, whatever
    UTC says, and ``Services.today()`` reads it on the injected clock in ``settings.tz``."""
    from nucleo.services import Services
    from nucleo.settings import Settings

    late = datetime(2027, 1, 1, 3, 30, tzinfo=UTC)
    assert formats.local_day(late, formats.BOGOTA) == date(2026, 12, 31)
    naive = late.replace(tzinfo=None)  # read as UTC
    assert formats.local_day(naive, formats.BOGOTA) == date(2026, 12, 31)
    assert formats.local_day(date(2027, 1, 1), formats.BOGOTA) == date(2027, 1, 1)
    assert formats.local_day(late, ZoneInfo("Europe/Madrid")) == date(2027, 1, 1)
    services = Services(settings=Settings(), db=None, clock=lambda: late)  # type: ignore[arg-type]  # today() never touches the database
    assert services.today() == date(2026, 12, 31)


def test_another_zone_and_plain_times() -> None:
    madrid = ZoneInfo("Europe/Madrid")
    assert datetime_text(datetime(2026, 12, 5, 13, 0, tzinfo=UTC), madrid) == am_pm(
        "5 de diciembre de 2026, 2:00 p. m.")
    assert time_text(time(0, 5)) == am_pm("12:05 a. m.")
    assert time_text(time(20, 0)) == am_pm("8:00 p. m.")


def test_ranges() -> None:
    assert date_range_text(date(2026, 12, 7), date(2026, 12, 13)) == "7–13 de diciembre de 2026"
    assert date_range_text(date(2026, 12, 28), date(2027, 1, 3)) == (
        f"28 de diciembre de 2026{THIN}–{THIN}3 de enero de 2027")


@pytest.mark.parametrize("value,said", [
    (0, "0"), (999, "999"), (50_000, "50.000"), (1_234_567, "1.234.567"), (-1200, "-1.200"),
    (3.0, "3"), (3.46, "3,5"), (1234.5, "1.234,5"), (-0.25, "-0,2"),
    (12_345_678_901_234, "12.345.678.901.234"), (Decimal("2.5"), "2,5"),
])
def test_numbers_are_written_the_colombian_way(value: float, said: str) -> None:
    assert number(value) == said


def test_decimals_and_percentages() -> None:
    assert decimal(3.5) == "3,50"
    assert decimal(-1234.5, 1) == "-1.234,5"
    assert decimal(2.345, 0) == "2"
    assert decimal(1_000_000) == "1.000.000,00"
    assert decimal(0.25, signed=True) == "+0,25" and decimal(-0.25, signed=True) == "-0,25"
    assert percent(0.456) == "46%"
    assert percent(1) == "100%"
    assert percent(0.1234, 1) == "12,3%"
    assert percent(-0.05) == "-5%"


def test_shorten_cuts_a_long_text_to_its_limit_with_an_ellipsis() -> None:
    assert shorten("Comité de convivencia", 21) == "Comité de convivencia"
    assert shorten("Comité de convivencia", 10) == "Comité de…"
    assert len(shorten("x" * 500, 80)) == 80


def test_none_is_a_dash() -> None:
    for write in (date_text, long_date_text, datetime_text, time_text, weekday, number, decimal,
                  percent):
        assert write(None) == "—"
    assert date_range_text(None, date(2026, 1, 1)) == "—"


def test_one_set_of_jinja_filters() -> None:
    env = Environment(autoescape=True)
    formats.register_filters(env)
    out = env.from_string(
        "{{ d|fecha }} · {{ m|fecha_hora }} · {{ m|hora }} · {{ d|dia }} · {{ d|fecha_larga }} · "
        "{{ n|numero }} · {{ x|decimal(1) }} · {{ r|porcentaje }} · {{ d|rango(e) }} · "
        "{{ none|fecha }}").render(
        d=date(2026, 2, 28), e=date(2026, 3, 6), m=datetime(2026, 3, 1, 1, 0, tzinfo=UTC),
        n=1234, x=3.25, r=0.5, none=None)
    assert out.replace(THIN, " ") == am_pm(
        "28 de febrero de 2026 · 28 de febrero de 2026, 8:00 p. m. · 8:00 p. m. · sábado · "
        "sábado, 28 de febrero de 2026 · 1.234 · 3,2 · 50% · 28 de febrero – 6 de marzo de 2026 · —")


def test_spreadsheet_cells_are_bogota_day_first_and_24_hour() -> None:
    """03:30 UTC on 1 January is still 31 December in Bogotá; 29 February survives."""
    new_year = datetime(2027, 1, 1, 3, 30, 15, tzinfo=UTC)
    assert formats.sheet_datetime(new_year) == "31/12/2026 22:30"
    assert formats.sheet_datetime(new_year, seconds=True) == "31/12/2026 22:30:15"
    assert formats.sheet_date(new_year) == "31/12/2026"
    assert formats.sheet_date(date(2028, 2, 29)) == "29/02/2028"
    assert formats.sheet_datetime(None) == "" and formats.sheet_date(None) == ""
