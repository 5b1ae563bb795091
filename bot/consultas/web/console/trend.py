"""The consultations' trend card on Inicio: escalated consultations received and answered,
week by week (the report's on-time measure, once per week; never split by dependency)."""

from __future__ import annotations

from bot.consultas import messages as desk_messages
from bot.consultas.measures import ConsultationsOnTime
from bot.consultas.web import messages
from nucleo.report.trends import detail
from nucleo.web.console.cards import Card
from nucleo.web.console.context import Console
from nucleo.web.console.trends import Trend, trend_card

TREND = Trend("c-consult-weeks", messages.CARD_CONSULT_TREND, ConsultationsOnTime(), (
    (messages.CONSULT_TREND_RECEIVED, detail(desk_messages.MEASURE_OPENED)),
    (messages.CONSULT_TREND_ANSWERED, detail(desk_messages.MEASURE_ANSWERED))))


async def consultations_per_week(console: Console) -> Card | None:
    """Received vs answered (of those received that week), for who may read consultations."""
    if not console.can("consultas"):
        return None
    return await trend_card(console, TREND, link=("/consola/consultas", messages.CONSULT_TITLE))
