"""The port through which the integrity report reads measures from every module.

The report feature (``informe/``) never imports a module: each module offers one or more
``MeasureProvider`` (its key, a Spanish label, where the figure comes from, and an async
``measure``), ``api/wiring.py`` registers them in a ``MeasureRegistry`` under ``MEASURES`` in
``Services.extras``, and the report asks the registry. A measure is read only: it opens no
transaction of its own and never changes anything.

Privacy: a provider that reads survey data applies the surveys' suppression rule itself (no
group under five respondents is ever returned); the report shows what it gets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, CompoundSelect, Integer, Select, literal, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from nucleo.services import Key

MEASURES: Key[MeasureRegistry] = Key("report_measures")


@dataclass(frozen=True)
class Period:
    """Local dates, both inclusive, and the time zone they are read in."""

    since: date
    until: date
    tz: ZoneInfo

    @property
    def start(self) -> datetime:
        """The first instant of ``since``, in UTC-aware form."""
        return datetime.combine(self.since, time.min, self.tz)

    @property
    def end(self) -> datetime:
        """The first instant after ``until`` (exclusive bound)."""
        return datetime.combine(self.until + timedelta(days=1), time.min, self.tz)


@dataclass(frozen=True)
class GroupFigure:
    """One group's row (a dependency, or «Otras» when small groups are merged)."""

    label: str
    value: int
    total: int | None = None  # the base the value is a share of, when there is one
    # What is shown instead of the figures when the group is too small to show (surveys'
    # «sin cifra propia»): value and total are then 0 and None and never shown.
    withheld: str | None = None

    @property
    def percent(self) -> float | None:
        if self.withheld is not None:
            return None
        return round(100 * self.value / self.total, 1) if self.total else None


@dataclass(frozen=True)
class Figures:
    """What a measure says for a period: a headline value, its base, the figures that make it
    up (label, number), rows of a breakdown other than dependencies (``breakdown``: a share
    per value and per question of a survey) and, when asked, one row per dependency."""

    value: int
    total: int | None = None
    details: tuple[tuple[str, int], ...] = ()
    groups: tuple[GroupFigure, ...] = ()
    breakdown: tuple[GroupFigure, ...] = ()
    note: str | None = None  # e.g. why some groups are not shown

    @property
    def percent(self) -> float | None:
        """The headline as a percentage of its base (None without a base)."""
        return round(100 * self.value / self.total, 1) if self.total else None


class MeasureProvider(Protocol):
    """One measure a module computes from what it stores."""

    @property
    def key(self) -> str:
        """Stable, ASCII: what a plan activity links to."""

    @property
    def label(self) -> str:
        """Spanish: what the report calls it."""

    @property
    def source(self) -> str:
        """Spanish: where the figure comes from (shown next to every figure)."""

    @property
    def unit(self) -> str:
        """Spanish: what the value counts («personas alcanzadas», «consultas a tiempo»…)."""

    async def measure(self, session: AsyncSession, period: Period,
                      group_by_dependency: bool = False) -> Figures: ...


class SeriesProvider(MeasureProvider, Protocol):
    """A measure that can also answer for several periods at once (the Inicio trend cards):
    one statement with a row per period (``per_period``), instead of one ``measure`` per period.
    ``measure_series(s, [p])[0]`` says what ``measure(s, p)`` says (without groups)."""

    async def measure_series(self, session: AsyncSession,
                             periods: Sequence[Period]) -> list[Figures]: ...


MAX_PERIODS = 400  # under SQLite's 500 terms of one compound SELECT


def per_period(periods: Sequence[Period],
               statement: Callable[[ColumnElement[int], Period], Select[*tuple[Any, ...]]]
               ) -> Select[*tuple[Any, ...]] | CompoundSelect:
    """One statement for several periods: each period's own statement (``statement(index,
    period)`` puts ``index``, the period's position in ``periods``, among its columns), joined
    with UNION ALL. Each part keeps the plain range condition an index serves: one CASE over the
    whole span, grouped by period, made SQLite sort every delivery of the span (104 ms against
    39 ms for twelve weeks, #19)."""
    if not 0 < len(periods) <= MAX_PERIODS:
        raise ValueError(f"between 1 and {MAX_PERIODS} periods, not {len(periods)}")
    parts = [statement(literal(index, Integer).label("period"), period)
             for index, period in enumerate(periods)]
    return parts[0] if len(parts) == 1 else union_all(*parts)


async def per_period_rows(session: AsyncSession, periods: Sequence[Period],
                          statement: Callable[[ColumnElement[int], Period],
                                              Select[*tuple[Any, ...]]]
                          ) -> list[list[tuple[Any, ...]]]:
    """Run ``per_period`` and hand back each period's rows, in the order of ``periods``, without
    the period's index (an aggregate without GROUP BY gives each period exactly one row; a
    grouped one, a row per group). No periods, no statement."""
    found: list[list[tuple[Any, ...]]] = [[] for _ in periods]
    if periods:
        for index, *columns in (await session.execute(per_period(periods, statement))).all():
            found[index].append(tuple(columns))
    return found


@dataclass
class MeasureRegistry:
    """The measures the service can compute, in the order they are registered."""

    providers: dict[str, MeasureProvider] = field(default_factory=dict)

    def register(self, provider: MeasureProvider) -> None:
        if provider.key in self.providers:
            raise ValueError(f"measure {provider.key!r} registered twice")
        self.providers[provider.key] = provider

    def extend(self, providers: Iterable[MeasureProvider]) -> None:
        for provider in providers:
            self.register(provider)

    def get(self, key: str) -> MeasureProvider | None:
        return self.providers.get(key)

    def __iter__(self) -> Iterator[MeasureProvider]:
        return iter(self.providers.values())

    def __contains__(self, key: object) -> bool:
        return key in self.providers

    def choices(self) -> list[tuple[str, str]]:
        """(key, label) of every measure, for a form."""
        return [(p.key, p.label) for p in self]
