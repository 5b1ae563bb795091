"""The bot's components for the service: Telegram and WhatsApp (when configured), outbox
worker, cleanup.

Also registers the Notifier under ``NOTIFIER``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.types import Reply
from bot.housekeeping import Housekeeping
from bot.notify import (
    QUEUED,
    ChannelSender,
    OutboxWorker,
    Outcome,
    QueuedAcrossProcesses,
    ReplySender,
    Sender,
)
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
S = TypeVar("S", bound=Sender)


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
        telegram_sender = MeteredTelegram(TelegramSender(channel), services.metrics)
    whatsapp_sender = None
    if whatsapp_settings(services).enabled:
        from bot.whatsapp.channel import WhatsAppComponent
        from bot.whatsapp.notices import WhatsAppNotices

        parts.everywhere.append(WhatsAppComponent(services))
        whatsapp_sender = MeteredChannel(WhatsAppNotices(services), services.metrics,
                                         channel="whatsapp")
    worker = OutboxWorker(services, telegram=telegram_sender, whatsapp=whatsapp_sender,
                          replies=telegram_sender)
    services.provide(OUTBOX_WORKER, worker)
    parts.leader += [worker, Housekeeping(services)]
    if services.db.is_sqlite:  # one process serves a SQLite file
        services.db.listen(QUEUED, worker.wake)
    else:
        listener = QueuedAcrossProcesses(services, worker.wake)
        parts.leader.append(listener)
        services.db.listen(QUEUED, listener.queued_here)
    return parts


class MeteredNotices(Generic[S]):
    """A channel's notice sender, counting outcomes in ``valor_sends_total{channel=...}``
    (result ``aviso_<status>``, or ``respuesta_<status>`` for replies, to tell them from
    campaign pieces) and the rate limits."""

    def __init__(self, sender: S, metrics: Metrics, channel: str = "telegram") -> None:
        self.inner = sender
        self.metrics = metrics
        self.channel = channel

    async def send(self, session: AsyncSession, person: Person, reply: Reply) -> Outcome:
        return self._count("aviso", await self.inner.send(session, person, reply))

    def _count(self, kind: str, outcome: Outcome) -> Outcome:
        limited = outcome.status == "retry" and (outcome.rate_limited or outcome.error == "429")
        self.metrics.sent(self.channel, f"{kind}_{outcome.status}", rate_limited=limited)
        return outcome


class NoticesAndReplies(Sender, ReplySender, Protocol):
    """A channel that sends notices and the bot's replies (Telegram)."""


class MeteredTelegram(MeteredNotices[NoticesAndReplies]):
    """Telegram's notices and the bot's replies."""

    async def send_reply(self, chat_id: int, reply: Reply) -> Outcome:
        return self._count("respuesta", await self.inner.send_reply(chat_id, reply))


class MeteredChannel(MeteredNotices[ChannelSender]):
    """A channel that reaches only some people (WhatsApp)."""

    async def reaches(self, session: AsyncSession, person: Person) -> bool:
        return await self.inner.reaches(session, person)

    def remember(self, session: AsyncSession, row_id: int, message_ids: tuple[str, ...]) -> None:
        self.inner.remember(session, row_id, message_ids)
