"""Build the bot's shared pieces once per service (kept in ``services.extras``, no globals)."""

from __future__ import annotations

from bot.core.engine import DialogueCore
from bot.core.flow import flow_registry
from bot.flows import register_builtin
from nucleo.ports import NOTIFIER
from nucleo.services import Services

BOT_CORE = "bot_core"


def dialogue_core(services: Services) -> DialogueCore:
    """The service's dialogue core, with the built-in flows registered (built on first use)."""
    core = services.extras.get(BOT_CORE)
    if core is None:
        registry = flow_registry(services)
        if registry.command("start") is None:
            register_builtin(registry)
        core = services.extras[BOT_CORE] = DialogueCore(services, registry)
    return core  # type: ignore[no-any-return]


def ensure_notifier(services: Services) -> None:
    """Register the outbox Notifier under ``NOTIFIER`` unless another one is there."""
    if services.get(NOTIFIER) is None:
        from bot.notify import OutboxNotifier

        services.extras[NOTIFIER] = OutboxNotifier(services.clock)
