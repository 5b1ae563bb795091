"""What the service is made of: routers and long-running components. One line per feature."""

from __future__ import annotations

from fastapi import FastAPI

from api import console
from api.routes import audit, auth, docs, health, home, staff
from bot.consultas.web import api as consultations_api
from bot.consultas.web import api_entries as consultation_entries_api
from bot.consultas.web.console import CONSOLE as CONSULTATIONS_CONSOLE
from bot.encuestas.web import api as surveys_api
from bot.encuestas.web.console import CONSOLE as SURVEYS_CONSOLE
from bot.telegram import webhook as telegram_webhook
from bot.web import routes as web_chat
from campañas.runtime import get_runtime
from campañas.web import api as campaigns_api
from campañas.web.console import CONSOLE as CAMPAIGNS_CONSOLE
from campañas.web.console import detail as campaigns_console_detail
from foro.service import install as install_foro
from foro.web import routes as foro_routes
from foro.web.console import CONSOLE as FORUM_CONSOLE
from nucleo.directory.web import api as people_api
from nucleo.directory.web import console as directory_console
from nucleo.directory.web.console import CONSOLE as DIRECTORY_CONSOLE
from nucleo.lifecycle import Component
from nucleo.ports import CAMPAIGNS
from nucleo.web.body_limit import BodyLimit
from nucleo.services import Services

ROUTERS = (home, health, auth, staff, audit,          # the service itself
           people_api,                                 # directorio
           surveys_api,                                # encuestas
           consultations_api, consultation_entries_api,  # consultas
           campaigns_api,                              # campañas
           foro_routes,                                # foro: API, Discourse webhook, portal
           web_chat, telegram_webhook)                 # bot channels
# Console parts, in the order of their Inicio cards.
CONSOLE = (CAMPAIGNS_CONSOLE, CONSULTATIONS_CONSOLE, FORUM_CONSOLE, SURVEYS_CONSOLE,
           DIRECTORY_CONSOLE)
# Routes that take a file, with their own body limit (every other route: 1 MB).
UPLOADS = {**campaigns_api.UPLOADS, **campaigns_console_detail.UPLOADS,
           **people_api.UPLOADS, **directory_console.UPLOADS}


def include_routers(app: FastAPI) -> None:
    for module in ROUTERS:
        app.include_router(module.router)
    console.install(app, CONSOLE)
    docs.install(app)
    app.add_middleware(BodyLimit, routes=UPLOADS)  # outermost: before anything reads a body


def build_components(services: Services) -> list[Component]:
    """The bot, scheduler and workers that run in the service's event loop."""
    from bot.encuestas.component import SCRUBBER, SurveyReminders, SurveyScrubber
    from bot.encuestas.flow import register as register_survey_flow
    from bot.encuestas.tally import SCRUB
    from bot.wiring import bot_components

    # The bot first: it registers the notifier the other features queue messages through.
    components: list[Component] = list(bot_components(services))
    register_survey_flow(services)
    scrubber = services.extras[SCRUBBER] = SurveyScrubber(services)
    services.db.listen(SCRUB, scrubber.wake)
    components += [_consultations(services), SurveyReminders(services), scrubber]
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
