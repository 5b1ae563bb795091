"""Risk zones: how many declarations (per kind) and cross-check flags each dependencia has in a
period — where conflicts of interest concentrate — how many declarations rest on each ground of
CPACA art. 11 and how many concern each type of matter (contracts, permits, hiring…; per
dependencia too), for the whole period and period by period (month or quarter); optionally only
the declarations of one type of matter.
Counts only; a group with fewer than ``MIN_GROUP`` of them is named without numbers (one
declaration in a small office would point at its author) and left out of the totals.

The counts are read once, period by period (``count``: three statements, whatever the number
of periods); the whole-range tables are their column sums, so they never count differently from
the timelines below them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.declaraciones import grounds, interest
from bot.declaraciones.actions import concerned_person_id
from bot.declaraciones.models import ContractFlag, Declaration, DeclarationKind
from nucleo.models import Department, Person
from nucleo.report import Period, per_period

MIN_GROUP = 5
KINDS = tuple(k.value for k in DeclarationKind)
FLAGS = "alertas"  # the cross-check flags' key beside the kinds
MONTH, QUARTER = "mes", "trimestre"
MAX_PERIODS = 36
FIRST_YEAR, LAST_YEAR = 2000, 2100  # «Desde» / «Hasta» outside: 400 (the dates around stay valid)


# -- the counts, period by period --------------------------------------------------------------

Statement = Callable[[ColumnElement[int], Period], Select[*tuple[Any, ...]]]


def _of_type(statement: Statement, matter_type: str | None) -> Statement:
    """``statement`` restricted to the declarations of one type of matter (none: all)."""
    if matter_type is None:
        return statement
    return lambda index, period: statement(index, period).where(
        Declaration.matter_type == matter_type)


def declarations_by_department(index: ColumnElement[int],
                               period: Period) -> Select[*tuple[Any, ...]]:
    """Declarations filed in the period by the dependencia of whom they concern (the recused
    official for a recusal, the declarant otherwise) and kind."""
    return (select(index, Department.name, Declaration.kind, func.count())
            .select_from(Declaration)
            .outerjoin(Person, Person.id == concerned_person_id())
            .outerjoin(Department, Department.id == Person.department_id)
            .where(Declaration.created_at >= period.start, Declaration.created_at < period.end)
            .group_by(Department.name, Declaration.kind))


def _by_department_kind_and_matter(index: ColumnElement[int],
                                   period: Period) -> Select[*tuple[Any, ...]]:
    """``declarations_by_department`` split by type of matter too (None: not asked, or a
    preventive declaration): one join for both the kinds and the types of matter."""
    return (declarations_by_department(index, period).add_columns(Declaration.matter_type)
            .group_by(Declaration.matter_type))


def _flags_by_department(index: ColumnElement[int], period: Period) -> Select[*tuple[Any, ...]]:
    """Cross-check flags raised in the period by the supervisor's dependencia."""
    return (select(index, Department.name, func.count()).select_from(ContractFlag)
            .outerjoin(Person, Person.id == ContractFlag.person_id)
            .outerjoin(Department, Department.id == Person.department_id)
            .where(ContractFlag.created_at >= period.start, ContractFlag.created_at < period.end)
            .group_by(Department.name))


def _declarations_by_ground(index: ColumnElement[int], period: Period) -> Select[*tuple[Any, ...]]:
    """Impediments, conflicts and recusals filed in the period per ground (None: without one)."""
    return (select(index, Declaration.ground, func.count())
            .where(Declaration.kind.in_(grounds.KINDS),
                   Declaration.created_at >= period.start, Declaration.created_at < period.end)
            .group_by(Declaration.ground))


@dataclass
class Counts:
    """Per period (in the order of ``periods``): each dependencia's declarations per kind and
    flags (under ``FLAGS``), each ground's declarations, and each dependencia's impediments,
    conflicts and recusals per type of matter. Only groups with something."""

    periods: list[Period]
    departments: dict[str | None, list[dict[str, int]]]
    grounds: dict[int | None, list[int]]
    matters: dict[str | None, list[dict[str | None, int]]] = field(default_factory=dict)


