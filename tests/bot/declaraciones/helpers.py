"""Helpers for the declaration tests: a person, a staff account and a filed declaration."""

from __future__ import annotations

from datetime import datetime

from bot.declaraciones import actions
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
                   office: str = "Secretaría de Hacienda") -> Declaration:
    async with services.db.session() as session:
        return await actions.file_declaration(
            session, person_id=person_id, kind="impedimento", matter=matter,
            description=description, office=office, now=now, tz=BOGOTA,
            calendar=BusinessCalendar())
