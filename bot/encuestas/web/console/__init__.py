"""Encuestas: list, create (starter or YAML definition), launch, close, results, comments and
the diagnosis export. The pages call ``bot.encuestas``'s actions and results functions."""

from __future__ import annotations

from fastapi import APIRouter

from api.console.pages.surveys import create, lifecycle, listing, results
from api.console.pages.surveys.card import survey_participation

router = APIRouter(include_in_schema=False)
for _part in (listing, create, lifecycle, results):
    router.include_router(_part.router)

__all__ = ["router", "survey_participation"]
