"""python-telegram-bot application: built from the settings, run inside the service's loop.

One ``TypeHandler`` translates every update into a core input; chats run concurrently
(``concurrent_updates``) and the core keeps each chat's inputs in order.
"""

from __future__ import annotations

import hashlib
import hmac
import logging

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import BotCommand, ChatMemberUpdated, Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ContextTypes,
    TypeHandler,
)

from bot.core.engine import DialogueCore, ReplyQueue
from bot.core.types import TELEGRAM, Input, PersonRef, Reply
from bot.notify import queue_replies
from bot.people import mark_blocked
from bot.service import dialogue_core
from bot.telegram.render import TelegramRenderer
from bot.telegram.translate import to_input
from nucleo.models import Person
from nucleo.ratelimit import Priority, PTBRateLimiter, telegram_limiter
from nucleo.services import Key, Services
from nucleo.settings import Settings

log = logging.getLogger(__name__)
TELEGRAM_CHANNEL: Key[TelegramChannel] = Key("telegram_channel")
CONCURRENT_UPDATES = 64
REPLY_RETRIES = 3  # a message that got 429 is tried again after its pause, up to this many times


def _base_urls(settings: Settings) -> tuple[str, str] | None:
    if settings.telegram_base_url is None:
        return None
    # python-telegram-bot appends the token to base_url: "http://host:8081" must become
    # "http://host:8081/bot", as the official "https://api.telegram.org/bot".
    root = str(settings.telegram_base_url).rstrip("/").removesuffix("/bot")
    return root + "/bot", root + "/file/bot"


def webhook_secret(settings: Settings) -> str:
    """The webhook secret: the configured one, or one derived from the service's secret key."""
    if settings.telegram_webhook_secret is not None:
        return settings.telegram_webhook_secret.get_secret_value()
    key = settings.secret_key.get_secret_value().encode()
    return hmac.new(key, b"telegram-webhook-secret", hashlib.sha256).hexdigest()


class TelegramChannel:
    """Glue between PTB and the dialogue core: updates in, replies to the outbox (sent by
    ``bot.notify.OutboxWorker`` through ``TelegramSender``)."""

    def __init__(self, services: Services, application: Application, core: DialogueCore) -> None:
        self.services = services
        self.application = application
        self.core = core
        self.renderer = TelegramRenderer(application.bot)
        self.ready = False

    async def on_update(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """Run one update through the core; its replies go to the outbox in the update's own
        transaction and the worker sends them right after commit. Only the answer to a button
        tap (``answerCallbackQuery``: no text a person reads, due within seconds) goes
        directly."""
        if update.my_chat_member is not None:
            await self._membership(update.my_chat_member)
            return
        if update.callback_query is not None:
            try:
                await update.callback_query.answer()
            except TelegramError as exc:
                log.info("callback answer failed: %s", type(exc).__name__)
        event = to_input(update)
        if event is None:
            return
        chat_id = int(event.ref.user_id)
        left = await self.core.handle(event.once(f"telegram:{update.update_id}"),
                                      queue=self.queue(chat_id))
        await self.deliver(chat_id, left)

    def queue(self, chat_id: int) -> ReplyQueue:
        """The core's ``ReplyQueue`` for one chat: ``bot_outbox`` rows in its transaction."""
        def write(session: AsyncSession, person_id: int | None, replies: list[Reply]) -> None:
            queue_replies(session, chat_id, replies, person_id=person_id,
                          now=self.services.clock())
        return write

    async def deliver(self, chat_id: int, replies: list[Reply]) -> None:
        """Queue replies that no processed input carried (the flood warning, «try again») in
        a transaction of their own; the worker sends them."""
        if not replies:
            return
        async with self.services.db.transaction() as session:
            person_id = await session.scalar(
                select(Person.id).where(Person.telegram_chat_id == chat_id))
            queue_replies(session, chat_id, replies, person_id=person_id,
                          now=self.services.clock())

    async def _membership(self, change: ChatMemberUpdated) -> None:
        status = change.new_chat_member.status
        if change.chat.type == "private":
            await self._set_blocked(change.chat.id, blocked=status in ("kicked", "left"))
        elif status in ("member", "administrator"):
            left = await self.core.handle(
                Input.unsupported(PersonRef(TELEGRAM, str(change.chat.id)), "group"),
                queue=self.queue(change.chat.id))
            await self.deliver(change.chat.id, left)

    async def _set_blocked(self, chat_id: int, *, blocked: bool) -> None:
        async with self.services.db.transaction() as session:
            await mark_blocked(session, chat_id, self.services.clock() if blocked else None)

    async def set_commands(self) -> None:
        """Register the commands, described in Spanish, for the default and "es" languages."""
        commands = [BotCommand(c.name, c.description) for c in self.core.registry.commands()
                    if c.description]
        await self.application.bot.set_my_commands(commands)
        await self.application.bot.set_my_commands(commands, language_code="es")


def build_bot(settings: Settings, services: Services) -> Application:
    """Build the Telegram application (no updater in webhook mode) wired to the core. Its
    requests take their slots from the process's one Telegram limiter (shared with the
    campaigns), as ``Priority.REPLY`` unless a call passes another ``rate_limit_args`` (the
    outbox worker passes ``Priority.NOTICE`` for notices)."""
    assert settings.telegram_token is not None
    limiter = PTBRateLimiter(telegram_limiter(services), max_retries=REPLY_RETRIES,
                             priority=Priority.REPLY)
    builder = (ApplicationBuilder().token(settings.telegram_token.get_secret_value())
               .concurrent_updates(CONCURRENT_UPDATES)
               .rate_limiter(limiter))
    urls = _base_urls(settings)
    if urls:
        builder = builder.base_url(urls[0]).base_file_url(urls[1])
    if settings.telegram_webhook_url is not None:
        builder = builder.updater(None)
    application = builder.build()
    channel = TelegramChannel(services, application, dialogue_core(services))
    services.provide(TELEGRAM_CHANNEL, channel)
    application.bot_data["services"] = services
    application.add_handler(TypeHandler(Update, channel.on_update), group=0)
    application.add_error_handler(_log_error)
    return application


async def _log_error(_update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    log.error("telegram handler failed: %s", type(context.error).__name__,
              exc_info=context.error)


def channel_of(services: Services) -> TelegramChannel | None:
    """The running Telegram channel, if the bot was built."""
    return services.get(TELEGRAM_CHANNEL)

