"""Schedules: a one-off ``send_at`` or a weekly rule (weekday + local time) in an explicit
time zone. Pure functions; times go in and out as aware datetimes, stored in UTC."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from campañas import messages as msg
from nucleo.errors import InvalidInput
from nucleo.formats import datetime_text, local_day, weekday_names
from nucleo.text import normalize_key

MAX_DAYS_AHEAD = 400
_TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")
_WEEKDAYS = {normalize_key(name): index for index, name in enumerate(weekday_names())}
_WEEKDAYS.update({name: i for i, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))})
_WEEKDAYS.update({"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6})
APS_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_timezone(name: object) -> ZoneInfo:
    """An IANA time zone, InvalidInput when missing or unknown."""
    if not isinstance(name, str) or not name.strip():
        raise InvalidInput(msg.TIMEZONE_REQUIRED, code="zona_horaria_requerida")
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InvalidInput(msg.TIMEZONE_UNKNOWN.format(timezone=name[:64]),
                           code="zona_horaria_desconocida") from None


def parse_weekday(value: object) -> int:
    """0 (Monday) to 6 (Sunday) from a number or a Spanish/English day name."""
    if isinstance(value, bool):
        value = None
    if isinstance(value, int) and 0 <= value <= 6:
        return value
    if isinstance(value, str):
        key = normalize_key(value)
        if key.isdigit() and 0 <= int(key) <= 6:
            return int(key)
        if key in _WEEKDAYS:
            return _WEEKDAYS[key]
    raise InvalidInput(msg.WEEKDAY_INVALID.format(weekday=str(value)[:20]), code="dia_invalido")


def parse_local_time(value: object) -> time:
    """A wall-clock time from ``HH:MM`` (24 hours)."""
    match = _TIME.fullmatch(value.strip()) if isinstance(value, str) else None
    if not match:
        raise InvalidInput(msg.LOCAL_TIME_INVALID.format(time=str(value)[:20]), code="hora_invalida")
    return time(int(match.group(1)), int(match.group(2)))


@dataclass(frozen=True)
class WeeklyRule:
    """Every ``weekday`` at ``at`` (local wall-clock time) in ``tz``."""

    weekday: int
    at: time
    tz: ZoneInfo

    @property
    def local_time(self) -> str:
        return self.at.strftime("%H:%M")

    def occurrence_on(self, day: date) -> datetime:
        """The rule's instant on local ``day`` (whatever its weekday), in UTC."""
        return datetime.combine(day, self.at, tzinfo=self.tz).astimezone(UTC)

    def previous(self, now: datetime) -> datetime:
        """The latest occurrence at or before ``now``."""
        local = local_day(now, self.tz)
        day = local - timedelta(days=(local.weekday() - self.weekday) % 7)
        moment = self.occurrence_on(day)
        return moment if moment <= now else self.occurrence_on(day - timedelta(days=7))

    def next(self, now: datetime) -> datetime:
        """The first occurrence strictly after ``now``."""
        last = local_day(self.previous(now), self.tz)
        return self.occurrence_on(last + timedelta(days=7))

    def describe(self) -> str:
        """Spanish description, e.g. 'lunes 08:00 (America/Bogota)'."""
        return f"{weekday_names()[self.weekday]} {self.local_time} ({self.tz.key})"


def parse_weekly(weekday: object, local_time: object, timezone: object) -> WeeklyRule:
    """Validate a weekly rule; every problem is InvalidInput with a Spanish message."""
    return WeeklyRule(parse_weekday(weekday), parse_local_time(local_time), parse_timezone(timezone))


def check_send_at(send_at: object, now: datetime) -> datetime:
    """A one-off send time: aware, in the future, within ``MAX_DAYS_AHEAD``; returned in UTC."""
    if not isinstance(send_at, datetime):
        raise InvalidInput(msg.SEND_AT_NAIVE, code="fecha_invalida")
    if send_at.tzinfo is None or send_at.utcoffset() is None:
        raise InvalidInput(msg.SEND_AT_NAIVE, code="fecha_sin_zona")
    when = send_at.astimezone(UTC)
    if when <= now:
        raise InvalidInput(msg.SEND_AT_PAST.format(when=datetime_text(send_at, send_at.tzinfo or UTC)), code="fecha_pasada")
    if when - now > timedelta(days=MAX_DAYS_AHEAD):
        raise InvalidInput(msg.SEND_AT_TOO_FAR.format(days=MAX_DAYS_AHEAD), code="fecha_lejana")
    return when
