"""Run the Telegram channel in the service's loop: polling without a webhook URL, otherwise
register the webhook (served by ``bot.telegram.webhook``). Commands are set at start."""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot import messages
from bot.core.types import Reply
from bot.notify import Outcome
from bot.telegram.app import TelegramChannel, webhook_secret
from nucleo.lifecycle import cancel_and_wait
from nucleo.models import Person
from nucleo.ratelimit import Priority
from nucleo.settings import Settings

log = logging.getLogger(__name__)


class TelegramComponent:
    """Starts PTB (retrying while Telegram is unreachable) and stops it cleanly."""

    name = "telegram"

    def __init__(self, settings: Settings, channel: TelegramChannel, *,
                 max_delay: float = 60.0) -> None:
        self.settings = settings
        self.channel = channel
        self.application = channel.application
        self.max_delay = max_delay
        self._task: asyncio.Task[None] | None = None
        self._running = False
        self.started = asyncio.Event()

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="telegram-start")

    async def _run(self) -> None:
        delay = 0.5
        while True:
            try:
                await self.application.initialize()
                await self.channel.set_commands()
                break
            except (NetworkError, TelegramError, OSError) as exc:
                log.warning("telegram not reachable (%s); retrying in %.1fs",
                            type(exc).__name__, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.max_delay)
        await self.application.start()
        self._running = True
        webhook = self.settings.telegram_webhook_url
        if webhook is not None:
            await self.application.bot.set_webhook(
                str(webhook), secret_token=webhook_secret(self.settings),
                allowed_updates=Update.ALL_TYPES)
        self.channel.ready = True
        self.started.set()
        log.info("telegram channel started (%s)", "webhook" if webhook else "polling by the leader")

    async def stop(self) -> None:
        self.channel.ready = False
        if self._task is not None and not self._task.done():
            await cancel_and_wait(self._task)
        if self._running:
            if self.application.updater is not None and self.application.updater.running:
                await self.application.updater.stop()
            await self.application.stop()
            self._running = False
        if self.application._initialized:
            await self.application.shutdown()


class TelegramPolling:
    """Leader only (``getUpdates`` answers 409 to a second poller): once the channel has
    started, drop any webhook and poll."""

    name = "telegram-polling"

    def __init__(self, telegram: TelegramComponent) -> None:
        self.telegram = telegram
        self._task: asyncio.Task[None] | None = None
        self.polling = asyncio.Event()

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=self.name)

    async def _run(self) -> None:
        await self.telegram.started.wait()
        application = self.telegram.application
        if application.updater is None:
            return
        await application.bot.delete_webhook()
        await application.updater.start_polling(
            allowed_updates=Update.ALL_TYPES, drop_pending_updates=False, poll_interval=0.0,
            timeout=1)
        self.polling.set()
        log.info("telegram polling started")

    async def stop(self) -> None:
        if self._task is not None and not self._task.done():
            await cancel_and_wait(self._task)
        updater = self.telegram.application.updater
        if updater is not None and updater.running:
            await updater.stop()
        self.polling.clear()


class TelegramSender:
    """The outbox's sender for Telegram (``bot.notify.Sender`` for notices,
    ``bot.notify.ReplySender`` for replies): the PTB bot, through the process's limiter."""

    def __init__(self, channel: TelegramChannel) -> None:
        self.channel = channel

    async def send(self, session: AsyncSession, person: Person, reply: Reply) -> Outcome:
        """Send a notice to the person's chat, behind replies (``Priority.NOTICE``). The worker
        sends here only people with a chat (``OutboxWorker._send`` decides the channel)."""
        assert person.telegram_chat_id is not None
        return await self._send(person.telegram_chat_id, reply, Priority.NOTICE)

    async def send_reply(self, chat_id: int, reply: Reply) -> Outcome:
        """Send a reply, ahead of notices and campaigns (``Priority.REPLY``)."""
        return await self._send(chat_id, reply, Priority.REPLY)

    async def _send(self, chat_id: int, reply: Reply, priority: Priority) -> Outcome:
        """Send through the PTB bot; map Telegram's answers to outbox outcomes."""
        if not self.channel.ready:
            return Outcome("retry", retry_after=5.0, error=messages.NOTIFY_TELEGRAM_DOWN)
        try:
            await self.channel.renderer.send_one(chat_id, reply, priority)
        except Forbidden:
            return Outcome("blocked", error=messages.NOTIFY_TELEGRAM_BLOCKED)
        except RetryAfter as exc:
            after = exc.retry_after
            seconds = after.total_seconds() if hasattr(after, "total_seconds") else float(after)
            return Outcome("retry", retry_after=seconds, error="429")
        except BadRequest as exc:  # a NetworkError to PTB, but retrying cannot help
            log.warning("telegram refused a message: %s", type(exc).__name__)
            return Outcome("failed", error=messages.NOTIFY_TELEGRAM_REFUSED.format(
                kind=type(exc).__name__))
        except (TimedOut, NetworkError) as exc:
            return Outcome("retry", error=type(exc).__name__)
        except TelegramError as exc:
            log.warning("telegram refused a message: %s", type(exc).__name__)
            return Outcome("failed", error=messages.NOTIFY_TELEGRAM_REFUSED.format(
                kind=type(exc).__name__))
        return Outcome("sent")
