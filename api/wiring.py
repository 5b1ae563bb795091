"""What the service is made of: routers and long-running components. One line per feature."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI

from api import console
from api.routes import audit, auth, docs, health, home, metrics, staff
from bot.consultas.web import api as consultations_api
from bot.consultas.web import api_entries as consultation_entries_api
from bot.consultas.web.console import CONSOLE as CONSULTATIONS_CONSOLE
from bot.declaraciones.web import api as declarations_api
from bot.declaraciones.web import constancia as declarations_constancia
from bot.declaraciones.web import link as declarations_link
from bot.declaraciones.web.console import CONSOLE as DECLARATIONS_CONSOLE
from bot.declaraciones.web.console import assets as declarations_assets
from bot.declaraciones.web.console import crosscheck as declarations_crosscheck
from bot.encuestas.web import api as surveys_api
from bot.encuestas.web.console import CONSOLE as SURVEYS_CONSOLE
from bot.sesiones.web import api as sessions_api
from bot.sesiones.web.console import CONSOLE as SESSIONS_CONSOLE
from bot.telegram import webhook as telegram_webhook
from bot.web import routes as web_chat
from bot.whatsapp import webhook as whatsapp_webhook
from bot.whatsapp.settings import whatsapp_settings
from campañas.runtime import get_runtime
from campañas.web import api as campaigns_api
from campañas.web import api_uncertain as campaigns_uncertain_api
from campañas.web.console import CONSOLE as CAMPAIGNS_CONSOLE
from campañas.web.console import detail as campaigns_console_detail
from foro.service import install as install_foro
from foro.web import routes as foro_routes
from foro.web.console import CONSOLE as FORUM_CONSOLE
from informe.web import api as report_api
from informe.web import console as report_console
from informe.web.console import CONSOLE as REPORT_CONSOLE
from nucleo.directory.web import api as people_api
from nucleo.directory.web import console as directory_console
from nucleo.directory.web.console import CONSOLE as DIRECTORY_CONSOLE
from nucleo.leader import Election, leader_lock
from nucleo.lifecycle import Component, Parts
from nucleo.personal_data import personal_data
from nucleo.ports import (
    CAMPAIGNS,
    DIRECTORY_INVITATIONS,
    POSTERS,
    WHATSAPP_ACCOUNT,
    WHATSAPP_STATUSES,
    WhatsAppAccount,
)
from nucleo.report import MEASURES, MeasureRegistry
from nucleo.services import Key, Services
from nucleo.web.body_limit import BodyLimit
from nucleo.web.errors import document_errors

ROUTERS = (home, health, metrics, auth, staff, audit,  # the service itself
           people_api,                                 # directorio
           surveys_api,                                # encuestas
           consultations_api, consultation_entries_api,  # consultas
           declarations_api, declarations_link,        # declaraciones
           declarations_constancia,                    # declaraciones: PDF for the declarant
           sessions_api,                               # sesiones de sensibilización
           campaigns_api, campaigns_uncertain_api,     # campañas
           foro_routes,                                # foro: API, Discourse webhook, portal
           report_api,                                 # informe: plan de acción and report
           web_chat, telegram_webhook)                 # bot channels
# Console parts, in the order of their Inicio cards.
CONSOLE = (CAMPAIGNS_CONSOLE, CONSULTATIONS_CONSOLE, DECLARATIONS_CONSOLE, FORUM_CONSOLE,
           SURVEYS_CONSOLE, SESSIONS_CONSOLE, REPORT_CONSOLE, DIRECTORY_CONSOLE)
# Routes that take a file, with their own body limit (every other route: 1 MB).
UPLOADS = {**campaigns_api.UPLOADS, **campaigns_console_detail.UPLOADS,
           **people_api.UPLOADS, **directory_console.UPLOADS, **report_console.UPLOADS,
           **declarations_crosscheck.UPLOADS, **declarations_api.UPLOADS,
           **declarations_assets.UPLOADS}


WORKER_ROUTERS = (health, metrics)  # a worker serves only /health, /ready and /metrics
ELECTION: Key[Election] = Key("leader_election")  # absent on web replicas
FLOWS_REGISTERED: Key[bool] = Key("module_flows_registered")


def include_routers(app: FastAPI, role: str = "all", services: Services | None = None) -> None:
    if role == "worker":
        for module in WORKER_ROUTERS:
            app.include_router(module.router)
        return
    for module in ROUTERS:
        app.include_router(module.router)
    if services is not None and whatsapp_settings(services).enabled:
        app.include_router(whatsapp_webhook.router)  # only with VALOR_WHATSAPP_* set
    console.install(app, CONSOLE)
    docs.install(app)
    document_errors(app)
    app.add_middleware(BodyLimit, routes=UPLOADS)  # outermost: before anything reads a body


def register_ports(services: Services) -> None:
    """Ports the web pages use whether or not the workers run in this process."""
    from campañas.carteles import PosterRenderer
    from campañas.invitations import DirectoryInvitationsPort
    from campañas.whatsapp_status import DeliveryStatuses

    services.setdefault(DIRECTORY_INVITATIONS, lambda: DirectoryInvitationsPort(services))
    services.setdefault(POSTERS, lambda: PosterRenderer(services.settings.entity_name))
    services.setdefault(WHATSAPP_STATUSES, lambda: DeliveryStatuses(services.db))
    wa = whatsapp_settings(services)
    token, number = wa.token, wa.phone_number_id
    if wa.enabled and token is not None and number is not None:
        services.setdefault(WHATSAPP_ACCOUNT, lambda: WhatsAppAccount(
            wa.api_root, number, token.get_secret_value(), wa.rate, wa.timeout,
            wa.business_account_id, wa.reminder_template, wa.reminder_template_language))


def register_flows(services: Services) -> None:
    """The modules' conversations and /start routes in the bot's one registry, and their
    /misdatos sections, once per service: the web chat page reads the start routes on every
    role, the bot the whole registry."""
    services.setdefault(FLOWS_REGISTERED, lambda: _register_flows(services))


def _register_flows(services: Services) -> bool:
    from bot.declaraciones.flow import register as register_declaration_flow
    from bot.encuestas.flow import register as register_survey_flow
    from bot.service import dialogue_core
    from bot.sesiones.flow import register as register_session_flow

    dialogue_core(services)  # the built-in flows first: their start routes come first
    register_survey_flow(services)
    register_declaration_flow(services)
    register_session_flow(services)
    register_personal_data(services)
    return True


def register_personal_data(services: Services) -> None:
    """The modules' /misdatos sections (``nucleo.personal_data``), in the order shown."""
    from bot.encuestas.personal_data import section as survey_data
    from bot.sesiones.personal_data import section as session_data
    from campañas.personal_data import section as campaign_data
    from foro.personal_data import section as forum_data

    data = personal_data(services)
    for section in (forum_data, survey_data, campaign_data, session_data):
        data.add(section)


