"""Who must file an asset declaration for a year and has not filed it: the one condition the
declarations' compliance list (``bot.declaraciones.assets``) and the campaigns' audience
«pendientes_bienes» share. The table is the bot's (``bot/declaraciones/models.py``), read here
by name so that campaigns never import the bot."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, and_, column, exists, false, or_, select, table, true

from nucleo.models import Person, PersonKind, PersonStatus

BIENES_RENTAS = "bienes_rentas"  # every active servant, yearly (Ley 190 de 1995, SIGEP)
LEY_2013 = "ley_2013"  # the subjects HR marks (Ley 2013 de 2019, literals f and g included)
KINDS = (BIENES_RENTAS, LEY_2013)
# The first year recorded: Ley 2013 de 2019 (30 de diciembre de 2019), which obliges the
# publication of bienes y rentas and conflicts of interest, came into force that year.
FIRST_YEAR = 2019
ASSET_FILINGS = table("asset_filings", column("person_id"), column("year"), column("kind"),
                      column("required"), column("filed_on"))
REMINDER_WINDOWS = table("asset_reminder_windows", column("year"), column("kind"),
                         column("opens_on"), column("closes_on"))


def deadline(year: int) -> date:
    """The last day to file bienes y rentas of ``year``: territorial entities file from 1 June
    to 31 July (Decreto 484 de 2017; DOMAIN.md §2.8). The bot's /bienes, the compliance page and
    the campaigns' default reminder all say this one date."""
    return date(year, 7, 31)


def window_opens(year: int) -> date:
    """The first day of the territorial filing window (1 June)."""
    return date(year, 6, 1)


def default_reminder_window(year: int) -> tuple[date, date]:
    """The reminders' window when HR set none: the territorial filing window, 1 June to 31 July
    of ``year``."""
    return window_opens(year), deadline(year)


def in_reminder_window(year: int, kind: str, today: date) -> ColumnElement[bool]:
    """Whether ``today`` (the entity's local date) falls in the reminder window of ``kind`` and
    ``year``: the one HR set (``asset_reminder_windows``), or ``default_reminder_window``. A
    condition that needs no ``FROM``: reminder campaigns add it to their audience."""
    row = and_(REMINDER_WINDOWS.c.year == year, REMINDER_WINDOWS.c.kind == kind)
    configured = exists(select(REMINDER_WINDOWS.c.year).where(row))
    inside = exists(select(REMINDER_WINDOWS.c.year).where(
        row, REMINDER_WINDOWS.c.opens_on <= today, REMINDER_WINDOWS.c.closes_on >= today))
    opens, closes = default_reminder_window(year)
    return or_(inside, and_(~configured, true() if opens <= today <= closes else false()))


def last_year(today_year: int) -> int:
    """The latest year a filing may be recorded for (next year's, prepared ahead)."""
    return today_year + 1


def must_file(kind: str, marked: ColumnElement[bool]) -> ColumnElement[bool]:
    """People obliged to file ``kind``: those HR marked (``marked``, the caller's view of the
    filing row) and, for bienes y rentas, every active servant; never someone retired."""
    obliged = marked
    if kind == BIENES_RENTAS:
        obliged = or_(marked, and_(Person.kind == PersonKind.SERVIDOR.value,
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
