"""Every route of the forum: REST API, Discourse webhook and the built-in portal."""

from __future__ import annotations

from fastapi import APIRouter

from foro.discourse import webhook
from foro.portal import routes as portal
from foro.web import api

router = APIRouter()
router.include_router(api.router)
router.include_router(webhook.router)
router.include_router(portal.router)
