"""The HR web console: server-rendered Spanish pages under ``/consola``.

``install(app)`` adds everything: templates, static files, the pages' routers, HTML error pages
for console paths, security headers and the bridge that lets the API accept a console session.
A feature adds its pages by declaring them in ``access.PAGES`` and its router in ``ROUTERS``.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

from api.console.api_session import staff_from_console_session
from api.console.errors import install_console_errors
from api.console.headers import ConsoleHeaders
from api.console.pages import (account, audit, auth, campaigns, consultations, directory,
                                feedback, home, staff, suggestions, surveys)
from api.console.rendering import Renderer

STATIC = Path(__file__).parent / "static"
ROUTERS = (auth.router, home.router, directory.router, audit.router, staff.router,
           account.router, campaigns.router, consultations.router, suggestions.router,
           surveys.router, feedback.router)


def install(app: FastAPI) -> None:
    """Mount the console on the application."""
    settings = app.state.services.settings
    app.state.console_renderer = Renderer(settings.tz, settings.entity_name)
    app.state.session_staff_resolver = staff_from_console_session
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/consola/estatico", StaticFiles(directory=STATIC), name="consola-estatico")
    install_console_errors(app)
    app.add_middleware(ConsoleHeaders)
