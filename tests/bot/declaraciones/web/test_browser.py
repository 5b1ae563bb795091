"""«Zonas de riesgo» in a real browser: the tables per ground, per type of matter and over time
fit a phone-sized screen (each table scrolls inside its own region), every filter has its label,
and no name of a person appears."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from bot.declaraciones import actions
from nucleo.business_days import BusinessCalendar
from nucleo.models import Department, Person
from nucleo.services import Services
from tests.web.browser import PHONE, fits_the_screen, login, open_page, staff, unlabeled_fields

pytestmark = pytest.mark.browser
URL = "/consola/declaraciones/zonas?desde=2026-01-01&hasta=2026-12-06"


def seed(live: Any) -> None:
    """Declarations in three dependencias over the year, on several grounds."""

    async def work(services: Services) -> None:
        async with services.db.session() as session:
            people = []
            for i, name in enumerate(("Secretaría de Hacienda", "Secretaría de Obras Públicas "
                                      "y Infraestructura Vial del Municipio", "Planeación")):
                department = Department(name=name, normalized_name=name.lower())
                session.add(department)
                await session.flush()
                person = Person(full_name=f"Persona Secreta {i}", source="directorio",
                                department_id=department.id)
                session.add(person)
                await session.flush()
                people.append(person.id)
            await session.commit()
        for n in range(40):
            async with services.db.session() as session:
                await actions.file_declaration(
                    session, person_id=people[n % 3 if n < 30 else 0], kind="impedimento",
                    matter=f"Asunto número {n}", description="Hechos del caso de prueba número "
                    f"{n}.", office="Jefe", now=datetime(2026, 1 + n % 11, 3, 15, tzinfo=UTC),
                    tz=services.settings.tz, calendar=BusinessCalendar(),
                    ground=(1, 5, 9, None)[n % 4] if n < 36 else 12)

    live.call(work)


def test_risk_zones_on_a_phone(chromium: Any, live: Any, screenshots: Any) -> None:
    seed(live)
    email = staff(live, "auditor")
    for viewport, name in ((None, "zonas-escritorio"), (PHONE, "zonas-telefono")):
        page = open_page(chromium, viewport) if viewport else open_page(chromium)
        login(page, live, email)
        page.goto(live.url + URL)
        assert page.locator("#causales").is_visible()
        assert page.locator("#clases").is_visible()  # per type of matter: seven columns
        assert page.locator("#zonas-tiempo").count() == 1
        assert page.locator("#causales-tiempo").count() == 1
        assert "Persona Secreta" not in page.content()
        assert fits_the_screen(page), name
        assert unlabeled_fields(page) == []
        page.screenshot(path=str(screenshots / f"{name}.png"), full_page=True)
        page.context.close()
