"""Tests for campañas.ratelimit in virtual time: Telegram's windows are never exceeded, the
achieved rate is at least 95 % of the limit, and a 429 pause holds everything."""

import asyncio
import itertools
import math
import random
from datetime import timedelta

import pytest
from telegram.error import RetryAfter

from campañas.ratelimit import (
    MonotonicClock,
    TelegramLimits,
    TelegramRateLimiter,
    chat_kind,
    retry_after_seconds,
)
from nucleo.errors import InvalidInput
from nucleo.settings import Settings
from tests.fakes.clock import VirtualClock

EPS = 1e-9


def max_in_window(times: list[float], window: float) -> int:
    """The most events any half-open window [t, t + window) holds."""
    times = sorted(times)
    best, j = 0, 0
    for i, start in enumerate(times):
        while j < len(times) and times[j] < start + window - EPS:
            j += 1
        best = max(best, j - i)
    return best


def achieved_rate(times: list[float]) -> float:
    times = sorted(times)
    return (len(times) - 1) / (times[-1] - times[0])


async def _send_all(limiter, clock, chat_ids):
    sent: list[tuple[float, object]] = []

    async def one(chat_id):
        await limiter.acquire(chat_id)
        sent.append((clock.now(), chat_id))

    await clock.run(one(c) for c in chat_ids)
    return sent


@pytest.mark.parametrize("rate, seconds", [(30, 120), (300, 20), (7.5, 60)])
async def test_long_run_holds_the_global_window_and_reaches_95_percent(rate, seconds):
    clock = VirtualClock()
    limiter = TelegramRateLimiter(TelegramLimits(global_rate=rate), clock)
    n = int(rate * seconds)  # saturated demand for that long
    sent = await _send_all(limiter, clock, range(1, n + 1))
    times = [t for t, _ in sent]
    assert len(times) == n and limiter.granted == n
    assert max_in_window(times, 1.0) <= math.ceil(rate)
    assert 0.95 * rate <= achieved_rate(times) <= rate


async def test_no_headroom_still_never_exceeds():
    clock = VirtualClock()
    limiter = TelegramRateLimiter(TelegramLimits(global_rate=30, headroom=0), clock)
    sent = await _send_all(limiter, clock, range(1, 1801))
    times = [t for t, _ in sent]
    assert max_in_window(times, 1.0) <= 30
    assert achieved_rate(times) >= 0.999 * 30


async def test_one_message_per_second_per_private_chat():
    clock = VirtualClock()
    limiter = TelegramRateLimiter(clock=clock)
    sent = await _send_all(limiter, clock, [42] * 20)
    times = sorted(t for t, _ in sent)
    assert all(b - a >= 1.0 - EPS for a, b in itertools.pairwise(times))
    assert times[-1] - times[0] <= 19 * 1.02 + EPS


async def test_twenty_per_minute_per_group():
    clock = VirtualClock()
    limiter = TelegramRateLimiter(clock=clock)
    sent = await _send_all(limiter, clock, [-100123] * 45 + ["@canal"] * 5)
    group = [t for t, c in sent if c == -100123]
    assert max_in_window(group, 60.0) <= 20
    assert achieved_rate(group) * 60 >= 0.95 * 20


async def test_mixed_traffic_respects_every_limit_at_once():
    clock = VirtualClock()
    limiter = TelegramRateLimiter(clock=clock)
    rng = random.Random(7)
    chats = [rng.choice([*range(1, 200), -1, -2]) for _ in range(1500)]
    sent = await _send_all(limiter, clock, chats)
    times = [t for t, _ in sent]
    assert max_in_window(times, 1.0) <= 30
    for chat in set(chats):
        mine = [t for t, c in sent if c == chat]
        if chat < 0:
            assert max_in_window(mine, 60.0) <= 20
        else:
            assert max_in_window(mine, 1.0) <= 1


async def test_chats_waiting_on_their_own_limit_do_not_block_others():
    clock = VirtualClock()
    limiter = TelegramRateLimiter(clock=clock)
    sent = await _send_all(limiter, clock, [7] * 5 + list(range(100, 160)))
    others = [t for t, c in sent if c != 7]
    assert max(others) - min(others) <= 3.0  # 60 others in about 2 s despite chat 7's queue


async def test_arrivals_over_time_are_not_delayed_when_under_the_limit():
    clock = VirtualClock()
    limiter = TelegramRateLimiter(clock=clock)
    delays = []

    async def arrive(i):
        await clock.sleep(i * 0.1)  # 10/s of demand, well under 30/s
        asked = clock.now()
        await limiter.acquire(i + 1)
        delays.append(clock.now() - asked)

    await clock.run(arrive(i) for i in range(100))
    assert max(delays) == 0


