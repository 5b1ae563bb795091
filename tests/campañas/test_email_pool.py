"""E-mail at the server's pace: pooled connections reused, concurrent sends, a rate, and a
connection the server dropped opened again — against a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from aiosmtpd.controller import Controller

from campañas.senders.email import EmailSender, Pacer
from campañas.states import Verdict
from nucleo.settings import Settings, load_settings
from tests.campañas.conftest import Inbox, settings_for
from tests.campañas.test_email_tls import DELIVERY
from tests.fakes.net import free_port


def _email_settings(settings: Settings, controller: Controller, **extra: object) -> Settings:
    base = settings_for(settings, smtp=controller)
    return load_settings(**{**base.model_dump(), **extra,
                            "secret_key": base.secret_key.get_secret_value()})


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))


async def test_concurrent_sends_reuse_a_few_connections(settings: Settings, smtp_server) -> None:
    controller, inbox = smtp_server
    sender = EmailSender(_email_settings(settings, controller, email_concurrency=3),
                         links=lambda _p, _n: "http://x/baja")
    assert sender.connections == 3
    deliveries = [replace(DELIVERY, email=f"p{i}@alcaldia.gov.co", delivery_id=i)
                  for i in range(1, 31)]
    outcomes = await asyncio.gather(*(sender.send(d) for d in deliveries))
    await sender.close()
    assert {o.verdict for o in outcomes} == {Verdict.SENT}
    assert sender.opened == 3  # 30 messages, three connections
    received = sorted(str(m["Message-ID"]) for m in inbox.messages)
    assert received == sorted(f"<entrega-{i}@alcaldia.gov.co>" for i in range(1, 31))


async def test_a_dropped_connection_is_opened_again(settings: Settings) -> None:
    inbox, clock = Inbox(), FakeClock()
    server = Controller(inbox, hostname="127.0.0.1", port=free_port())
    server.start()
    sender = EmailSender(_email_settings(settings, server), links=lambda _p, _n: "http://x",
                         connections=1, probe_after=30.0, clock=clock)
    try:
        assert (await sender.send(DELIVERY)).verdict == Verdict.SENT
        server.stop()  # the server goes away and comes back on the same port
        back = Controller(inbox, hostname="127.0.0.1", port=server.port)
        back.start()
        try:
            clock.now += 60  # idle long enough to be checked before use
            assert (await sender.send(DELIVERY)).verdict == Verdict.SENT
        finally:
            back.stop()
    finally:
        await sender.close()
    assert sender.opened == 2 and len(inbox.messages) == 2


async def test_a_recently_used_connection_is_not_probed(settings: Settings, smtp_server) -> None:
    controller, inbox = smtp_server
    clock = FakeClock()
    sender = EmailSender(_email_settings(settings, controller), links=lambda _p, _n: "http://x",
                         connections=1, clock=clock)
    for _ in range(3):
        assert (await sender.send(DELIVERY)).verdict == Verdict.SENT
    await sender.close()
    assert sender.opened == 1 and len(inbox.messages) == 3


async def test_the_rate_spaces_the_starts_evenly(settings: Settings, smtp_server) -> None:
    controller, _inbox = smtp_server
    clock = FakeClock()
    sender = EmailSender(_email_settings(settings, controller, email_rate=10),
                         links=lambda _p, _n: "http://x", clock=clock, sleep=clock.sleep)
    for _ in range(4):
        await sender.ready(DELIVERY)
    assert clock.slept == [0.1, 0.2, 0.3]  # first at once, then one every 0.1 s
    clock.now = 10.0  # long idle: no catching up in a burst
    await sender.ready(DELIVERY)
    await sender.ready(DELIVERY)
    assert clock.slept[3:] == [0.1]
    unpaced = EmailSender(_email_settings(settings, controller), links=lambda _p, _n: "x")
    assert unpaced.pacer is None
    await sender.close()
    await unpaced.close()


async def test_the_pacer_alone() -> None:
    clock = FakeClock()
    pacer = Pacer(4, clock=clock, sleep=clock.sleep)
    await asyncio.gather(*(pacer.wait() for _ in range(5)))
    assert clock.slept == [0.25, 0.5, 0.75, 1.0]
