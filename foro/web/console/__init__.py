"""Sugerencias: triage by status and value, the official answer (draft, publish), forum sync
state and moderation. Pages call ``foro``'s actions and queries; they never repeat them.

``listing`` (the list), ``detail`` (one suggestion), ``forms`` (the actions), ``card`` (the
Inicio card).
"""

from __future__ import annotations

from fastapi import APIRouter

from api.console.pages.suggestions import detail, forms, listing
from api.console.pages.suggestions.card import suggestions_by_status

router = APIRouter(include_in_schema=False)
for _part in (listing.router, detail.router, forms.router):
    router.include_router(_part)

__all__ = ["router", "suggestions_by_status"]
