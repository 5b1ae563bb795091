"""What the service is made of: routers and long-running components. One line per feature."""

from __future__ import annotations

from fastapi import FastAPI

from api import console
from api.routes import audit, auth, health, people, staff, surveys
from foro import routes as foro_routes
from foro.service import install as install_foro
from nucleo.lifecycle import Component
from nucleo.services import Services


def include_routers(app: FastAPI) -> None:
    for module in (health, auth, staff, people, audit, surveys, foro_routes):
        app.include_router(module.router)
    console.install(app)


def build_components(services: Services) -> list[Component]:
    """The bot, scheduler and workers that run in the service's event loop."""
    from bot.encuestas.component import SurveyReminders

    components: list[Component] = [SurveyReminders(services)]
    components.extend(install_foro(services))  # SUGGESTIONS port, forum backend, outbox worker
    if services.settings.telegram_enabled:
        from bot.telegram.app import TelegramComponent, build_bot

        application = build_bot(services.settings, services)
        services.extras["telegram_app"] = application
        components.append(TelegramComponent(services.settings, application))
    return components
