"""Sugerencias: triage by status and value, the official answer (draft, publish), forum sync
state and moderation. Pages call ``foro``'s actions and queries; they never repeat them.

``listing`` (the list), ``detail`` (one suggestion), ``forms`` (the actions), ``card`` (the
Inicio card).
"""

from __future__ import annotations

from fastapi import APIRouter

from foro.web import messages
from foro.web.console import bulk, detail, forms, listing
from foro.web.console.card import suggestions_by_status
from foro.web.console.trend import suggestions_per_month
from nucleo.web.console.feature import ConsoleFeature

router = APIRouter(include_in_schema=False)
for _part in (listing.router, bulk.router, detail.router, forms.router):
    router.include_router(_part)

CONSOLE = ConsoleFeature(router, "foro.web", messages, cards=(suggestions_by_status,
                                                         suggestions_per_month))
