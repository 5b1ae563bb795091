"""The one rule for the report periods a survey belongs to (both survey measures use it).

A survey runs from its launch (``launched_at``) to its end: the instant it was closed
(``closed_at``), the days it really was open and not the planned ``opens_on``/``closes_on``.
One not closed yet (or closed before ``closed_at`` was kept) ends, for the report, on its
planned closing day (``closes_on``): still open past it, it does not count in every later
period for ever; once closed it counts up to the day it was closed.

- ``open_during``: it ran at some point of the period (participation);
- ``ended_in``: its end falls in the period, so it counts once (results of closed surveys).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, or_

from bot.encuestas.models import Survey
from nucleo.report import Period


def _ends_from(period: Period) -> ColumnElement[bool]:
    """Its end is on or after the first day of the period."""
    return or_(Survey.closed_at >= period.start,
               and_(Survey.closed_at.is_(None), Survey.closes_on >= period.since))


def open_during(period: Period) -> ColumnElement[bool]:
    """Launched before the period ended and not ended before it began."""
    return and_(Survey.launched_at < period.end, _ends_from(period))


def ended_in(period: Period) -> ColumnElement[bool]:
    """Its end (``closed_at``, else the planned ``closes_on``) falls in the period."""
    return and_(_ends_from(period),
                or_(Survey.closed_at < period.end,
                    and_(Survey.closed_at.is_(None), Survey.closes_on <= period.until)))
