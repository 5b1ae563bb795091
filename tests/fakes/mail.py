"""An in-process SMTP server (aiosmtpd) collecting what the service sends, and settings that
point the service at it (and/or at the Telegram double). ``smtp_server`` is a fixture of every
test (the root conftest loads this module as a plugin); import ``Inbox`` and ``settings_for``
from here, never from a conftest."""

from __future__ import annotations

import email
import email.policy
import threading
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from nucleo.settings import Settings, load_settings
from tests.fakes.net import free_port


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
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
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
