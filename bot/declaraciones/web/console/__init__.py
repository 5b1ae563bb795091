"""Declarations in the console: the register (filters, overdue in words), one declaration
(audited read), study and decide (with a confirmation step), the constancia PDF, the XLSX
export and the Inicio card. Reads go through the JSON API's functions; changes through
``bot.declaraciones.actions``."""

from __future__ import annotations

from bot.declaraciones.web import messages
from bot.declaraciones.web.console import (  # noqa: F401  # imported for their routes, which join the router
    assets,
    crosscheck,
    links,
    recusals,
    zones,
)
from bot.declaraciones.web.console.register import declarations_card, router
from bot.declaraciones.web.console.trend import assets_per_year
from nucleo.web.console.feature import ConsoleFeature

CONSOLE = ConsoleFeature(router, "bot.declaraciones.web", messages, cards=(declarations_card,
                                                                                  assets_per_year))
