"""Business days in Colombia: weekends and national holidays (``holidays`` package) are skipped.

Shared by the consultation desk (answer due dates) and the declarations (decision due dates)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import holidays

from nucleo.services import Key

if TYPE_CHECKING:
    from nucleo.services import Services


class BusinessCalendar:
    """Counts business days for one country (Colombia by default)."""

    def __init__(self, country: str = "CO", language: str = "es") -> None:
        self._holidays = holidays.country_holidays(country, language=language)

    def is_business_day(self, day: date) -> bool:
        """True from Monday to Friday when the day is not a national holiday."""
        return day.weekday() < 5 and day not in self._holidays

    def holidays_between(self, start: date, end: date) -> dict[date, str]:
        """The national holidays from ``start`` to ``end`` (both included), with their names
        (two on one day are joined with «; »)."""
        days = (start + timedelta(days=n) for n in range((end - start).days + 1))
        return {day: str(self._holidays[day]) for day in days if day in self._holidays}

    def add(self, start: date, days: int) -> date:
        """The ``days``-th business day after ``start`` (the day of receipt is not counted)."""
        current = start
        remaining = days
        while remaining > 0:
            current += timedelta(days=1)
            if self.is_business_day(current):
                remaining -= 1
        return current

    def between(self, start: date, end: date) -> int:
        """Business days after ``start`` up to and including ``end`` (negative when end < start)."""
        if end < start:
            return -self.between(end, start)
        count, current = 0, start
        while current < end:
            current += timedelta(days=1)
            count += self.is_business_day(current)
        return count


CALENDAR: Key[BusinessCalendar] = Key("business_calendar")


def business_calendar(services: Services) -> BusinessCalendar:
    """Colombia's calendar, built once per service (reading the holidays is not free) and
    shared by every feature: consultation due dates, declaration terms (CPACA counts Colombian
    business days) and the campaigns' month view agree on every holiday."""
    return services.setdefault(CALENDAR, BusinessCalendar)
