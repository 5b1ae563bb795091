"""The bot's components for the service: Telegram (when configured), outbox worker, cleanup.

Also registers the Notifier in ``services.extras[NOTIFIER]``.
"""

from __future__ import annotations

from bot.housekeeping import Housekeeping
from bot.notify import QUEUED, OutboxWorker
from bot.service import dialogue_core, ensure_notifier
from nucleo.lifecycle import Component
from nucleo.services import Services

OUTBOX_WORKER = "bot_outbox_worker"


def bot_components(services: Services) -> list[Component]:
    """Build the Telegram channel (if a token is set), the outbox worker and housekeeping."""
    ensure_notifier(services)
    dialogue_core(services)
    components: list[Component] = []
    telegram_sender = None
    if services.settings.telegram_enabled:
        from bot.telegram.app import build_bot, channel_of
        from bot.telegram.component import TelegramComponent, TelegramSender

        application = build_bot(services.settings, services)
        services.extras["telegram_app"] = application
        channel = channel_of(services)
        assert channel is not None
        components.append(TelegramComponent(services.settings, channel))
        telegram_sender = TelegramSender(channel)
    worker = OutboxWorker(services, telegram=telegram_sender)
    services.db.listen(QUEUED, worker.wake)
    services.extras[OUTBOX_WORKER] = worker
    components.append(worker)
    components.append(Housekeeping(services))
    return components
