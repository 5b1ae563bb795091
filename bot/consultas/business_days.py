"""The business-day calendar lives in ``nucleo.business_days`` (shared with the declarations)."""

from nucleo.business_days import BusinessCalendar

__all__ = ["BusinessCalendar"]
