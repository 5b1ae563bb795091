"""Every route of the forum: REST API, Discourse webhook and the built-in portal."""

from __future__ import annotations

from fastapi import APIRouter

from foro import api, webhook
from foro.portal import routes as portal

router = APIRouter()
router.include_router(api.router)
router.include_router(webhook.router)
router.include_router(portal.router)
