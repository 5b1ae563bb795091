"""python-telegram-bot application: built from the settings, run inside the service's loop."""

from __future__ import annotations

import asyncio
import html
import logging

from telegram import Update
from telegram.error import NetworkError, TelegramError
from telegram.ext import Application, ApplicationBuilder, CommandHandler, ContextTypes

from bot import messages
from nucleo.services import Services
from nucleo.settings import Settings

log = logging.getLogger(__name__)


def _base_urls(settings: Settings) -> tuple[str, str] | None:
    if settings.telegram_base_url is None:
        return None
    base = str(settings.telegram_base_url).rstrip("/")
    file_base = base[: -len("/bot")] + "/file/bot" if base.endswith("/bot") else base + "/file"
    return base, file_base


def build_bot(settings: Settings, services: Services) -> Application:
    """Build the Telegram application (no updater in webhook mode)."""
    assert settings.telegram_token is not None
    builder = ApplicationBuilder().token(settings.telegram_token.get_secret_value())
    urls = _base_urls(settings)
    if urls:
        builder = builder.base_url(urls[0]).base_file_url(urls[1])
    if settings.telegram_webhook_url is not None:
        builder = builder.updater(None)
    application = builder.build()
    application.bot_data["services"] = services
    application.add_handler(CommandHandler("start", start))
    return application


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet a person who opens the bot."""
    if update.effective_message is None:
        return
    services: Services = context.application.bot_data["services"]
    user = update.effective_user
    name = f", {html.escape(user.first_name)}" if user and user.first_name else ""
    text = messages.WELCOME.format(name=name, entity=html.escape(services.settings.entity_name))
    await update.effective_message.reply_html(text)


class TelegramComponent:
    """Runs the bot: polling when no webhook URL is set, otherwise registers the webhook."""

    name = "telegram"

    def __init__(self, settings: Settings, application: Application) -> None:
        self.settings = settings
        self.application = application
        self._task: asyncio.Task[None] | None = None
        self._running = False

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="telegram-start")

    async def _run(self) -> None:
        delay = 1.0
        while True:
            try:
                await self.application.initialize()
                break
            except (NetworkError, TelegramError, OSError) as exc:
                log.warning("telegram not reachable (%s); retrying in %.0fs", type(exc).__name__,
                            delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 60)
        await self.application.start()
        self._running = True
        webhook = self.settings.telegram_webhook_url
        if webhook is not None:
            secret = self.settings.telegram_webhook_secret
            await self.application.bot.set_webhook(
                str(webhook), secret_token=secret.get_secret_value() if secret else None,
                allowed_updates=Update.ALL_TYPES)
        elif self.application.updater is not None:
            await self.application.updater.start_polling(
                allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
        log.info("telegram channel started (%s)", "webhook" if webhook else "polling")

    async def stop(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        if self._running:
            if self.application.updater is not None and self.application.updater.running:
                await self.application.updater.stop()
            await self.application.stop()
            await self.application.shutdown()
            self._running = False
