"""Dates, times and numbers for people, the Colombian way (Babel, locale ``es_CO``).

The one place that turns a value into text a person reads: the console, the portal, the public
home page, the bot's messages and the reports. Machine formats (ISO dates in JSON, CSV columns a
program reads back) do not come through here.

* Stored moments are UTC; every function converts them to ``America/Bogota`` (or the ``tz`` it
  is given, the service's ``settings.tz``) before it writes the day or the hour, so 03:30 UTC on
  1 January is still «31 de diciembre de …» in Bogotá. A naive ``datetime`` is taken as UTC.
* A ``date`` has no hour and is written as it is.
* ``None`` is written ``—`` (callers that mean «never» say so themselves).

    date_text        5 de diciembre de 2026
    long_date_text   sábado, 5 de diciembre de 2026
    datetime_text    5 de diciembre de 2026, 8:00 a. m.   (12-hour clock, as people read it)
    time_text        8:00 a. m.
    weekday          sábado
    month_text       diciembre de 2026
    short_date_text  5 dic   (chart axes; the year is said elsewhere)
    short_month_text dic.
    date_range_text  7–13 de diciembre de 2026
    number           1.234.567 · 3,5
    decimal          3,50
    percent          46%
    shorten          Una sugerencia muy l…   (a label cut to its room)

Spreadsheet cells (CSV and XLSX exports HR opens in a Colombian Excel) take the day first and a
24-hour clock, which Excel reads back as a date: ``sheet_date`` «05/12/2026», ``sheet_datetime``
«05/12/2026 08:00» (``seconds=True``: «05/12/2026 08:00:00»).

``register_filters(env)`` gives every Jinja environment the same filters: ``fecha``,
``fecha_larga``, ``fecha_hora``, ``hora``, ``dia``, ``mes``, ``rango``, ``numero``, ``decimal``
and ``porcentaje``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_interval, format_time, get_day_names
from babel.numbers import format_decimal, format_percent
from jinja2 import Environment

LOCALE = Locale.parse("es_CO")  # parsed once: Babel would parse a string on every call
BOGOTA = ZoneInfo("America/Bogota")
EMPTY = "—"

Day = date | datetime
Number = int | float | Decimal


def local(moment: datetime, tz: tzinfo = BOGOTA) -> datetime:
    """A stored moment on the local clock (a naive one is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(tz)


def local_day(value: Day, tz: tzinfo) -> date:
    """The calendar day of a stored moment on the local clock (a ``date`` is kept as it is).
    ``tz`` is required (``settings.tz``): a default would hide a forgotten one. «Today» for the
    entity is ``Services.today()``, this on the injected clock."""
    return local(value, tz).date() if isinstance(value, datetime) else value


def date_text(value: Day | None, tz: tzinfo = BOGOTA) -> str:
    """«5 de diciembre de 2026»."""
    return EMPTY if value is None else format_date(local_day(value, tz), "long", locale=LOCALE)


def long_date_text(value: Day | None, tz: tzinfo = BOGOTA) -> str:
    """«sábado, 5 de diciembre de 2026»."""
    return EMPTY if value is None else format_date(local_day(value, tz), "full", locale=LOCALE)


def time_text(value: datetime | time | None, tz: tzinfo = BOGOTA) -> str:
    """«8:00 a. m.»: the 12-hour clock of Colombian Spanish (a ``time`` is already local)."""
    if value is None:
        return EMPTY
    clock = local(value, tz).time() if isinstance(value, datetime) else value
    return format_time(clock, "short", locale=LOCALE)


def datetime_text(value: datetime | None, tz: tzinfo = BOGOTA) -> str:
    """«5 de diciembre de 2026, 8:00 a. m.»."""
    if value is None:
        return EMPTY
    moment = local(value, tz)
    return f"{date_text(moment.date())}, {time_text(moment.time())}"


def sheet_date(value: Day | None, tz: tzinfo = BOGOTA) -> str:
    """«05/12/2026», for a spreadsheet cell (empty when there is none)."""
    return "" if value is None else local_day(value, tz).strftime("%d/%m/%Y")


def sheet_datetime(value: datetime | None, tz: tzinfo = BOGOTA, *, seconds: bool = False) -> str:
    """«05/12/2026 08:00» in ``tz``, for a spreadsheet cell (empty when there is none)."""
    if value is None:
        return ""
    return local(value, tz).strftime("%d/%m/%Y %H:%M:%S" if seconds else "%d/%m/%Y %H:%M")


def weekday_names() -> tuple[str, ...]:
    """The days of the week, Monday first (``date.weekday()`` order): «lunes» … «domingo»."""
    names = get_day_names("wide", locale=LOCALE)
    return tuple(str(names[i]) for i in range(7))


def weekday(value: Day | int | None, tz: tzinfo = BOGOTA) -> str:
    """«sábado»: of a day, a moment (local) or a ``date.weekday()`` number (0 is Monday)."""
    if value is None:
        return EMPTY
    if isinstance(value, int):
        return weekday_names()[value]
    return format_date(local_day(value, tz), "EEEE", locale=LOCALE)


def month_text(value: Day | None, tz: tzinfo = BOGOTA) -> str:
    """«diciembre de 2026»: the month of a day or of a moment (local)."""
    if value is None:
        return EMPTY
    return format_date(local_day(value, tz), "LLLL 'de' y", locale=LOCALE)


def short_date_text(value: Day | None, tz: tzinfo = BOGOTA) -> str:
    """«5 dic»: day and abbreviated month, for a chart's axis."""
    if value is None:
        return EMPTY
    return format_date(local_day(value, tz), "d MMM", locale=LOCALE)


def short_month_text(value: Day | None, tz: tzinfo = BOGOTA) -> str:
    """«dic.»: the abbreviated month, for a chart's axis."""
    if value is None:
        return EMPTY
    return format_date(local_day(value, tz), "LLL", locale=LOCALE)


def date_range_text(start: Day | None, end: Day | None, tz: tzinfo = BOGOTA) -> str:
    """«7–13 de diciembre de 2026», «28 de diciembre de 2026 – 3 de enero de 2027»."""
    if start is None or end is None:
        return EMPTY
    return format_interval(local_day(start, tz), local_day(end, tz), "yMMMMd", locale=LOCALE)


def number(value: Number | None) -> str:
    """«50.000», «-1.200», «3,5»: thousands with dots, at most one decimal, after a comma."""
    if value is None:
        return EMPTY
    return format_decimal(value, "#,##0.#", locale=LOCALE)


def decimal(value: Number | None, places: int = 2, *, signed: bool = False) -> str:
    """«3,50»: always ``places`` decimals; ``signed`` writes «+0,25» for a change."""
    if value is None:
        return EMPTY
    pattern = "#,##0" + ("." + "0" * places if places > 0 else "")
    if signed:
        pattern = f"+{pattern};-{pattern}"
    return format_decimal(value, pattern, locale=LOCALE)


def percent(value: Number | None, places: int = 0) -> str:
    """A share as a percentage: ``0.456`` is «46%» (``places`` decimals; CLDR's es_CO writes
    no space before the sign)."""
    if value is None:
        return EMPTY
    pattern = "#,##0" + ("." + "0" * places if places > 0 else "") + "%"
    return format_percent(value, pattern, locale=LOCALE)


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters: a longer text is cut and ends in «…»."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def register_filters(env: Environment, tz: tzinfo = BOGOTA) -> None:
    """The one set of filters for people, for every Jinja environment of the service."""
    env.filters.update(
        fecha=lambda v: date_text(v, tz),
        fecha_larga=lambda v: long_date_text(v, tz),
        fecha_hora=lambda v: datetime_text(v, tz),
        hora=lambda v: time_text(v, tz),
        dia=lambda v: weekday(v, tz),
        mes=lambda v: month_text(v, tz),
        rango=lambda start, end: date_range_text(start, end, tz),
        numero=number,
        decimal=decimal,
        porcentaje=percent,
    )
