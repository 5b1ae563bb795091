"""The bot's components for the service: Telegram and WhatsApp (when configured), outbox
worker, cleanup.

Also registers the Notifier under ``NOTIFIER``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from bot import messages
from bot.core.types import Reply
from bot.housekeeping import Housekeeping
from bot.notify import QUEUED, OutboxWorker, Outcome, QueuedAcrossProcesses, Sender
from bot.service import dialogue_core, ensure_notifier
from bot.whatsapp.settings import whatsapp_settings
from nucleo.lifecycle import Component, Parts
from nucleo.metrics import Metrics
from nucleo.models import Person
from nucleo.services import Key, Services

if TYPE_CHECKING:
    from telegram.ext import Application

OUTBOX_WORKER: Key[OutboxWorker] = Key("bot_outbox_worker")
TELEGRAM_APP: Key[Application] = Key("telegram_app")


def bot_components(services: Services) -> list[Component]:
    """Everything of the bot in one process (tests; ``valor run`` uses ``bot_parts``)."""
    return bot_parts(services).all()


def bot_parts(services: Services) -> Parts:
    """Build the Telegram channel (if a token is set) for every process; its polling (without
    a webhook URL), the outbox worker and housekeeping for the leader only."""
    ensure_notifier(services)
    dialogue_core(services)
    parts = Parts()
    telegram_sender = None
    if services.settings.telegram_enabled:
        from bot.telegram.app import build_bot, channel_of
        from bot.telegram.component import TelegramComponent, TelegramPolling, TelegramSender

        application = build_bot(services.settings, services)
        services.provide(TELEGRAM_APP, application)
        channel = channel_of(services)
        assert channel is not None
        telegram = TelegramComponent(services.settings, channel)
        parts.everywhere.append(telegram)
        if services.settings.telegram_webhook_url is None:
            parts.leader.append(TelegramPolling(telegram))
        telegram_sender = MeteredNotices(TelegramSender(channel), services.metrics)
    whatsapp_sender = None
    if whatsapp_settings(services).enabled:
        from bot.whatsapp.channel import WhatsAppComponent
        from bot.whatsapp.notices import WhatsAppNotices

        parts.everywhere.append(WhatsAppComponent(services))
        whatsapp_sender = MeteredNotices(WhatsAppNotices(services), services.metrics,
                                         channel="whatsapp")
    worker = OutboxWorker(services, telegram=telegram_sender, whatsapp=whatsapp_sender,
                          replies=telegram_sender)
    services.provide(OUTBOX_WORKER, worker)
    parts.leader += [worker, Housekeeping(services)]
    services.db.listen(QUEUED, worker.wake)
    if not services.db.is_sqlite:  # one process serves a SQLite file
        parts.leader.append(QueuedAcrossProcesses(services, worker.wake))
    return parts


class MeteredNotices:
    """A channel's notice (and reply) sender, counting outcomes in
    ``valor_sends_total{channel=...}`` (result ``aviso_<status>`` or ``respuesta_<status>``, to
    tell them from campaign pieces) and the rate limits."""

    def __init__(self, sender: Sender, metrics: Metrics, channel: str = "telegram") -> None:
        self.inner = sender
        self.metrics = metrics
        self.channel = channel

    async def reaches(self, session: AsyncSession, person: Person) -> bool:
        reaches = getattr(self.inner, "reaches", None)
        return True if reaches is None else bool(await reaches(session, person))

    async def send(self, session: AsyncSession, person: Person, reply: Reply) -> Outcome:
        return self._count("aviso", await self.inner.send(session, person, reply))

    async def send_reply(self, chat_id: int, reply: Reply) -> Outcome:
        """A reply (``respuesta_<status>``); only for a sender that sends replies."""
        send_reply = getattr(self.inner, "send_reply", None)
        if send_reply is None:
            return Outcome("failed", error=messages.NOTIFY_NO_REPLY_CHANNEL)
        return self._count("respuesta", await send_reply(chat_id, reply))

    def _count(self, kind: str, outcome: Outcome) -> Outcome:
        limited = outcome.status == "retry" and (outcome.rate_limited or outcome.error == "429")
        self.metrics.sent(self.channel, f"{kind}_{outcome.status}", rate_limited=limited)
        return outcome

    def remember(self, session: AsyncSession, row_id: int, message_ids: tuple[str, ...]) -> None:
        remember = getattr(self.inner, "remember", None)
        if remember is not None:
            remember(session, row_id, message_ids)
