"""Fixtures for campaign tests: people in the directory, a Telegram double, an in-process
SMTP server (aiosmtpd) and helpers that build campaigns with pieces."""

from __future__ import annotations

from datetime import UTC, datetime

from campañas import actions
from nucleo.db import Database
from nucleo.models import Department, Person, StaffAccount
from nucleo.settings import Settings
from tests.fakes.mail import Inbox, settings_for  # noqa: F401  # campaign tests import them here

NOW = datetime(2025, 3, 3, 13, 0, tzinfo=UTC)  # Monday 08:00 in Bogotá


async def add_people(db: Database, count: int, *, start_chat: int = 1000, email: bool = False,
                     telegram: bool = True, department: str | None = None,
                     kind: str = "servidor") -> list[int]:
    """Subscribed people with Telegram chat ids (and e-mails); returns their ids."""
    async with db.session() as session:
        dep_id = None
        if department:
            dep = Department(name=department, normalized_name=department.lower())
            session.add(dep)
            await session.flush()
            dep_id = dep.id
        people = [Person(full_name=f"Persona {i}", kind=kind, department_id=dep_id,
                         telegram_chat_id=start_chat + i if telegram else None,
                         email=f"persona{start_chat + i}@alcaldia.gov.co" if email else None)
                  for i in range(count)]
        session.add_all(people)
        await session.commit()
        return [p.id for p in people]


async def make_staff(db: Database, *, chat_id: int | None = None,
                     email: str = "th@alcaldia.gov.co") -> StaffAccount:
    async with db.session() as session:
        staff = StaffAccount(email=email, full_name="Talento Humano", role="talento_humano",
                             password_hash="x", telegram_chat_id=chat_id)
        session.add(staff)
        await session.commit()
        return staff


async def campaign_with_pieces(db: Database, settings: Settings, pieces: int = 1, *,
                               channels=("telegram",), audience=None, value="honestidad",
                               rotation: bool = False) -> int:
    """A campaign in borrador with generated pieces; returns its id."""
    async with db.session() as session:
        campaign = await actions.create_campaign(
            session, settings=settings, name="Valor de la semana", value=value,
            rotation=rotation, audience=audience, channels=list(channels))
    values = ["honestidad", "respeto", "compromiso", "diligencia", "justicia"]
    for index in range(pieces):
        async with db.session() as session:
            await actions.add_piece(session, settings=settings, campaign_id=campaign.id,
                                    phrase=f"Frase número {index + 1} sobre la integridad",
                                    author="Autora Ejemplo",
                                    value=values[index % 5] if rotation else None)
    return campaign.id
