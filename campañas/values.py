"""The Código de Integridad's values, the entity's extra values and the "valor de la semana"
rotation.

The five values are fixed by the Code; an entity may add up to two of its own (DOMAIN.md §1.1).
A :class:`ValueRegistry` is built from settings or database rows and passed around; nothing here
keeps state at module level.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from campañas import messages as msg
from nucleo.errors import InvalidInput, NotFound
from nucleo.formats import decimal, local_day
from nucleo.text import clean_text, normalize_key

MAX_EXTRA_VALUES = 2
MAX_NAME_LENGTH = 40
MAX_DEFINITION_LENGTH = 280
MIN_CONTRAST_WITH_WHITE = 4.5  # WCAG 2.x AA for normal-size text
DEFAULT_TIMEZONE = "America/Bogota"

_HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_NOT_KEY = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Value:
    """One value: a stable key, its display name, a colour for white text and a definition."""

    key: str
    name: str
    colour: str
    definition: str
    core: bool = True

    @property
    def rgb(self) -> tuple[int, int, int]:
        """The colour as an (r, g, b) tuple."""
        return hex_to_rgb(self.colour)


CORE_VALUES: tuple[Value, ...] = tuple(
    Value(key=key, name=msg.VALUE_NAMES[key], colour=colour, definition=msg.VALUE_DEFINITIONS[key])
    for key, colour in (
        ("honestidad", "#1D4F91"),
        ("respeto", "#6B3FA0"),
        ("compromiso", "#B3401B"),
        ("diligencia", "#1B7340"),
        ("justicia", "#9C1F4A"),
    )
)


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    """Parse ``#RRGGBB`` into an (r, g, b) tuple, raising InvalidInput on anything else."""
    if not isinstance(colour, str) or not _HEX_COLOUR.fullmatch(colour.strip()):
        raise InvalidInput(msg.VALUE_BAD_COLOUR.format(colour=colour), code="color_invalido")
    value = colour.strip()
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


def _relative_luminance(rgb: tuple[int, int, int]) -> float:
    channels = []
    for component in rgb:
        c = component / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast_ratio(first: str, second: str = "#FFFFFF") -> float:
    """WCAG contrast ratio between two ``#RRGGBB`` colours (1.0 to 21.0)."""
    a = _relative_luminance(hex_to_rgb(first))
    b = _relative_luminance(hex_to_rgb(second))
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def value_key(name: str) -> str:
    """The stable key of a value name: accents dropped, lower case, words joined by '-'."""
    return _NOT_KEY.sub("-", normalize_key(name)).strip("-")


def make_extra_value(name: str, colour: str, definition: str) -> Value:
    """Validate and build one entity-defined value (not part of the five of the Code)."""
    if not isinstance(name, str) or not clean_text(name):
        raise InvalidInput(msg.VALUE_NAME_REQUIRED, code="valor_sin_nombre")
    name = clean_text(name)
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidInput(msg.VALUE_NAME_TOO_LONG.format(limit=MAX_NAME_LENGTH))
    if not isinstance(definition, str) or not clean_text(definition):
        raise InvalidInput(msg.VALUE_DEFINITION_REQUIRED, code="valor_sin_definicion")
    definition = clean_text(definition)
    if len(definition) > MAX_DEFINITION_LENGTH:
        raise InvalidInput(msg.VALUE_DEFINITION_TOO_LONG.format(limit=MAX_DEFINITION_LENGTH))
    colour = colour.strip().upper() if isinstance(colour, str) else colour
    ratio = contrast_ratio(colour)
    if ratio < MIN_CONTRAST_WITH_WHITE:
        raise InvalidInput(
            msg.VALUE_LOW_CONTRAST.format(
                colour=colour, ratio=decimal(ratio, 1), minimum=decimal(MIN_CONTRAST_WITH_WHITE, 1)
            ),
            code="color_poco_contraste",
        )
    key = value_key(name)
    if not key:
        raise InvalidInput(msg.VALUE_NAME_REQUIRED, code="valor_sin_nombre")
    return Value(key=key, name=name, colour=colour, definition=definition, core=False)


