"""The Telegram sender tells the shared limiter when a piece's request leaves: a piece held
between its slot and its request (the «enviando» commit) counts in the window from then."""

from __future__ import annotations

from campañas.senders.base import OutgoingDelivery
from campañas.senders.telegram import TelegramSender
from campañas.states import Verdict
from nucleo.ratelimit import TelegramLimits, TelegramRateLimiter
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
