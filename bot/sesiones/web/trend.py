"""The sessions' trend card on Inicio: people who attended a sensitization session and the
attendances recorded, month by month (the report's measure, once per month)."""

from __future__ import annotations

from bot.sesiones import messages as session_messages
from bot.sesiones.measures import PeopleAttended
from bot.sesiones.web import messages
from nucleo.report.trends import detail, headline
from nucleo.web.console.cards import Card
from nucleo.web.console.context import Console
from nucleo.web.console.trends import Trend, trend_card

TREND = Trend("c-ses-months", messages.SES_CARD_TREND, PeopleAttended(), (
    (messages.SES_TREND_PEOPLE, headline),
    (session_messages.MEASURE_ATTENDANCES, detail(session_messages.MEASURE_ATTENDANCES))),
    monthly=True)


async def sessions_per_month(console: Console) -> Card | None:
    """Attendance per month over the last twelve months, for who may see the sessions."""
    if not console.can("sesiones"):
        return None
    return await trend_card(console, TREND, link=("/consola/sesiones", messages.SES_TITLE))
