"""The FastAPI application factory; its lifespan runs migrations and every component."""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import partial

from fastapi import FastAPI

from api.errors import install_error_handlers
from api.wiring import (
    build_components,
    include_routers,
    register_flows,
    register_measures,
    register_metrics,
    register_ports,
)
from nucleo import messages
from nucleo.background import background
from nucleo.db import Database
from nucleo.errors import DomainError
from nucleo.lifecycle import Component, stop_bounded
from nucleo.migrate import upgrade_database
from nucleo.services import Services
from nucleo.settings import Settings
from nucleo.staff import count_admins, ensure_first_admin

log = logging.getLogger(__name__)
ComponentsFactory = Callable[[Services], list[Component]]


async def prepare_database(services: Services) -> None:
    """Migrate the database and create the first admin from the settings when needed."""
    await upgrade_database(services.db)
    settings = services.settings
    async with services.db.session() as session:
        password = settings.admin_password.get_secret_value() if settings.admin_password else None
        try:
            created = await ensure_first_admin(session, settings.admin_email, password,
                                               settings.entity_name)
        except DomainError as exc:
            # The reason may quote the address; the log names the setting instead.
            reason = exc.message
            if settings.admin_email:
                reason = reason.replace(settings.admin_email, "VALOR_ADMIN_EMAIL")
            log.error(messages.FIRST_ADMIN_FAILED.format(reason=reason))
            created = False
        if created:
            log.info(messages.FIRST_ADMIN_CREATED)
        elif await count_admins(session) == 0:
            log.warning(messages.NO_ADMIN_HINT)


def end_process() -> None:
    """Leadership lost: end this process gracefully (its supervisor starts it again as a
    standby), rather than restarting the leader's components in place."""
    log.error(messages.LEADERSHIP_LOST)
    os.kill(os.getpid(), signal.SIGTERM)


def create_app(
    settings: Settings,
    *,
    role: str = "all",
    services: Services | None = None,
    components: ComponentsFactory | None = None,
    migrate: bool = True,
) -> FastAPI:
    """Wire the service for these settings and role (``nucleo.lifecycle.ROLES``); tests pass
    their own services/components."""
    services = services or Services(settings=settings,
                                    db=Database(settings.resolved_database_url))
    if components is None:
        components = partial(build_components, role=role, on_lost=end_process)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if migrate:
            await prepare_database(services)
        running: list[Component] = []
        try:
            for component in components(services):
                await component.start()
                running.append(component)
            app.state.components = running
            yield
        finally:
            for component in reversed(running):
                await stop_bounded(component)
            await stop_bounded(background(services))  # jobs that still need the database
            await services.db.dispose()

    app = FastAPI(
        title="El Valor Soy Yo",
        version="0.1.0",
        description="API de la Política de Integridad: campañas, consultas, foro y encuestas.",
        lifespan=lifespan,
        docs_url=None,  # api.routes.docs serves Swagger UI from the installed package
        redoc_url=None,
    )
    app.state.services = services
    app.state.role = role
    install_error_handlers(app)
    include_routers(app, role, services)
    register_metrics(services)
    register_measures(services)
    register_ports(services)
    register_flows(services)
    return app
