"""Consultas in the console: escalated tickets, promoting answers, the knowledge base, "probar".

Pages call the consultation desk's actions (``bot.consultas``) and read through the JSON API's
functions (``bot.consultas.web.api``, ``bot.consultas.web.api_entries``).
"""

from __future__ import annotations

from fastapi import APIRouter

from bot.consultas.web import messages
from bot.consultas.web.console import bulk, knowledge, promote, tickets, trial
from bot.consultas.web.console.tickets import tickets_due_card
from bot.consultas.web.console.trend import consultations_per_week
from nucleo.web.console.feature import ConsoleFeature

router = APIRouter(include_in_schema=False)
# "probar" and "base" before the ticket routes' patterns, for readability (ids are integers).
for part in (trial.router, knowledge.router, tickets.router, bulk.router, promote.router):
    router.include_router(part)

CONSOLE = ConsoleFeature(router, "bot.consultas.web", messages, cards=(tickets_due_card,
                                                                       consultations_per_week))
