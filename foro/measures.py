"""What the forum tells the integrity report (``nucleo.report``): suggestions received in a
period, answered and adopted. Not split by dependency (suggestions may be anonymous and a small
office would point at its author). Read only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from foro import messages
from foro.models import Suggestion, SuggestionAnswer
from foro.states import Status
from nucleo.report import Figures, Period, per_period_rows
from nucleo.report import messages as report_messages


async def _counts(session: AsyncSession, periods: Sequence[Period]
                  ) -> list[tuple[int, int, int, int]]:
    """(received, answered, adopted, not adopted) for suggestions received in each period, from
    one statement with a row per period."""
    published = exists().where(SuggestionAnswer.suggestion_id == Suggestion.id,
                               SuggestionAnswer.published_at.is_not(None))
    found = await per_period_rows(session, periods, lambda index, p: select(
        index, func.count(), func.count().filter(published),
        func.count().filter(Suggestion.status == Status.ADOPTADA.value),
        func.count().filter(Suggestion.status == Status.NO_ADOPTADA.value))
        .where(Suggestion.created_at >= p.start, Suggestion.created_at < p.end,
               Suggestion.hidden_at.is_(None)))
    return [(received, answered, adopted, rejected)
            for (received, answered, adopted, rejected), in found]


@dataclass(frozen=True)
class SuggestionsMeasure:
    """Answered (or adopted) suggestions / suggestions received in the period."""

    key: str
    label: str
    unit: str
    adopted: bool
    source: str = messages.MEASURE_SOURCE

    async def measure_series(self, session: AsyncSession,
                             periods: Sequence[Period]) -> list[Figures]:
        return [Figures(value=adopted if self.adopted else answered, total=received,
                        details=((messages.MEASURE_RECEIVED, received),
                                 (messages.MEASURE_WITH_ANSWER, answered),
                                 (messages.MEASURE_WERE_ADOPTED, adopted),
                                 (messages.MEASURE_NOT_ADOPTED, rejected)))
                for received, answered, adopted, rejected in await _counts(session, periods)]

    async def measure(self, session: AsyncSession, period: Period,
                      group_by_dependency: bool = False) -> Figures:
        figures = (await self.measure_series(session, [period]))[0]
        return replace(figures, note=report_messages.NO_GROUPS if group_by_dependency else None)


ANSWERED = SuggestionsMeasure("sugerencias.respondidas", messages.MEASURE_ANSWERED,
                              messages.MEASURE_ANSWERED_UNIT, adopted=False)
ADOPTED = SuggestionsMeasure("sugerencias.adoptadas", messages.MEASURE_ADOPTED,
                             messages.MEASURE_ADOPTED_UNIT, adopted=True)
PROVIDERS = (ANSWERED, ADOPTED)
