"""Campañas in the console: list and create, the campaign page (pieces, preview, test send,
schedule, send, pause/resume/cancel, progress, stats and exports) and the value calendar.
Every change goes through ``campañas.actions``; nothing here repeats their rules."""

from __future__ import annotations

from fastapi import APIRouter

from api.console.pages.campaigns import control, detail, exports, listing
from api.console.pages.campaigns.reach import last_campaign_reach

router = APIRouter(include_in_schema=False)
for _part in (listing, detail, control, exports):
    router.include_router(_part.router)

__all__ = ["last_campaign_reach", "router"]
