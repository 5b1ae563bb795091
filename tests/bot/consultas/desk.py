"""Helpers for the consultation desk tests: a clock, a recording notifier and staff sender."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.consultas.service import ConsultationService
from bot.consultas.settings import ConsultationSettings
from nucleo.models import Department, Person
from nucleo.ports import CONSULTATIONS, NOTIFIER, Button
from nucleo.services import Services

BOGOTA = ZoneInfo("America/Bogota")


class Clock:
    """A settable clock (aware datetimes)."""

    def __init__(self, moment: datetime) -> None:
        self.now = moment

    def __call__(self) -> datetime:
        return self.now


def bogota(*args: int) -> datetime:
    """An aware datetime in Bogotá."""
    return datetime(*args, tzinfo=BOGOTA)


@dataclass
class Sent:
    person_id: int
    text_html: str
    buttons: list[list[Button]] | None


@dataclass
class RecordingNotifier:
    """A Notifier that records what it was asked to send (in the caller's transaction)."""

    sent: list[Sent] = field(default_factory=list)

    async def notify(self, session: AsyncSession, person_id: int, text_html: str,
                     buttons: list[list[Button]] | None = None) -> None:
        self.sent.append(Sent(person_id, text_html, buttons))


@dataclass
class RecordingSender:
    """A StaffSender that records the reminders."""

    sent: list[tuple[int, str]] = field(default_factory=list)
    refused: set[int] = field(default_factory=set)  # chats whose send fails

    async def send(self, chat_id: int, text_html: str) -> bool:
        if chat_id in self.refused:
            return False
        self.sent.append((chat_id, text_html))
        return True


def desk_service(services: Services, clock: Clock, **desk: object) -> ConsultationService:
    """A ConsultationService registered as the CONSULTATIONS port, on this clock."""
    service = ConsultationService.from_files(services, desk=ConsultationSettings(**desk),
                                             clock=clock)
    services.extras[CONSULTATIONS] = service
    return service


async def add_person(services: Services, name: str = "Ana Pérez", chat_id: int | None = 4242,
                     department: str | None = "Secretaría de Hacienda") -> int:
    """A person (with a department) in the directory; returns the id."""
    async with services.db.session() as session:
        dept = None
        if department:
            dept = Department(name=department, normalized_name=department.lower())
            session.add(dept)
            await session.flush()
        person = Person(full_name=name, telegram_chat_id=chat_id,
                        department_id=dept.id if dept else None, source="bot")
        session.add(person)
        await session.commit()
        return person.id


def with_notifier(services: Services) -> RecordingNotifier:
    """Register a recording Notifier."""
    notifier = RecordingNotifier()
    services.extras[NOTIFIER] = notifier
    return notifier


SOURCE = "Ley 1952 de 2019 (Código General Disciplinario), art. 44"


def raffle_entry(**changes: object) -> dict:
    """A new entry on raffles run by suppliers (not in the files)."""
    data = {
        "id": "rifas_proveedores",
        "title": "Rifas y sorteos de proveedores",
        "value": "honestidad",
        "phrasings": [
            "¿Puedo participar en la rifa navideña que organiza un proveedor de la alcaldía?",
            "puedo jugar el bingo de un contratista",
            "me gané un sorteo de un proveedor, lo recibo",
            "rifa de fin de año de una empresa contratista",
            "sorteos que hacen los proveedores en navidad",
        ],
        "answer": "No participes en rifas ni sorteos que organice un proveedor o contratista: "
                  "el premio es un regalo.",
        "sources": [SOURCE],
    }
    data.update(changes)
    return data
