"""The limiter plugged into python-telegram-bot's ExtBot, against a fake Bot API transport."""

import itertools
import json

import pytest
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter, ExtBot
from telegram.request import BaseRequest

from nucleo.ratelimit import Priority, PTBRateLimiter, TelegramLimits, TelegramRateLimiter
from tests.fakes.clock import VirtualClock


class FakeBotAPI(BaseRequest):
    """Answers like the Bot API; records (virtual time, method, chat_id) of every call and
    answers 429 with retry_after to the calls listed in ``flood_at``."""

    def __init__(self, clock: VirtualClock, flood_at: set[int] = frozenset(), retry_after=3):
        self.clock = clock
        self.calls: list[tuple[float, str, object]] = []
        self.flood_at = set(flood_at)
        self.retry_after = retry_after

    @property
    def read_timeout(self):
        return 5.0

    async def initialize(self):
        pass

    async def shutdown(self):
        pass

    async def do_request(self, url, method, request_data=None, **timeouts):
        endpoint = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        self.calls.append((self.clock.now(), endpoint, params.get("chat_id")))
        if len(self.calls) in self.flood_at:
            body = {"ok": False, "error_code": 429,
                    "description": f"Too Many Requests: retry after {self.retry_after}",
                    "parameters": {"retry_after": self.retry_after}}
            return 429, json.dumps(body).encode()
        if endpoint == "getMe":
            result = {"id": 1, "is_bot": True, "first_name": "Valor", "username": "valor_bot"}
        elif endpoint == "answerCallbackQuery":
            result = True
        else:
            raw = str(params["chat_id"])
            chat_id = int(raw) if raw.lstrip("-").isdigit() else -1001  # "@channel"
            result = {"message_id": len(self.calls), "date": 0,
                      "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
                      "text": params.get("text", "")}
        return 200, json.dumps({"ok": True, "result": result}).encode()


async def _bot(clock, api, max_retries=0, rate=30, limiter=None):
    limiter = limiter or TelegramRateLimiter(TelegramLimits(global_rate=rate), clock)
    bot = ExtBot("123:ABC", request=api, get_updates_request=api,
                 rate_limiter=PTBRateLimiter(limiter, max_retries=max_retries))
    await bot.initialize()
    return bot, limiter


def test_is_a_ptb_rate_limiter():
    assert isinstance(PTBRateLimiter(), BaseRateLimiter)


async def test_ext_bot_sends_through_the_limiter():
    clock = VirtualClock()
    api = FakeBotAPI(clock)
    bot, limiter = await _bot(clock, api)
    await clock.run(bot.send_message(chat_id=c, text="Hola") for c in range(1, 301))
    sends = sorted(t for t, endpoint, _ in api.calls if endpoint == "sendMessage")
    assert len(sends) == 300 and limiter.granted == 300
    assert all(b - a >= 1 / 30 - 1e-9 for a, b in itertools.pairwise(sends))  # virtual: on time
    assert 299 / (sends[-1] - sends[0]) >= 0.95 * 30


async def test_429_for_one_chat_pauses_that_chat_and_propagates_without_retries():
    clock = VirtualClock()
    api = FakeBotAPI(clock, flood_at={1 + 10})  # call 1 is getMe
    bot, limiter = await _bot(clock, api)

    async def send(chat_id):
        try:
            await bot.send_message(chat_id=chat_id, text="Hola")
            return "ok"
        except RetryAfter:
            return "429"

    async def later_to_the_same_chat():
        await clock.sleep(1.0)
        await bot.send_message(chat_id=10, text="Otra vez")

    results = await clock.run([*(send(c) for c in range(1, 61)), later_to_the_same_chat()])
    assert results.count("429") == 1
    flood_time, _, flood_chat = api.calls[10]
    assert flood_chat == 10
    others = [t for t, _, chat in api.calls[11:] if chat != 10]
    assert others and any(flood_time < t < flood_time + 3 for t in others)  # not paused
    again = [t for t, _, chat in api.calls[11:] if chat == 10]
    assert again and min(again) >= flood_time + 3
    assert limiter.pauses == 0 and limiter.chat_pauses == 1


async def test_429_for_three_chats_within_a_second_pauses_everyone():
    clock = VirtualClock()
    api = FakeBotAPI(clock, flood_at={10, 11, 12})
    bot, limiter = await _bot(clock, api)

    async def send(chat_id):
        try:
            await bot.send_message(chat_id=chat_id, text="Hola")
        except RetryAfter:
            pass

    await clock.run(send(c) for c in range(1, 61))
    second_flood = api.calls[11][0]
    assert limiter.pauses == 1
    assert not [t for t, _, _ in api.calls[12:] if second_flood < t < second_flood + 3]


async def test_429_is_retried_after_the_pause_when_asked():
    clock = VirtualClock()
    api = FakeBotAPI(clock, flood_at={2}, retry_after=5)
    bot, _limiter = await _bot(clock, api, max_retries=1)
    [message] = await clock.run([bot.send_message(chat_id=77, text="Hola")])
    assert message.chat.id == 77
    (t1, _, c1), (t2, _, c2) = api.calls[1:]
    assert c1 == c2 == 77 and t2 - t1 >= 5


async def test_rate_limit_args_set_the_priority():
    clock = VirtualClock()
    api = FakeBotAPI(clock)
    limiter = TelegramRateLimiter(TelegramLimits(global_rate=30).without_chat_pacing(), clock)
    bot, _ = await _bot(clock, api, limiter=limiter)

    async def campaign(chat_id):
        await limiter.acquire(chat_id, Priority.CAMPAIGN)
        api.calls.append((clock.now(), "campaign", chat_id))

    async def notice():
        await clock.sleep(1.01)  # between two campaign slots: both wait for the next one
        await bot.send_message(chat_id=900, text="Aviso", rate_limit_args=Priority.NOTICE)

    async def reply():
        await clock.sleep(1.01)
        await bot.send_message(chat_id=901, text="Respuesta")  # the adapter's default: REPLY

    await clock.run([*(campaign(c) for c in range(1, 101)), notice(), reply()])
    after = [chat for t, _, chat in api.calls if t > 1001.01]
    assert after[:2] == [901, 900]


async def test_requests_without_chat_take_no_slot_but_wait_out_a_pause():
    clock = VirtualClock()
    api = FakeBotAPI(clock)
    bot, limiter = await _bot(clock, api)
    resume = limiter.pause_for(4)
    await clock.run([bot.answer_callback_query("cb-1")])
    t, endpoint, _ = api.calls[-1]
    assert endpoint == "answerCallbackQuery" and t >= resume
    assert limiter.granted == 0


@pytest.mark.parametrize("chat_id", [-100500, "@canal_integridad"])
async def test_groups_and_channels_get_twenty_per_minute(chat_id):
    clock = VirtualClock()
    api = FakeBotAPI(clock)
    bot, _ = await _bot(clock, api)
    await clock.run(bot.send_message(chat_id=chat_id, text="x") for _ in range(21))
    sends = sorted(t for t, endpoint, _ in api.calls if endpoint == "sendMessage")
    assert sends[20] - sends[0] >= 60
