"""What the service is made of: routers and long-running components. One line per feature."""

from __future__ import annotations

from fastapi import FastAPI

from api.routes import audit, auth, health, people, staff
from bot.telegram import webhook as telegram_webhook
from bot.web import routes as web_chat
from nucleo.lifecycle import Component
from nucleo.services import Services


def include_routers(app: FastAPI) -> None:
    for module in (health, auth, staff, people, audit, web_chat, telegram_webhook):
        app.include_router(module.router)


def build_components(services: Services) -> list[Component]:
    """The bot, scheduler and workers that run in the service's event loop."""
    from bot.wiring import bot_components

    components: list[Component] = []
    components.extend(bot_components(services))
    return components
