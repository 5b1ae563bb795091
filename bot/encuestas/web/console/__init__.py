"""Encuestas: list, create (starter or YAML definition), launch, close, results, comments,
the diagnosis export and the quick feedback. The pages call ``bot.encuestas``'s actions and
results functions."""

from __future__ import annotations

from fastapi import APIRouter

from bot.encuestas.web import messages
from bot.encuestas.web.console import create, feedback, lifecycle, listing, results
from bot.encuestas.web.console.card import survey_participation
from bot.encuestas.web.console.trend import favourable_per_month
from nucleo.web.console.feature import ConsoleFeature

router = APIRouter(include_in_schema=False)
for _part in (listing, create, lifecycle, results, feedback):
    router.include_router(_part.router)

CONSOLE = ConsoleFeature(router, "bot.encuestas.web", messages, cards=(survey_participation,
                                                                          favourable_per_month))