def register_measures(services: Services) -> None:
    """The measures the integrity report reads (``nucleo.report``), one line per module."""
    from bot.consultas.measures import PROVIDERS as CONSULTATION_MEASURES
    from bot.declaraciones.measures import PROVIDERS as DECLARATION_MEASURES
    from bot.encuestas.measures import PROVIDERS as SURVEY_MEASURES
    from bot.sesiones.measures import PROVIDERS as SESSION_MEASURES
    from campañas.measures import PROVIDERS as CAMPAIGN_MEASURES
    from foro.measures import PROVIDERS as FORUM_MEASURES

    registry = MeasureRegistry()
    for providers in (CAMPAIGN_MEASURES, SURVEY_MEASURES, CONSULTATION_MEASURES, FORUM_MEASURES,
                      DECLARATION_MEASURES, SESSION_MEASURES):
        registry.extend(providers)
    services.provide(MEASURES, registry)


def register_metrics(services: Services) -> None:
    """The queues ``/metrics`` reads at scrape time, and whether this process leads."""
    from bot.models import OutboxMessage
    from campañas.models import Delivery
    from foro.models import ForumOutbox

    services.metrics.watch("campanas", Delivery.__table__)
    services.metrics.watch("bot", OutboxMessage.__table__)
    services.metrics.watch("foro", ForumOutbox.__table__)
    services.metrics.leader = lambda: is_leader(services)


def build_components(services: Services, role: str = "all", *,
                     on_lost: Callable[[], None] | None = None) -> list[Component]:
    """The bot, scheduler and workers that run in the service's event loop. Every role builds
    the ports; the senders, the scheduler, reminders and Telegram polling run only in the
    elected leader (``nucleo.leader``), never on a web replica."""
    from bot.declaraciones.component import DeclarationReminders
    from bot.encuestas.component import SCRUBBER, SurveyReminders, SurveyScrubber
    from bot.encuestas.tally import SCRUB
    from bot.wiring import bot_parts

    # The bot first: it registers the notifier the other features queue messages through.
    parts: Parts = bot_parts(services)
    register_flows(services)
    scrubber = services.provide(SCRUBBER, SurveyScrubber(services))
    services.db.listen(SCRUB, scrubber.wake)
    parts.everywhere += [_consultations(services, role), scrubber]
    parts.leader.append(SurveyReminders(services))
    parts.leader.append(DeclarationReminders(  # a job of the one scheduler (campaigns' runtime)
        services, scheduler=lambda: get_runtime(services).scheduler.scheduler))
    campaigns_runtime = get_runtime(services)
    services.provide(CAMPAIGNS, campaigns_runtime.port)
    parts.leader.extend(campaigns_runtime.components())  # type: ignore[arg-type]  # campañas.runtime returns list[object]
    parts.leader.extend(install_foro(services))  # SUGGESTIONS port, forum backend, worker
    if role == "web":
        return parts.everywhere
    election = Election(leader_lock(services.db.url, services.db.schema), parts.leader, on_lost=on_lost)
    services.provide(ELECTION, election)
    return [*parts.everywhere, election]


def is_leader(services: Services) -> bool:
    """Whether this process runs the senders now."""
    election = services.get(ELECTION)
    return bool(election is not None and election.leading)


def _consultations(services: Services, role: str) -> Component:
    """The consultation engine, in memory once, as the CONSULTATIONS port; its desk component."""
    from bot.consultas.component import ConsultationsComponent
    from bot.consultas.reminders import TelegramStaffSender
    from bot.consultas.service import DESK, ConsultationService
    from bot.wiring import TELEGRAM_APP

    service = services.provide(DESK, ConsultationService.from_files(services))

    def sender() -> TelegramStaffSender | None:
        application = services.get(TELEGRAM_APP)
        return TelegramStaffSender(application.bot) if application is not None else None

    def reminds() -> bool:
        return role != "web" and is_leader(services)

    return ConsultationsComponent(service, sender=sender, reminds=reminds)
