"""Consultas in the console: escalated tickets, promoting answers, the knowledge base, "probar".

Pages call the consultation desk's actions (``bot.consultas``) and read through the JSON API's
functions (``api.routes.consultations``, ``api.routes.consultation_entries``).
"""

from __future__ import annotations

from fastapi import APIRouter

from api.console.pages.consultations import knowledge, promote, tickets, trial
from api.console.pages.consultations.tickets import tickets_due_card

router = APIRouter(include_in_schema=False)
# "probar" and "base" before the ticket routes' patterns, for readability (ids are integers).
for part in (trial.router, knowledge.router, tickets.router, promote.router):
    router.include_router(part)

__all__ = ["router", "tickets_due_card"]
