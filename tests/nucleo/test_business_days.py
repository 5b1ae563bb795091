"""Business days with Colombian holidays (nucleo/business_days.py)."""

from datetime import date

import pytest

from nucleo.business_days import BusinessCalendar


@pytest.fixture(scope="module")
def calendar() -> BusinessCalendar:
    return BusinessCalendar("CO")


def test_a_friday_before_a_holiday_monday_skips_the_weekend_and_the_holiday(calendar):
    friday = date(2026, 8, 14)  # Monday 17 August 2026 is Asunción (observed)
    assert not calendar.is_business_day(date(2026, 8, 17))
    assert calendar.add(friday, 1) == date(2026, 8, 18)
    assert calendar.add(friday, 10) == date(2026, 8, 31)


def test_holy_week_thursday_and_friday_are_not_business_days(calendar):
    assert calendar.add(date(2026, 4, 1), 1) == date(2026, 4, 6)


def test_a_saturday_counts_from_monday(calendar):
    assert calendar.add(date(2026, 9, 12), 1) == date(2026, 9, 14)


def test_the_day_of_receipt_is_not_counted_and_zero_days_is_the_same_day(calendar):
    assert calendar.add(date(2026, 9, 14), 0) == date(2026, 9, 14)
    assert calendar.add(date(2026, 9, 14), 1) == date(2026, 9, 15)


def test_between_counts_business_days_both_ways(calendar):
    assert calendar.between(date(2026, 8, 14), date(2026, 8, 18)) == 1
    assert calendar.between(date(2026, 8, 18), date(2026, 8, 14)) == -1
    assert calendar.between(date(2026, 8, 18), date(2026, 8, 18)) == 0


def test_another_country_has_other_holidays():
    assert BusinessCalendar("US").is_business_day(date(2026, 8, 17))


def test_holidays_between_name_them_in_spanish_with_the_moved_mondays(calendar):
    assert calendar.holidays_between(date(2025, 12, 1), date(2025, 12, 31)) == {
        date(2025, 12, 8): "La Inmaculada Concepción", date(2025, 12, 25): "Navidad"}
    november = calendar.holidays_between(date(2025, 11, 1), date(2025, 11, 30))
    assert list(november) == [date(2025, 11, 3), date(2025, 11, 17)]  # Mondays by law
    assert november[date(2025, 11, 17)].startswith("Independencia de Cartagena")
    assert calendar.holidays_between(date(2025, 12, 8), date(2025, 12, 8))
    assert not calendar.holidays_between(date(2025, 12, 9), date(2025, 12, 24))


def test_every_feature_shares_one_calendar_per_service(settings):
    """``business_calendar``: built once per service, so the consultation desk, the
    declarations and the campaigns' month view count the same holidays."""
    from nucleo.business_days import business_calendar
    from nucleo.db import Database
    from nucleo.services import Services

    services = Services(settings=settings, db=Database("sqlite+aiosqlite:///:memory:"))
    other = Services(settings=settings, db=services.db)
    shared = business_calendar(services)
    assert business_calendar(services) is shared and business_calendar(other) is not shared
    assert not shared.is_business_day(date(2027, 1, 11))  # Reyes, moved to Monday


def test_29_february_is_an_ordinary_business_day(calendar):
    assert calendar.is_business_day(date(2028, 2, 29))
    assert calendar.add(date(2028, 2, 28), 1) == date(2028, 2, 29)
    assert calendar.add(date(2028, 2, 25), 2) == date(2028, 2, 29)  # Friday, over the weekend
    assert calendar.add(date(2027, 2, 26), 1) == date(2027, 3, 1)  # no 29th in 2027
    assert calendar.between(date(2028, 2, 28), date(2028, 3, 1)) == 2


def test_the_year_end_skips_christmas_new_year_and_the_moved_reyes(calendar):
    assert calendar.holidays_between(date(2026, 12, 24), date(2027, 1, 12)) == {
        date(2026, 12, 25): "Navidad", date(2027, 1, 1): "Año Nuevo",
        date(2027, 1, 11): "Día de los Reyes Magos (observado)"}
    assert calendar.add(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert calendar.add(date(2026, 12, 24), 10) == date(2027, 1, 12)
    assert calendar.between(date(2026, 12, 24), date(2027, 1, 12)) == 10
    assert calendar.between(date(2027, 1, 12), date(2026, 12, 24)) == -10
