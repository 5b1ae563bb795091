"""Every campaign send is counted by channel and result; a 429 also as rate limited."""

from __future__ import annotations

from campañas.senders.base import Outcome
from campañas.senders.metered import MeteredSender
from campañas.states import Verdict
from nucleo.metrics import Metrics


class Scripted:
    channel = "telegram"

    def __init__(self, *verdicts: Verdict) -> None:
        self.verdicts = list(verdicts)
        self.closed = False

    async def ready(self, delivery: object) -> None:
        return None

    async def send(self, delivery: object) -> Outcome:
        return Outcome(self.verdicts.pop(0))

    async def close(self) -> None:
        self.closed = True


async def test_outcomes_are_counted() -> None:
    metrics = Metrics()
    inner = Scripted(Verdict.SENT, Verdict.SENT, Verdict.RATE_LIMITED, Verdict.BLOCKED)
    sender = MeteredSender(inner, metrics)
    for _ in range(4):
        await sender.ready(None)
        await sender.send(None)
    await sender.close()
    value = metrics.registry.get_sample_value
    assert value("valor_sends_total", {"channel": "telegram", "result": "sent"}) == 2
    assert value("valor_sends_total", {"channel": "telegram", "result": "rate_limited"}) == 1
    assert value("valor_sends_total", {"channel": "telegram", "result": "blocked"}) == 1
    assert value("valor_rate_limited_total", {"channel": "telegram"}) == 1
    assert inner.closed and sender.channel == "telegram"
