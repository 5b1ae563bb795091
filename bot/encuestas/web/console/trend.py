"""The surveys' trend card on Inicio: favourable answers and scale answers of the closed
surveys that closed each month (the report's results measure, once per month: a survey open
across several months counts only in the month of its closing day; only the anonymous counters,
never split by dependency)."""

from __future__ import annotations

from bot.encuestas.results_measure import SurveyResultsMeasure
from bot.encuestas.web import messages
from nucleo.report import Figures
from nucleo.report.trends import headline
from nucleo.web.console.cards import Card
from nucleo.web.console.context import Console
from nucleo.web.console.trends import Trend, trend_card


def _answered(figures: Figures) -> int:
    return figures.total or 0


TREND = Trend("c-survey-months", messages.SURVEY_CARD_TREND, SurveyResultsMeasure(), (
    (messages.SURVEY_TREND_FAVOURABLE, headline),
    (messages.SURVEY_TREND_ANSWERED, _answered)), monthly=True)


async def favourable_per_month(console: Console) -> Card | None:
    """For who may read survey results."""
    if not console.can("encuestas.resultados"):
        return None
    return await trend_card(console, TREND, link=("/consola/encuestas", messages.SURVEYS_TITLE))