class ValueRegistry:
    """The values in force for one entity: the Code's five plus at most two of its own."""

    def __init__(self, extras: Iterable[Value] = ()) -> None:
        extras = tuple(extras)
        if len(extras) > MAX_EXTRA_VALUES:
            raise InvalidInput(
                msg.VALUE_TOO_MANY_EXTRAS.format(limit=MAX_EXTRA_VALUES), code="demasiados_valores"
            )
        checked = [make_extra_value(v.name, v.colour, v.definition) for v in extras]
        by_key: dict[str, Value] = {}
        for value in (*CORE_VALUES, *checked):
            if value.key in by_key:
                raise InvalidInput(
                    msg.VALUE_DUPLICATE.format(value=value.name), code="valor_repetido"
                )
            by_key[value.key] = value
        self._by_key = by_key

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, Any]]) -> ValueRegistry:
        """Build from settings or database rows with ``name``, ``colour`` (or ``color``) and
        ``definition`` (or ``definicion``)."""
        extras = []
        for row in rows:
            extras.append(
                make_extra_value(
                    row.get("name", row.get("nombre", "")),
                    row.get("colour", row.get("color", "")),
                    row.get("definition", row.get("definicion", "")),
                )
            )
        return cls(extras)

    def get(self, key_or_name: str) -> Value:
        """The value with this key or name (any case or accents); NotFound if there is none."""
        key = value_key(key_or_name) if isinstance(key_or_name, str) else ""
        try:
            return self._by_key[key]
        except KeyError:
            known = ", ".join(v.name for v in self)
            raise NotFound(
                msg.VALUE_UNKNOWN.format(value=key_or_name, known=known), code="valor_desconocido"
            ) from None

    @property
    def extras(self) -> tuple[Value, ...]:
        """The entity's own values, in the order given."""
        return tuple(v for v in self if not v.core)

    def __iter__(self) -> Iterator[Value]:
        return iter(self._by_key.values())

    def __len__(self) -> int:
        return len(self._by_key)

    def __contains__(self, key_or_name: object) -> bool:
        return isinstance(key_or_name, str) and value_key(key_or_name) in self._by_key


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


class WeeklyRotation:
    """The "valor de la semana" calendar: from the ISO week of ``start`` on, one value per week
    in the order given, then round again. Weeks run Monday to Sunday in the entity's time zone."""

    def __init__(
        self, start: date, values: Sequence[Value], tz: ZoneInfo | str = DEFAULT_TIMEZONE
    ) -> None:
        if not values:
            raise InvalidInput(msg.ROTATION_EMPTY, code="calendario_vacio")
        if isinstance(start, datetime):
            start = start.date()
        self.tz = ZoneInfo(tz) if isinstance(tz, str) else tz
        self.first_monday = _monday(start)
        self.values = tuple(values)

    def local_date(self, moment: date | datetime) -> date:
        """The calendar day of ``moment`` in the rotation's time zone (naive datetimes are UTC)."""
        return local_day(moment, self.tz)

    def week_index(self, moment: date | datetime) -> int:
        """How many weeks after the first one ``moment`` falls (negative before the start)."""
        return (_monday(self.local_date(moment)) - self.first_monday).days // 7

    def value_for(self, moment: date | datetime) -> Value | None:
        """The value of the week containing ``moment``; None before the calendar starts."""
        index = self.week_index(moment)
        if index < 0:
            return None
        return self.values[index % len(self.values)]

    def week_start(self, moment: date | datetime) -> datetime:
        """Monday 00:00 (aware, in the rotation's time zone) of the week containing ``moment``."""
        return datetime.combine(_monday(self.local_date(moment)), time(0), tzinfo=self.tz)

    def upcoming(self, moment: date | datetime, weeks: int) -> list[tuple[date, Value]]:
        """The next ``weeks`` (Monday, value) pairs from the week of ``moment`` on."""
        first = max(_monday(self.local_date(moment)), self.first_monday)
        plan = []
        for offset in range(max(weeks, 0)):
            monday = first + timedelta(weeks=offset)
            value = self.value_for(monday)
            if value is not None:
                plan.append((monday, value))
        return plan


def value_of_week(
    moment: date | datetime,
    *,
    start: date,
    values: Sequence[Value],
    tz: ZoneInfo | str = DEFAULT_TIMEZONE,
) -> Value | None:
    """The value of the ISO week of ``moment`` in a rotation that began the week of ``start``."""
    return WeeklyRotation(start, values, tz).value_for(moment)
