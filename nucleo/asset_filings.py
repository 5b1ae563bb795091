"""Who must file an asset declaration for a year and has not filed it: the one condition the
declarations' compliance list (``bot.declaraciones.assets``) and the campaigns' audience
«pendientes_bienes» share. The table is the bot's (``bot/declaraciones/models.py``), read here
by name so that campaigns never import the bot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

from sqlalchemy import ColumnElement, Date, and_, column, exists, false, or_, select, table
from sqlalchemy.ext.asyncio import AsyncSession

from nucleo.models import Person, PersonKind, PersonStatus

BIENES_RENTAS = "bienes_rentas"  # every active servant, yearly (Ley 190 de 1995, SIGEP)
LEY_2013 = "ley_2013"  # the subjects HR marks (Ley 2013 de 2019, literals f and g included)
# The yearly preventive declaration of conflicts of interest (issue #18): every active servant
# and contractor, once a year and on joining, lists what could clash or says «sin novedad».
PREVENTIVA = "preventiva"
# The API's and the console's type of a declaration kind; KINDS is derived from it (one list).
AssetKind = Literal["bienes_rentas", "ley_2013", "preventiva"]
KINDS: tuple[AssetKind, ...] = get_args(AssetKind)
# The first year recorded: Ley 2013 de 2019 (30 de diciembre de 2019), which obliges the
# publication of bienes y rentas and conflicts of interest, came into force that year.
FIRST_YEAR = 2019
ASSET_FILINGS = table("asset_filings", column("person_id"), column("year"), column("kind"),
                      column("required"), column("filed_on"))
REMINDER_WINDOWS = table("asset_reminder_windows", column("year"), column("kind"),
                         column("opens_on", Date), column("closes_on", Date))


def deadline(year: int) -> date:
    """The last day to file bienes y rentas of ``year``: territorial entities file from 1 June
    to 31 July (Decreto 484 de 2017; DOMAIN.md §2.8). The bot's /bienes, the compliance page and
    the campaigns' default reminder all say this one date."""
    return date(year, 7, 31)


def window_opens(year: int) -> date:
    """The first day of the territorial filing window (1 June)."""
    return date(year, 6, 1)


def default_reminder_window(year: int, kind: str = BIENES_RENTAS) -> tuple[date, date]:
    """The reminders' window when HR set none: for an asset declaration the territorial filing
    window, 1 June to 31 July of ``year``; for the yearly preventive declaration the whole year
    (someone who joins in October owes it too)."""
    if kind == PREVENTIVA:
        return date(year, 1, 1), date(year, 12, 31)
    return window_opens(year), deadline(year)


@dataclass(frozen=True)
class ReminderWindow:
    """When the reminders of one declaration and year go out (both days included);
    ``configured`` when HR set it (otherwise ``default_reminder_window``)."""

    opens_on: date
    closes_on: date
    configured: bool = False

    def open_on(self, day: date) -> bool:
        return self.opens_on <= day <= self.closes_on


async def reminder_window(session: AsyncSession, *, year: int, kind: str) -> ReminderWindow:
    """The reminder window of ``kind`` and ``year``: the one HR set (``asset_reminder_windows``)
    or the default. The one rule the compliance page, the campaigns' audience (count and send)
    and the automatic reminders all read."""
    row = (await session.execute(
        select(REMINDER_WINDOWS.c.opens_on, REMINDER_WINDOWS.c.closes_on).where(
            REMINDER_WINDOWS.c.year == year, REMINDER_WINDOWS.c.kind == kind))).first()
    if row is None:
        return ReminderWindow(*default_reminder_window(year, kind))
    return ReminderWindow(row[0], row[1], configured=True)


def last_year(today_year: int) -> int:
    """The latest year a filing may be recorded for (next year's, prepared ahead)."""
    return today_year + 1


def must_file(kind: str, marked: ColumnElement[bool]) -> ColumnElement[bool]:
    """People obliged to file ``kind``: those HR marked (``marked``, the caller's view of the
    filing row) and, for bienes y rentas, every active servant; for the preventive declaration,
    every active servant and contractor; never someone retired."""
    obliged = marked
    if kind == BIENES_RENTAS:
        obliged = or_(marked, and_(Person.kind == PersonKind.SERVIDOR.value,
                                   Person.status == PersonStatus.ACTIVA.value))
    elif kind == PREVENTIVA:
        obliged = or_(marked, and_(Person.kind.in_([k.value for k in PersonKind]),
                                   Person.status == PersonStatus.ACTIVA.value))
    return and_(obliged, Person.retired_at.is_(None))


def pending(year: int, kind: str) -> ColumnElement[bool]:
    """People who must file ``kind`` for ``year`` and have no filing recorded (a condition on
    ``Person``, for a ``WHERE``)."""
    if kind not in KINDS:
        return false()
    row = and_(ASSET_FILINGS.c.person_id == Person.id, ASSET_FILINGS.c.year == year,
               ASSET_FILINGS.c.kind == kind)
    marked = exists(select(ASSET_FILINGS.c.person_id).where(
        row, ASSET_FILINGS.c.required.is_(True)))
    filed = exists(select(ASSET_FILINGS.c.person_id).where(
        row, ASSET_FILINGS.c.filed_on.is_not(None)))
    return and_(must_file(kind, marked), ~filed)
