"""What the service is made of: routers and long-running components. One line per feature."""

from __future__ import annotations

from fastapi import FastAPI

from api import console
from api.routes import (
    audit,
    auth,
    campaigns,
    consultation_entries,
    consultations,
    health,
    people,
    staff,
    surveys,
)
from campañas.runtime import get_runtime
from foro import routes as foro_routes
from foro.service import install as install_foro
from nucleo.lifecycle import Component
from nucleo.ports import CAMPAIGNS
from nucleo.services import Services


def include_routers(app: FastAPI) -> None:
    for module in (health, auth, staff, people, audit, surveys, consultations,
                   consultation_entries, campaigns, foro_routes):
        app.include_router(module.router)
    console.install(app)


def build_components(services: Services) -> list[Component]:
    """The bot, scheduler and workers that run in the service's event loop."""
    from bot.encuestas.component import SurveyReminders

    components: list[Component] = [_consultations(services), SurveyReminders(services)]
    campaigns_runtime = get_runtime(services)
    services.extras[CAMPAIGNS] = campaigns_runtime.port
    components.extend(campaigns_runtime.components())  # type: ignore[arg-type]
    components.extend(install_foro(services))  # SUGGESTIONS port, forum backend, outbox worker
    if services.settings.telegram_enabled:
        from bot.telegram.app import TelegramComponent, build_bot

        application = build_bot(services.settings, services)
        services.extras["telegram_app"] = application
        components.append(TelegramComponent(services.settings, application))
    return components


def _consultations(services: Services) -> Component:
    """The consultation engine, in memory once, as the CONSULTATIONS port; its desk component."""
    from bot.consultas.component import ConsultationsComponent
    from bot.consultas.reminders import TelegramStaffSender
    from bot.consultas.service import ConsultationService
    from nucleo.ports import CONSULTATIONS

    service = ConsultationService.from_files(services)
    services.extras[CONSULTATIONS] = service

    def sender() -> TelegramStaffSender | None:
        application = services.get("telegram_app")
        return TelegramStaffSender(application.bot) if application is not None else None

    return ConsultationsComponent(service, sender=sender)
