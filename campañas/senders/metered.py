"""A sender that counts every outcome in the service's metrics (``nucleo.metrics``)."""

from __future__ import annotations

from typing import Any

from campañas.senders.base import Outcome, OutgoingDelivery, Sender
from campañas.states import Verdict
from nucleo.metrics import Metrics


class MeteredSender:
    """Wraps a channel's sender: ``valor_sends_total{channel, result}`` and the 429s."""

    def __init__(self, sender: Sender, metrics: Metrics) -> None:
        self.inner = sender
        self.metrics = metrics
        self.channel = sender.channel

    async def ready(self, delivery: OutgoingDelivery) -> None:
        await self.inner.ready(delivery)

    async def send(self, delivery: OutgoingDelivery) -> Outcome:
        outcome = await self.inner.send(delivery)
        self.metrics.sent(self.channel, outcome.verdict.value,
                          rate_limited=outcome.verdict is Verdict.RATE_LIMITED)
        return outcome

    async def close(self) -> None:
        await self.inner.close()

    def __getattr__(self, name: str) -> Any:  # anything else the channel's sender offers
        return getattr(self.inner, name)
