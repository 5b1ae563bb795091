"""Shared helpers of the browser tests: accounts in the live server, pages, login, layout checks.

Each feature's browser tests live in their own ``test_browser_<feature>.py`` and use these with
the ``chromium``, ``live`` and ``screenshots`` fixtures of ``tests/web/console.py``.
"""

from __future__ import annotations

import uuid
from typing import Any

from api.console import messages
from nucleo.directory.importer import import_people
from nucleo.services import Services
from nucleo.staff import create_staff

PASSWORD = "clave-segura-123"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
LONG = "Dependencia de Prueba con un Nombre Larguísimo " + "X" * 80
DIRECTORY = "nombre;documento;correo;dependencia;tipo\n" + "".join(
    f"Persona {i:02d} Apellido;{5000 + i};persona{i}@alcaldia.gov.co;{dep};{kind}\n"
    for i, (dep, kind) in enumerate(
        [("Secretaría de Hacienda", "servidor")] * 12 + [("Secretaría de Salud", "servidor")] * 8
        + [("Talento Humano", "servidor")] * 5 + [("Planeación", "contratista")] * 6
        + [("Secretaría de Gobierno", "contratista")] * 4 + [(LONG, "servidor")] * 2)
) + f"{'Nombre' * 35};9999;largo@alcaldia.gov.co;Planeación;contratista\n"


def staff(live: Any, role: str, name: str | None = None) -> str:
    """Create an account in the live server and return its e-mail."""
    email = f"{role}-{uuid.uuid4().hex[:6]}@alcaldia.gov.co"

    async def work(services: Services) -> None:
        async with services.db.session() as session:
            await create_staff(session, email=email, full_name=name or f"Persona {role}",
                               role=role, password=PASSWORD)

    live.call(work)
    return email


def seed_directory(live: Any) -> None:
    async def work(services: Services) -> None:
        async with services.db.session() as session:
            await import_people(session, DIRECTORY.encode(), create_departments=True)

    live.call(work)


def open_page(chromium: Any, viewport: dict[str, int] = DESKTOP) -> Any:
    context = chromium.new_context(viewport=viewport, locale="es-CO")
    context.set_default_timeout(10_000)
    return context.new_page()


def login(page: Any, live: Any, email: str, then: str = "/consola/") -> None:
    page.goto(live.url + then)
    page.get_by_label(messages.LOGIN_EMAIL, exact=True).fill(email)
    page.get_by_label(messages.LOGIN_PASSWORD, exact=True).fill(PASSWORD)
    page.get_by_role("button", name=messages.LOGIN_SUBMIT).click()
    page.wait_for_url(live.url + then)


def fits_the_screen(page: Any) -> bool:
    return bool(page.evaluate(
        "document.documentElement.scrollWidth <= window.innerWidth + 1"))


def unlabeled_fields(page: Any) -> list[str]:
    return page.evaluate("""[...document.querySelectorAll(
        'input:not([type=hidden]), select, textarea')]
        .filter(e => !e.labels || e.labels.length === 0).map(e => e.name)""")
