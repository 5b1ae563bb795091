"""python-telegram-bot application: built from the settings, run inside the service's loop.

One ``TypeHandler`` translates every update into a core input; chats run concurrently
(``concurrent_updates``) and the core keeps each chat's inputs in order.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from datetime import timedelta

from sqlalchemy import select
from telegram import BotCommand, ChatMemberUpdated, Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ContextTypes,
    TypeHandler,
)

from bot.core.engine import DialogueCore
from bot.core.types import TELEGRAM, Input, PersonRef, Reply
from bot.notify import OutboxNotifier
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
REPLY_RETRIES = 3  # a reply that got 429 is tried again after its pause, up to this many times


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
    """Glue between PTB and the dialogue core: updates in, replies out."""

    def __init__(self, services: Services, application: Application, core: DialogueCore) -> None:
        self.services = services
        self.application = application
        self.core = core
        self.renderer = TelegramRenderer(application.bot)
        self.ready = False

    async def on_update(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """Run one update through the core and send the replies."""
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
        replies = await self.core.handle(event.once(f"telegram:{update.update_id}"))
        await self.deliver(int(event.ref.user_id), replies)

    async def deliver(self, chat_id: int, replies: list[Reply]) -> None:
        """Send replies in order; a 403 marks the person unreachable. When Telegram asks to
        wait (429) or the network fails, this reply and the ones after it go to the outbox,
        which sends them with retries: the update is already processed, so giving up here
        would lose the answer."""
        for index, reply in enumerate(replies):
            try:
                await self.renderer.send_one(chat_id, reply)
            except Forbidden:
                await self._set_blocked(chat_id, blocked=True)
                return
            except BadRequest as exc:  # a NetworkError to PTB, but retrying cannot help
                log.warning("sending a reply failed: %s", type(exc).__name__)
                return
            except (RetryAfter, NetworkError) as exc:
                await self._keep_for_later(chat_id, replies[index:], exc)
                return
            except TelegramError as exc:
                log.warning("sending a reply failed: %s", type(exc).__name__)
                return

    async def _keep_for_later(self, chat_id: int, replies: list[Reply],
                              exc: TelegramError) -> None:
        wait = exc.retry_after if isinstance(exc, RetryAfter) else None
        seconds = wait.total_seconds() if isinstance(wait, timedelta) else wait
        async with self.services.db.transaction() as session:
            person_id = await session.scalar(
                select(Person.id).where(Person.telegram_chat_id == chat_id))
            if person_id is None:
                log.warning("a reply could not be sent (%s) and the chat has no person to "
                            "keep it for", type(exc).__name__)
                return
            OutboxNotifier(self.services.clock).keep_replies(session, person_id, replies,
                                                             wait=seconds)
        log.info("%d replies kept in the outbox after %s", len(replies), type(exc).__name__)

    async def _membership(self, change: ChatMemberUpdated) -> None:
        status = change.new_chat_member.status
        if change.chat.type == "private":
            await self._set_blocked(change.chat.id, blocked=status in ("kicked", "left"))
        elif status in ("member", "administrator"):
            replies = await self.core.handle(
                Input.unsupported(PersonRef(TELEGRAM, str(change.chat.id)), "group"))
            await self.deliver(change.chat.id, replies)

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
    campaigns), as ``Priority.REPLY`` unless a call passes another ``rate_limit_args``."""
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

