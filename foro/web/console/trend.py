"""The suggestions' trend card on Inicio: suggestions received per month and how many of them
have a published answer (the report's measure, once per month; never split by dependency)."""

from __future__ import annotations

from foro import messages as foro_messages
from foro.measures import ANSWERED
from foro.web import messages
from nucleo.report.trends import detail
from nucleo.web.console.cards import Card
from nucleo.web.console.context import Console
from nucleo.web.console.trends import Trend, trend_card

TREND = Trend("c-sug-months", messages.CARD_SUGGESTIONS_TREND, ANSWERED, (
    (messages.SUGGESTIONS_TREND_RECEIVED, detail(foro_messages.MEASURE_RECEIVED)),
    (messages.SUGGESTIONS_TREND_ANSWERED, detail(foro_messages.MEASURE_WITH_ANSWER))), monthly=True)


async def suggestions_per_month(console: Console) -> Card | None:
    """Received per month over the last twelve months, for who may read suggestions."""
    if not console.can("sugerencias"):
        return None
    return await trend_card(console, TREND,
                            link=("/consola/sugerencias", messages.SUGGESTIONS_TITLE))