async def count(session: AsyncSession, chosen: Sequence[Period],
                matter_type: str | None = None) -> Counts:
    """The counts of consecutive periods: one grouped statement per measure over the whole
    range (``per_period``), three in all (the declarations per dependencia are grouped by kind
    and type of matter at once). ``matter_type``: only the declarations of that type of matter
    (``interest.MATTER_TYPES``); the cross-check flags, which have none, are then left out (two
    statements)."""
    found = Counts(list(chosen), {}, {})
    if not chosen:
        return found
    matter_type = interest.check_matter_type(matter_type)

    def department(name: str | None) -> list[dict[str, int]]:
        return found.departments.setdefault(name, [{} for _ in chosen])

    for index, name, kind, n, matter in await session.execute(
            per_period(chosen, _of_type(_by_department_kind_and_matter, matter_type))):
        cell = department(name)[index]
        cell[kind] = cell.get(kind, 0) + n
        if kind in grounds.KINDS:
            mattered = found.matters.setdefault(name, [{} for _ in chosen])[index]
            mattered[matter] = mattered.get(matter, 0) + n
    if matter_type is None:
        for index, name, n in await session.execute(per_period(chosen, _flags_by_department)):
            department(name)[index][FLAGS] = n
    for index, ground, n in await session.execute(
            per_period(chosen, _of_type(_declarations_by_ground, matter_type))):
        found.grounds.setdefault(ground, [0] * len(chosen))[index] = n
    return found


# -- the whole range ---------------------------------------------------------------------------

class _Counted(Protocol):
    @property
    def total(self) -> int: ...


C = TypeVar("C", bound=_Counted)


def _split(groups: Iterable[C], order: Callable[[C], str | int]) -> tuple[list[C], list[C]]:
    """(those with at least ``MIN_GROUP``, most first, ties by ``order``; the others, to be
    named without numbers, by ``order``)."""
    ordered = sorted(groups, key=lambda g: (-g.total, order(g)))
    return ([g for g in ordered if g.total >= MIN_GROUP],
            [g for g in sorted(ordered, key=order) if g.total < MIN_GROUP])


@dataclass
class Zone:
    department: str | None  # None: people without a dependencia
    # per kind and FLAGS (``by_department``), or per type of matter, None: not asked
    counts: dict[str | None, int] = field(default_factory=dict)
    total: int = 0


@dataclass
class Zones:
    shown: list[Zone]
    small: list[Zone]  # named, never counted

    @property
    def totals(self) -> dict[str | None, int]:
        sums: dict[str | None, int] = defaultdict(int)
        for zone in self.shown:
            for key, n in zone.counts.items():
                sums[key] += n
        return dict(sums)

    @property
    def total(self) -> int:
        return sum(zone.total for zone in self.shown)


def _whole_range(groups: Mapping[str | None, Sequence[Mapping[Any, int]]]) -> Zones:
    zones = []
    for name, by_period in groups.items():
        zone = Zone(name)
        for cell in by_period:
            for key, n in cell.items():
                zone.counts[key] = zone.counts.get(key, 0) + n
        zone.total = sum(zone.counts.values())
        zones.append(zone)
    return Zones(*_split(zones, lambda z: z.department or "\uffff"))


def by_department(found: Counts) -> Zones:
    """The whole range per dependencia, most declarations and flags first (each kind's sum over
    the periods); those under ``MIN_GROUP`` apart, by name."""
    return _whole_range(found.departments)


@dataclass
class GroundCount:
    ground: int | None  # None: filed without one («Sin precisar»)
    total: int


@dataclass
class Grounds:
    shown: list[GroundCount]
    small: list[GroundCount]  # named, never counted

    @property
    def total(self) -> int:
        return sum(g.total for g in self.shown)


def _ground_order(ground: int | None) -> int:
    return 99 if ground is None else ground


def by_ground(found: Counts) -> Grounds:
    """The whole range per ground, most frequent first; those under ``MIN_GROUP`` apart."""
    return Grounds(*_split((GroundCount(g, sum(ns)) for g, ns in found.grounds.items()),
                           lambda c: _ground_order(c.ground)))


def by_matter_type(found: Counts) -> Zones:
    """Impediments, conflicts and recusals per dependencia and type of matter (None: not asked)
    over the whole range — which dependencias declare most in contracts, hiring, permits… —
    split like ``by_department``. Its column sums (``Zones.totals``, the chart) cover the shown
    rows only, so no small dependencia's count follows from a total."""
    return _whole_range(found.matters)


