"""Fixtures for campaign tests: people in the directory, a Telegram double, an in-process
SMTP server (aiosmtpd) and helpers that build campaigns with pieces."""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from campañas import actions
from nucleo.db import Database
from nucleo.models import Department, Person, StaffAccount
from nucleo.settings import Settings, load_settings
from tests.fakes.fixtures import telegram_double, telegram_double_unlimited  # noqa: F401

NOW = datetime(2025, 3, 3, 13, 0, tzinfo=UTC)  # Monday 08:00 in Bogotá


class Inbox:
    """Collects what the SMTP server receives (thread-safe)."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.refuse: dict[str, str] = {}
        self._lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(parsed)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        with self._lock:
            return [m for m in self.messages if address in str(m["To"])]


@pytest.fixture
def smtp_server() -> Iterator[tuple[Controller, Inbox]]:
    """A real SMTP server on localhost (aiosmtpd), collecting messages."""
    inbox = Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield controller, inbox
    finally:
        controller.stop()


def settings_for(base: Settings, *, telegram=None, smtp=None, rate: float = 1000.0) -> Settings:
    """The test settings plus the Telegram double and/or the SMTP server."""
    extra: dict[str, object] = {"telegram_rate": rate}
    if telegram is not None:
        extra.update(telegram_token=telegram.token, telegram_base_url=telegram.base_url)
    if smtp is not None:
        extra.update(smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_from="talento.humano@alcaldia.gov.co", smtp_tls="ninguno")
    return load_settings(**{**base.model_dump(), **extra,
                            "secret_key": base.secret_key.get_secret_value()})


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
