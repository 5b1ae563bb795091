"""Helpers for the declaration tests: a person, a staff account and a filed declaration."""

from __future__ import annotations

from datetime import datetime

from bot.declaraciones import actions
from bot.declaraciones.interest import Answers
from bot.declaraciones.models import Declaration
from nucleo.business_days import BusinessCalendar
from nucleo.models import StaffAccount
from nucleo.services import Services
from nucleo.staff import create_staff
from tests.bot.consultas.desk import BOGOTA, add_person

__all__ = ["BOGOTA", "add_person", "file_one", "new_staff"]


async def new_staff(services: Services, role: str = "asesor",
                    email: str = "asesora@alcaldia.gov.co") -> StaffAccount:
    async with services.db.session() as session:
        account = await create_staff(session, email=email, full_name="Asesora <Uno>", role=role,
                                     password="clave-segura-123")
        await session.commit()
        return account


async def file_one(services: Services, person_id: int, now: datetime, *,
                   matter: str = "Contrato de suministro 045 de 2026",
                   description: str = "Mi hermano es el representante legal del proponente.",
                   office: str = "Secretaría de Hacienda",
                   ground: int | None = None, answers: Answers | None = None) -> Declaration:
    async with services.db.session() as session:
        return await actions.file_declaration(
            session, person_id=person_id, kind="impedimento", matter=matter,
            description=description, office=office, now=now, tz=BOGOTA,
            calendar=BusinessCalendar(), ground=ground, answers=answers)


async def add_official(services: Services, name: str, chat_id: int | None = None,
                       department: str | None = None) -> int:
    """A person of the directory that a search by name finds (search keys filled)."""
    from nucleo.directory.keys import search_key, sort_key
    from nucleo.models import Department, Person

    async with services.db.session() as session:
        dept = None
        if department:
            dept = Department(name=department, normalized_name=department.lower())
            session.add(dept)
            await session.flush()
        person = Person(full_name=name, telegram_chat_id=chat_id, source="directorio",
                        department_id=dept.id if dept else None,
                        search_key=search_key(name, None, None), sort_key=sort_key(name))
        session.add(person)
        await session.commit()
        return person.id


async def file_recusal(services: Services, now: datetime, *, recused_person_id: int | None,
                       person_id: int | None = None, notifier=None,  # type: ignore[no-untyped-def]
                       recused_name: str = "Pedro Gómez",
                       matter: str = "Contrato de obra 012 de 2026",
                       ground: int | None = None,
                       matter_type: str | None = None) -> Declaration:
    from bot.declaraciones import recusals

    async with services.db.session() as session:
        filed = await recusals.file_recusal(
            session, matter=matter, description="El recusado es socio del contratista desde 2024.",
            office="Secretaría de Infraestructura", recused_name=recused_name,
            recused_person_id=recused_person_id, person_id=person_id, now=now, tz=BOGOTA,
            calendar=BusinessCalendar(), notifier=notifier, ground=ground,
            matter_type=matter_type)
        return filed.declaration


async def guided(chat, kind: str = "impedimento",  # type: ignore[no-untyped-def]
                 matter: str = "Contrato de suministro 045 de 2026", *,
                 matter_type: str = "contrato", role: str = "evalua",
                 holder: str = "pariente", relation: str | None = "hermanos"):
    """/declarar through the guided buttons up to the question for the facts (its reply)."""
    await chat.send("/declarar")
    await chat.tap(f"decl:tipo:{kind}")
    await chat.tap(f"decl:clase:{matter_type}")
    await chat.send(matter)
    await chat.tap(f"decl:papel:{role}")
    await chat.tap(f"decl:interes:{holder}")
    if holder == "pariente" and relation is not None:
        await chat.tap(f"decl:pariente:{relation}")
    return chat.replies[-1]
