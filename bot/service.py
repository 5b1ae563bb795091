"""Build the bot's shared pieces once per service (kept in ``Services`` under typed keys, no globals)."""

from __future__ import annotations

from bot.core.engine import DialogueCore
from bot.core.flow import flow_registry
from bot.flows import register_builtin
from nucleo.ports import NOTIFIER
from nucleo.services import Key, Services

BOT_CORE: Key[DialogueCore] = Key("bot_core")


def dialogue_core(services: Services) -> DialogueCore:
    """The service's dialogue core, with the built-in flows registered (built on first use)."""
    def build() -> DialogueCore:
        registry = flow_registry(services)
        if registry.command("start") is None:
            register_builtin(registry)
        return DialogueCore(services, registry)

    return services.setdefault(BOT_CORE, build)


def ensure_notifier(services: Services) -> None:
    """Register the outbox Notifier under ``NOTIFIER`` unless another one is there."""
    if services.get(NOTIFIER) is None:
        from bot.notify import OutboxNotifier

        services.provide(NOTIFIER, OutboxNotifier(services.clock))
