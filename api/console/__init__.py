"""The HR web console: server-rendered Spanish pages under ``/consola``.

``install(app, features)`` adds everything: the console's own pages (login, Inicio, account,
staff, audit), each feature's ``ConsoleFeature`` (pages, templates, texts, static files, Inicio
cards) in the wiring's order, HTML error pages for console paths, security headers and the
bridge that lets the API accept a console session. Who may open what is ``nucleo.web.access``.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from starlette.staticfiles import StaticFiles

from api.console import messages
from api.console.dashboard import staff_by_role
from api.console.pages import account, audit, auth, home, staff
from nucleo.web.console.api_session import staff_from_console_session
from nucleo.web.console.errors import install_console_errors
from nucleo.web.console.feature import ConsoleFeature
from nucleo.web.console.headers import ConsoleHeaders
from nucleo.web.console.rendering import Renderer

router = APIRouter(include_in_schema=False)
for _part in (auth, home, audit, staff, account):
    router.include_router(_part.router)
OWN = ConsoleFeature(router, "api.console", messages)


def install(app: FastAPI, features: tuple[ConsoleFeature, ...]) -> None:
    """Mount the console and the features' parts of it on the application."""
    settings = app.state.services.settings
    every = (OWN, *features)
    app.state.console_renderer = Renderer(settings.tz, settings.entity_name, every)
    app.state.console_cards = (*(c for f in features for c in f.cards), staff_by_role)
    app.state.session_staff_resolver = staff_from_console_session
    for feature in every:
        app.include_router(feature.router)
    static: list[str | tuple[str, str]] = [
        ("nucleo.web.console", "static"), *((f.package, "static") for f in every if f.static)]
    app.mount("/consola/estatico", StaticFiles(packages=static), name="consola-estatico")
    install_console_errors(app)
    app.add_middleware(ConsoleHeaders)
