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
    home,
    people,
    staff,
    surveys,
)
from bot.telegram import webhook as telegram_webhook
from bot.web import routes as web_chat
from campañas.runtime import get_runtime
from foro import routes as foro_routes
from foro.service import install as install_foro
from nucleo.lifecycle import Component
from nucleo.ports import CAMPAIGNS
from nucleo.services import Services


def include_routers(app: FastAPI) -> None:
    for module in (home, health, auth, staff, people, audit, surveys, consultations,
                   consultation_entries, campaigns, foro_routes, web_chat, telegram_webhook):
        app.include_router(module.router)
    console.install(app)


def build_components(services: Services) -> list[Component]:
    """The bot, scheduler and workers that run in the service's event loop."""
    from bot.encuestas.component import SurveyReminders
    from bot.encuestas.flow import register as register_survey_flow
    from bot.wiring import bot_components

    # The bot first: it registers the notifier the other features queue messages through.
    components: list[Component] = list(bot_components(services))
    register_survey_flow(services)
    components += [_consultations(services), SurveyReminders(services)]
    campaigns_runtime = get_runtime(services)
    services.extras[CAMPAIGNS] = campaigns_runtime.port
    components.extend(campaigns_runtime.components())  # type: ignore[arg-type]
    components.extend(install_foro(services))  # SUGGESTIONS port, forum backend, outbox worker
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
