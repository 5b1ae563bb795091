"""What the service is made of: routers and long-running components. One line per feature."""

from __future__ import annotations

from fastapi import FastAPI

from api.routes import audit, auth, campaigns, health, people, staff
from campañas.runtime import get_runtime
from nucleo.lifecycle import Component
from nucleo.ports import CAMPAIGNS
from nucleo.services import Services


def include_routers(app: FastAPI) -> None:
    for module in (health, auth, staff, people, audit, campaigns):
        app.include_router(module.router)


def build_components(services: Services) -> list[Component]:
    """The bot, scheduler and workers that run in the service's event loop."""
    components: list[Component] = []
    campaigns_runtime = get_runtime(services)
    services.extras[CAMPAIGNS] = campaigns_runtime.port
    components.extend(campaigns_runtime.components())  # type: ignore[arg-type]
    if services.settings.telegram_enabled:
        from bot.telegram.app import TelegramComponent, build_bot

        application = build_bot(services.settings, services)
        services.extras["telegram_app"] = application
        components.append(TelegramComponent(services.settings, application))
    return components
