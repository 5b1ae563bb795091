"""The bienes y rentas trend card on Inicio: people obliged and those who filed, year by year
(the report's compliance measure, once per year: a yearly stock, not a monthly flow)."""

from __future__ import annotations

from bot.declaraciones.measures import AssetFilingCompliance
from bot.declaraciones.web import messages
from nucleo.report import Figures
from nucleo.report.trends import headline
from nucleo.web.console.cards import Card
from nucleo.web.console.context import Console
from nucleo.web.console.trends import Trend, trend_card


def _obliged(figures: Figures) -> int:
    return figures.total or 0


TREND = Trend("c-assets-years", messages.DECL_ASSETS_CARD_TREND, AssetFilingCompliance(), (
    (messages.DECL_ASSETS_TREND_FILED, headline),
    (messages.DECL_ASSETS_TREND_OBLIGED, _obliged)), yearly=True)


async def assets_per_year(console: Console) -> Card | None:
    """For who may see the bienes y rentas page."""
    if not console.can("declaraciones.bienes"):
        return None
    return await trend_card(console, TREND, link=("/consola/declaraciones/bienes",
                                                  messages.DECL_ASSETS_TITLE))