# -- over time ---------------------------------------------------------------------------------

def _months(unit: str) -> int:
    return 3 if unit == QUARTER else 1


def _month_number(day: date) -> int:
    """Months since year 0: the arithmetic below counts and moves in these."""
    return day.year * 12 + day.month - 1


def _first_day(day: date, unit: str) -> date:
    """The first day of the month or quarter ``day`` is in."""
    month = _month_number(day) // _months(unit) * _months(unit)
    return date(month // 12, month % 12 + 1, 1)


def _shift(first: date, months: int) -> date:
    """The first day of the month ``months`` after ``first``'s (before it, when negative)."""
    month = _month_number(first) + months
    return date(month // 12, month % 12 + 1, 1)


def period_count(since: date, until: date, unit: str) -> int:
    """How many months or quarters ``periods`` gives, without building them."""
    if until < since:
        return 0
    return (_month_number(_first_day(until, unit))
            - _month_number(_first_day(since, unit))) // _months(unit) + 1


def periods(since: date, until: date, unit: str, tz: ZoneInfo) -> list[Period]:
    """The months or quarters from ``since`` to ``until``, oldest first, the first and the last
    cut to those days (so together they cover exactly the range of the tables above them)."""
    first = _first_day(since, unit)
    out = []
    while first <= until:
        following = _shift(first, _months(unit))
        out.append(Period(max(first, since), min(following - timedelta(days=1), until), tz))
        first = following
    return out


def default_since(today: date, unit: str) -> date:
    """Without «Desde»: the last 12 months or the last 4 quarters, today's included."""
    return _shift(_first_day(today, unit), _months(unit) - 12)


@dataclass
class Cell:
    value: int
    reserved: bool = False  # shown as «reservada»: its row has a cell from 1 to MIN_GROUP - 1

    @property
    def shown(self) -> bool:
        return not self.reserved


@dataclass
class Row:
    key: str | int | None  # a dependencia's name, a ground's numeral; None: without one
    cells: list[Cell]


@dataclass
class Timeline:
    periods: list[Period]
    rows: list[Row]

    @property
    def shown_totals(self) -> list[int]:
        """Per period, the sum of the cells with a figure (never a reserved one)."""
        return [sum(row.cells[i].value for row in self.rows if row.cells[i].shown)
                for i in range(len(self.periods))]


def cells(values: list[int]) -> list[Cell]:
    """A row's cells: when any is under ``MIN_GROUP`` (and above 0), the whole row is
    reserved, zeros included. Hiding only the small cells (or those and one more) is not
    enough: the row's total is printed in the whole-range table, and the total minus the cells
    with a figure, knowing the hidden ones are 1 to 4 and the others 0 or at least 5, gives
    them away ([1, 5] with total 6; [1, 1, 9] with total 11)."""
    reserved = any(0 < v < MIN_GROUP for v in values)
    return [Cell(v, reserved=reserved) for v in values]


def rows_of(named: Sequence[tuple[str | int | None, list[int]]]) -> list[Row]:
    """A table's rows (``cells`` each) with secondary suppression: the integrity report prints
    each period's total, so when a single row is reserved the total minus the rows with
    figures would give it back; the row with the smallest total among the others (with any
    figure) is then reserved with it."""
    rows = [Row(name, cells(values)) for name, values in named]
    reserved = [row for row in rows if any(c.reserved for c in row.cells)]
    others = [row for row in rows if row not in reserved and any(c.value for c in row.cells)]
    if len(reserved) == 1 and others:
        partner = min(others, key=lambda row: sum(c.value for c in row.cells))
        partner.cells[:] = [Cell(c.value, reserved=True) for c in partner.cells]
    return rows


def timelines(found: Counts) -> tuple[Timeline, Timeline]:
    """(per dependencia, per ground) over the periods: each row's cells are the period's
    declarations and flags (or declarations on that ground), reserved as ``rows_of`` says."""
    departments = sorted(((name, [sum(cell.values()) for cell in by_period])
                          for name, by_period in found.departments.items()),
                         key=lambda item: (-sum(item[1]), item[0] or "\uffff"))
    grounds_ = sorted(found.grounds.items(), key=lambda item: _ground_order(item[0]))
    return (Timeline(found.periods, rows_of(departments)),
            Timeline(found.periods, rows_of(grounds_)))
