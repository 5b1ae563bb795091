"""Fixtures for the WhatsApp channel: a settable clock, the Cloud API double and the service's
app (ASGI, in process) wired to it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from bot.core.flood import FloodControl
from bot.service import dialogue_core
from bot.whatsapp.channel import WhatsAppComponent
from bot.whatsapp.settings import WHATSAPP_SETTINGS, WhatsAppSettings
from nucleo.services import Services
from tests.fakes.whatsapp import SentMessage, WhatsAppDouble

START = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)


@dataclass
class Clock:
    """A clock the test moves by hand (shared by the service and the double)."""

    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


def settings_for(double: WhatsAppDouble) -> WhatsAppSettings:
    return WhatsAppSettings(token=double.token, phone_number_id=double.phone_number_id,
                            app_secret=double.app_secret, verify_token=double.verify_token,
                            base_url=double.base_url, api_version=double.version)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def double(clock: Clock) -> Iterator[WhatsAppDouble]:
    """The Cloud API double; the test fails if the service sent an invalid body."""
    with WhatsAppDouble(clock=clock) as running:
        yield running
        assert not running.violations, running.violations


@pytest.fixture
async def wa(services: Services, double: WhatsAppDouble, clock: Clock
             ) -> AsyncIterator[httpx.AsyncClient]:
    """The service's app with WhatsApp configured (webhook mounted), under its lifespan."""
    from api.app import create_app

    services.clock = clock
    services.extras[WHATSAPP_SETTINGS] = settings_for(double)
    dialogue_core(services).flood = FloodControl(burst=1000, per_minute=60_000)
    app = create_app(services.settings, services=services,
                     components=lambda s: [WhatsAppComponent(s)], migrate=False)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


async def deliver(client: httpx.AsyncClient, signed: tuple[bytes, dict[str, str]]
                  ) -> httpx.Response:
    """POST a signed notification to the webhook, as Meta does."""
    body, headers = signed
    return await client.post("/whatsapp/webhook", content=body, headers=headers)


async def say(client: httpx.AsyncClient, double: WhatsAppDouble, wa_id: str,
              signed: tuple[bytes, dict[str, str]]) -> list[SentMessage]:
    """Deliver one inbound message and return the replies it produced."""
    before = len(double.to(wa_id))
    response = await deliver(client, signed)
    assert response.status_code == 200, response.text
    return double.to(wa_id)[before:]
