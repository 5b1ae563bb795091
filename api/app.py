"""The FastAPI application factory; its lifespan runs migrations and every component."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.errors import install_error_handlers
from api.wiring import build_components, include_routers
from nucleo import messages
from nucleo.db import Database
from nucleo.errors import DomainError
from nucleo.lifecycle import Component
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


def create_app(
    settings: Settings,
    *,
    services: Services | None = None,
    components: ComponentsFactory = build_components,
    migrate: bool = True,
) -> FastAPI:
    """Wire the whole service for these settings (tests pass their own services/components)."""
    services = services or Services(settings=settings,
                                    db=Database(settings.resolved_database_url))

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
                try:
                    await component.stop()
                except Exception:  # noqa: BLE001 - keep stopping the others
                    log.exception("component %s failed to stop", component.name)
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
    install_error_handlers(app)
    include_routers(app)
    return app
