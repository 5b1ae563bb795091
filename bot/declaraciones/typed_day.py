"""A day as a person types it in the chat: «15/07/2026», «15-07-26», «2026-07-15», «15 de
julio», «el 15 de julio de 2026», «primero de julio», «hoy», «ayer», «anteayer». Without a
year, ``today``'s. Anything else is an ``InvalidInput`` with a Spanish message."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.declaraciones import messages
from nucleo.errors import InvalidInput
from nucleo.text import normalize_key

_RELATIVE = {"hoy": 0, "ayer": 1, "anteayer": 2, "antier": 2, "antes de ayer": 2}
_MONTHS = {name: number for number, name in enumerate(messages.MONTHS, start=1)}
_MONTHS["setiembre"] = 9
_NUMERIC = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})")
_ISO = re.compile(r"(\d{4})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})")
_WORDS = re.compile(r"(\d{1,2}|primero)\s*(?:o|º|°)?\s+(?:de\s+)?([a-z]+)"
                    r"(?:\s+(?:de(?:l)?\s+)?(\d{4}))?")
MAX_TYPED = 60  # longer is not a date


def parse_typed_day(text: str, today: date) -> date:
    """The day ``text`` names, or ``InvalidInput`` saying how to write it."""
    typed = normalize_key(text or "").strip(" .,;!¡¿?")
    typed = re.sub(r"^(?:el|la|fue el|fue|lo presente el|la presente el)\s+", "", typed)
    typed = re.sub(r"\s+", " ", typed)
    if typed in _RELATIVE:
        return today - timedelta(days=_RELATIVE[typed])
    parts = _parts(typed) if len(typed) <= MAX_TYPED else None
    if parts is None:
        raise InvalidInput(messages.ASSETS_DAY_UNKNOWN.format(
            typed=messages.escape((text or "").strip()[:40]), year=today.year),
            details={"field": "filed_on"})
    year, month, day = parts
    try:
        return date(year if year is not None else today.year, month, day)
    except ValueError:
        raise InvalidInput(messages.ASSETS_DAY_NOT_REAL.format(
            typed=messages.escape((text or "").strip()[:40])),
            details={"field": "filed_on"}) from None


def _parts(typed: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a typed date, unchecked; None when it is not one."""
    if match := _ISO.fullmatch(typed):
        return int(match[1]), int(match[2]), int(match[3])
    if match := _NUMERIC.fullmatch(typed):
        year = int(match[3])
        return (2000 + year if year < 100 else year), int(match[2]), int(match[1])
    if (match := _WORDS.fullmatch(typed)) and match[2] in _MONTHS:
        day = 1 if match[1] == "primero" else int(match[1])
        return (int(match[3]) if match[3] else None), _MONTHS[match[2]], day
    return None
