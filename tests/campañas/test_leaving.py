"""The Telegram and WhatsApp senders tell their limiter when a piece's request leaves: a piece
held between its slot and its request (the «enviando» commit, an upload) counts in the window
from then."""

from __future__ import annotations

import httpx

from campañas.senders.base import OutgoingDelivery
from campañas.senders.telegram import TelegramSender
from campañas.senders.whatsapp import WhatsAppSender
from campañas.states import Verdict
from campañas.whatsapp_plans import TemplatePlan
from nucleo.ports import WhatsAppAccount
from nucleo.ratelimit import TelegramLimits, TelegramRateLimiter, whatsapp_limits
from tests.fakes.clock import VirtualClock


class StubBot:
    """Records the limiter's clock at each request (what Telegram would see)."""

    def __init__(self, clock: VirtualClock) -> None:
        self.clock = clock
        self.sent: list[float] = []

    async def initialize(self) -> None:
        """Nothing to open."""

    async def send_message(self, **_: object) -> object:
        self.sent.append(self.clock.now())
        return object()


def piece(n: int) -> OutgoingDelivery:
    return OutgoingDelivery(
        delivery_id=n,
        channel="telegram",
        piece_id=1,
        value_name="honestidad",
        caption_html="<b>Hola</b>",
        image_path="",
        image_mime="",
        file_id=None,
        buttons=(),
        person_id=n,
        chat_id=10_000 + n,
    )


async def test_a_piece_sent_late_counts_from_when_it_leaves(tmp_path):
    clock = VirtualClock()
    limiter = TelegramRateLimiter(TelegramLimits().without_chat_pacing(), clock)
    bot = StubBot(clock)
    sender = TelegramSender(bot, tmp_path, limiter)  # type: ignore[arg-type]  # a stub bot

    async def one(n: int) -> None:
        delivery = piece(n)
        await sender.ready(delivery)
        if n == 0:  # its commit took half a second
            await clock.sleep(0.5)
        assert (await sender.send(delivery)).verdict is Verdict.SENT

    await clock.run(one(n) for n in range(60))
    assert max(bot.sent) >= 1000.5  # the held piece did leave late
    # every window of the requests' own times holds at most L: the late one made room for itself
    times = sorted(bot.sent)
    assert all(sum(1 for t in times if start <= t < start + 1.0) <= 30 for start in times)
    assert not sender._granted  # each slot was given up when its request left


async def test_a_whatsapp_message_sent_late_counts_from_when_it_leaves(tmp_path):
    """The same with WhatsApp's limiter (20 messages/s here): the held message leaves late and
    no second of the messages' own times holds more than 20; a send that fails before leaving
    (no number) keeps no slot."""
    clock = VirtualClock()
    limiter = TelegramRateLimiter(whatsapp_limits(20), clock)
    sent: list[float] = []

    def meta(request: httpx.Request) -> httpx.Response:
        sent.append(clock.now())
        return httpx.Response(200, json={"messages": [{"id": f"wamid.{len(sent)}"}]})

    account = WhatsAppAccount(api_root="https://graph.test/v21.0", phone_number_id="1",
                              token="t", rate=20)

    async def no_pause(_campaign_id: int, _reason: str) -> None:
        """Never asked here."""

    sender = WhatsAppSender(account, tmp_path, limiter, no_pause,
                            transport=httpx.MockTransport(meta))
    plan = TemplatePlan(campaign_id=1, name="valor_semana", language="es", parameters=(),
                        phrase="", author=None)

    async def one(n: int) -> None:
        delivery = OutgoingDelivery(
            delivery_id=n, channel="whatsapp", piece_id=1, value_name="honestidad",
            caption_html="", image_path="", image_mime="", file_id=None, buttons=(),
            person_id=n, wa_id=None if n == 39 else f"57300{n:07d}", whatsapp_template=plan)
        await sender.ready(delivery)
        if n == 0:  # its commit took half a second
            await clock.sleep(0.5)
        outcome = await sender.send(delivery)
        assert outcome.verdict is (Verdict.FAILED if n == 39 else Verdict.SENT)

    try:
        await clock.run(one(n) for n in range(40))
    finally:
        await sender.close()
    assert len(sent) == 39 and max(sent) >= 1000.5
    times = sorted(sent)
    assert all(sum(1 for t in times if start <= t < start + 1.0) <= 20 for start in times)
    assert not len(sender._granted)  # each slot was given up when its request left