async def test_pause_holds_everything_until_the_deadline():
    clock = VirtualClock()
    limiter = TelegramRateLimiter(clock=clock)
    sent: list[float] = []

    async def one(chat_id):
        await limiter.acquire(chat_id)
        sent.append(clock.now())

    async def telegram_says_429():
        await clock.sleep(2.0)
        return limiter.pause_for(5)

    results = await clock.run([telegram_says_429(), *(one(c) for c in range(1, 301))])
    paused_at, resume = results[0] - 5, results[0]
    assert len(sent) == 300
    assert not [t for t in sent if paused_at <= t < resume]
    assert any(t >= resume for t in sent) and any(t < paused_at for t in sent)
    assert max_in_window(sent, 1.0) <= 30
    after = [t for t in sent if t >= resume]
    assert resume <= min(after) < resume + limiter.limits.global_gap
    assert limiter.pauses == 1 and not limiter.is_paused


async def test_shorter_pause_does_not_shorten_a_longer_one():
    clock = VirtualClock()
    limiter = TelegramRateLimiter(clock=clock)
    first = limiter.pause_for(10)
    assert limiter.pause_for(timedelta(seconds=1)) == first
    assert limiter.is_paused and limiter.paused_until == clock.now() + 10
    waited = []

    async def request_without_chat():
        await limiter.wait_if_paused()
        waited.append(clock.now())

    await clock.run([request_without_chat()])
    assert waited == [first]


@pytest.mark.parametrize("seconds", [-1, float("nan"), "5", None])
def test_bad_pause(seconds):
    with pytest.raises(InvalidInput):
        TelegramRateLimiter().pause_for(seconds)


async def test_slot_context_pauses_on_retry_after():
    clock = VirtualClock()
    limiter = TelegramRateLimiter(clock=clock)

    async def send():
        async with limiter.slot(5) as granted:
            assert granted == clock.now()
            raise RetryAfter(3)

    with pytest.raises(RetryAfter):
        await clock.run([send()])
    assert limiter.paused_until == pytest.approx(clock.now() + 3)


async def test_cancelled_waiter_gives_its_slot_back():
    clock = VirtualClock()
    limiter = TelegramRateLimiter(TelegramLimits(global_rate=1, headroom=0), clock)
    await limiter.acquire(1)
    waiter = asyncio.ensure_future(limiter.acquire(2))
    await clock._settle()
    assert limiter._slots.earliest(clock.now()) == pytest.approx(1002.0)
    waiter.cancel()
    await clock._settle()
    assert limiter._slots.earliest(clock.now()) == pytest.approx(1001.0)
    sent = await _send_all(limiter, clock, [3])
    assert sent[0][0] == pytest.approx(clock.now()) and sent[0][0] - 1000.0 == pytest.approx(1.0)


async def test_real_clock_short_run():
    limiter = TelegramRateLimiter(TelegramLimits(global_rate=200), MonotonicClock())
    times: list[float] = []

    async def one(chat_id):
        slot = await limiter.acquire(chat_id)
        assert limiter.clock.now() >= slot  # nobody goes before its slot
        times.append(slot)

    await asyncio.gather(*(one(c) for c in range(1, 41)))
    assert len(times) == 40
    # The slots themselves keep the spacing; when a busy machine wakes the tasks late is
    # event-loop jitter, not the limiter's doing, so it is not what this measures.
    assert max_in_window(times, 0.1) <= 21


@pytest.mark.parametrize(
    "chat_id, kind",
    [(5, "private"), (-100200, "group"), ("@canal", "group"), ("123", "private"),
     ("-42", "group"), (None, None), ("", None), (True, None)],
)
def test_chat_kind(chat_id, kind):
    assert chat_kind(chat_id) == kind


@pytest.mark.parametrize(
    "kwargs",
    [{"global_rate": 0}, {"global_rate": -3}, {"private_interval": 0},
     {"group_per_minute": -1}, {"headroom": 1.5}, {"headroom": -0.1}, {"global_rate": "30"}],
)
def test_bad_limits(kwargs):
    with pytest.raises(InvalidInput):
        TelegramLimits(**kwargs)


def test_limits_from_settings():
    limits = TelegramLimits.from_settings(Settings(telegram_rate=300))
    assert limits.global_rate == 300 and limits.global_gap == pytest.approx(1.02 / 300)
    assert limits.group_gap == pytest.approx(3.06)


def test_retry_after_seconds():
    assert retry_after_seconds(RetryAfter(7)) == 7.0
    assert retry_after_seconds(RetryAfter(timedelta(seconds=2.5))) == 2.5
