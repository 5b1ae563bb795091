"""Run the whole service (uvicorn on a free port) against the Telegram double, in polling or
webhook mode, and drive it like a servant would."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest
import uvicorn
from pydantic import SecretStr

from api.app import create_app
from bot.core.flood import FloodControl
from bot.service import dialogue_core
from bot.telegram.app import channel_of
from bot.wiring import bot_components
from nucleo.db import Database
from nucleo.services import Services
from nucleo.settings import Settings
from tests.fakes.net import free_port
from tests.fakes.telegram_api import SentMessage, TelegramDouble
from tests.fakes.waiting import eventually


def service_settings(base: Settings, tg: TelegramDouble, mode: str, port: int) -> Settings:
    """The test settings with Telegram pointed at the double (webhook or polling)."""
    values: dict[str, Any] = base.model_dump()
    values.update(telegram_token=SecretStr(tg.token), telegram_base_url=tg.base_url,
                  telegram_rate=1000)
    if mode == "webhook":
        values.update(telegram_webhook_url=f"http://127.0.0.1:{port}/telegram/webhook",
                      telegram_webhook_secret=SecretStr("secreto-de-prueba_123"))
    return Settings(**values)


class Service:
    """A running service: its services container, port and the double it talks to."""

    def __init__(self, services: Services, port: int, tg: TelegramDouble, mode: str) -> None:
        self.services, self.port, self.tg, self.mode = services, port, tg, mode

    async def pump(self) -> None:
        """Webhook mode: let the double deliver what is pending (polling pulls by itself)."""
        if self.mode == "webhook":
            statuses = await self.tg.adeliver_pending_to_webhook()
            assert all(s == 200 for s in statuses), statuses

    async def said(self, chat_id: int, n: int) -> list[str]:
        """Wait until the chat has n messages from the bot; return their visible texts."""
        await self.pump()
        await self.tg.wait_for_messages_async(chat_id, n, timeout=10)
        return [m.content or "" for m in self.tg.messages_to(chat_id)]

    async def tap(self, chat_id: int, data: str, *, timeout: float = 10.0) -> None:
        """Wait until a bot message offers a button with this data, then press it."""
        await self.pump()

        def offering() -> list[SentMessage]:
            return [m for m in self.tg.messages_to(chat_id)
                    if any(b.get("callback_data") == data for row in m.buttons for b in row)]

        if not await self.tg.wait_until(lambda: bool(offering()), timeout):
            raise AssertionError(f"no button {data!r}; last: {self.tg.last_text(chat_id)!r}")
        self.tg.push_callback(chat_id, data, message_id=offering()[-1].message_id)
        await self.pump()

    async def until(self, chat_id: int, text: str, timeout: float = 10.0) -> list[str]:
        """Wait until the bot's last message to the chat is ``text``; return all texts."""
        await self.pump()
        if not await self.tg.wait_until(lambda: self.tg.last_text(chat_id) == text, timeout):
            raise AssertionError(f"last message is {self.tg.last_text(chat_id)!r}, not {text!r}")
        return [m.content or "" for m in self.tg.messages_to(chat_id)]

    async def exchange(self, chat_id: int, action: Callable[[], int], expect: int) -> list[str]:
        """Do something as the servant and wait for ``expect`` more bot messages."""
        before = len(self.tg.messages_to(chat_id))
        action()
        texts = await self.said(chat_id, before + expect)
        return texts[before:]


@asynccontextmanager
async def run_service(settings: Settings, db: Database, tg: TelegramDouble, mode: str,
                      port: int, prepare: Callable[[Services], None] | None = None,
                      ) -> AsyncIterator[Service]:
    """Start the app with its bot components in this loop; stop it on exit."""
    services = Services(settings=settings, db=db)
    if prepare is not None:
        prepare(services)
    dialogue_core(services).flood = FloodControl(burst=1000, per_minute=60_000)
    app = create_app(settings, services=services, components=bot_components, migrate=False)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="on"))
    task = asyncio.create_task(server.serve())

    def started() -> bool:
        channel = channel_of(services)
        return server.started and channel is not None and channel.ready

    await eventually(started, timeout=5, what="the service to start")
    try:
        yield Service(services, port, tg, mode)
    finally:
        server.should_exit = True
        await task
        services.db = db          # the lifespan disposed the engine; the fixture owns the db


@pytest.fixture(params=["polling", "webhook"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


StartService = Callable[..., Awaitable[Any]]


@pytest.fixture
async def service(settings: Settings, db: Database, telegram_double_unlimited: TelegramDouble,
                  mode: str) -> AsyncIterator[Service]:
    """The service running against an unlimited double, in polling or webhook mode."""
    port = free_port()
    configured = service_settings(settings, telegram_double_unlimited, mode, port)
    async with run_service(configured, db, telegram_double_unlimited, mode, port) as running:
        yield running
