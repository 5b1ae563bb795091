"""Query parameters as browsers send them: an empty field means "no filter", anything else must
parse or the page answers 400."""

from __future__ import annotations

from datetime import date

from nucleo.web.console import messages
from nucleo.web.console.errors import BadQuery


def optional_int(name: str, value: str, low: int = 1, high: int = 2**31 - 1) -> int | None:
    """An integer in [low, high], None when empty."""
    value = value.strip()
    if not value:
        return None
    # The length first: int() refuses strings of thousands of digits (ValueError, a 500).
    if (len(value) > len(str(high)) or not value.isascii() or not value.isdigit()
            or not low <= int(value) <= high):
        raise BadQuery(messages.BAD_VALUE.format(name=name))
    return int(value)


def optional_date(name: str, value: str) -> date | None:
    """An ISO date (AAAA-MM-DD), None when empty."""
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value) if len(value) == 10 else _bad(name)
    except ValueError:
        return _bad(name)


def optional_month(name: str, value: str, low: int = 2000, high: int = 2100) -> date | None:
    """A month as AAAA-MM (its first day), years in [low, high]; None when empty."""
    value = value.strip()
    if not value:
        return None
    year, dash, month = value.partition("-")
    if (dash != "-" or len(year) != 4 or len(month) != 2 or not (year + month).isascii()
            or not (year + month).isdigit() or not low <= int(year) <= high
            or not 1 <= int(month) <= 12):
        return _bad(name)
    return date(int(year), int(month), 1)


def _bad(name: str) -> date:
    raise BadQuery(messages.BAD_VALUE.format(name=name))
