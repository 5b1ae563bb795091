"""Campañas in the console: list and create, the campaign page (pieces, preview, test send,
schedule, send, pause/resume/cancel, WhatsApp template, progress, stats and exports) and the
value calendar.
Every change goes through ``campañas.actions``; nothing here repeats their rules."""

from __future__ import annotations

from fastapi import APIRouter

from campañas.web import messages
from campañas.web.console import (
    carteles,
    control,
    detail,
    exports,
    listing,
    logo,
    uncertain,
    whatsapp,
)
from campañas.web.console.reach import last_campaign_reach, reach_per_week, week_value
from nucleo.web.console.feature import ConsoleFeature

router = APIRouter(include_in_schema=False)
for _part in (listing, logo, detail, control, whatsapp, exports, carteles, uncertain):
    router.include_router(_part.router)

CONSOLE = ConsoleFeature(router, "campañas.web", messages,
                         cards=(week_value, last_campaign_reach, reach_per_week),
                         static=True)
