"""Helpers for the session tests: a session, a directory person, the check-in parameter."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.sesiones import actions
from bot.sesiones.models import SensitizationSession
from nucleo.models import Department, Person
from nucleo.services import Services
from tests.bot.consultas.desk import bogota

START = bogota(2026, 12, 10, 9)  # a Thursday, 9:00 in Bogotá


async def add_department(services: Services, name: str) -> int:
    async with services.db.session() as session:
        dept = Department(name=name, normalized_name=name.lower())
        session.add(dept)
        await session.commit()
        return dept.id


async def add_session(services: Services, *, start: datetime = START,
                      hours: int = 2, departments: tuple[int, ...] = (),
                      title: str = "Honestidad en lo público") -> SensitizationSession:
    async with services.db.session() as session:
        return await actions.create_session(session, actions.SessionFields(
            title=title, topic="honestidad", place="Salón del Concejo",
            starts_at=start, ends_at=start + timedelta(hours=hours),
            facilitator="Laura Gómez", notes="Llevar el video.",
            department_ids=departments), staff=None, now=start - timedelta(days=7))


async def add_directory_person(services: Services, name: str, department_id: int | None,
                               **extra: object) -> int:
    async with services.db.session() as session:
        person = Person(full_name=name, source="directorio", department_id=department_id,
                        **extra)
        session.add(person)
        await session.commit()
        return person.id


def parameter(services: Services, session_id: int) -> str:
    return actions.check_in_parameter(services.signer, session_id)
