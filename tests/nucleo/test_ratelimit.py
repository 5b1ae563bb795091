"""Tests for nucleo.ratelimit in virtual time: no 1-second window ever holds more than L grants
(whatever the arrivals, stalls, priorities and 429s), the rate reaches L, replies go first, and a
429 pauses one chat or everyone as Telegram meant it."""

from __future__ import annotations

import asyncio
import itertools
import random
from dataclasses import replace
from datetime import timedelta

import pytest
from telegram.error import RetryAfter

from nucleo.errors import InvalidInput
from nucleo.ports import WHATSAPP_ACCOUNT, WhatsAppAccount
from nucleo.ratelimit import (
    TELEGRAM_LIMITER,
    WHATSAPP_DEFAULT_RATE,
    WHATSAPP_LIMITER,
    ChatRule,
    MonotonicClock,
    Priority,
    TelegramLimits,
    TelegramRateLimiter,
    chat_kind,
    retry_after_seconds,
    telegram_limiter,
    whatsapp_limiter,
    whatsapp_limits,
)
from nucleo.services import Services
from nucleo.settings import Settings
from tests.fakes.clock import VirtualClock

EPS = 1e-9
NO_CHAT_RULES = TelegramLimits().without_chat_pacing()


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


class StallingClock(VirtualClock):
    """A virtual clock whose sleepers sometimes wake late, as on a busy event loop."""

    def __init__(self, rng: random.Random, chance: float = 0.05, longest: float = 2.5) -> None:
        super().__init__()
        self.rng, self.chance, self.longest = rng, chance, longest

    async def sleep(self, seconds: float) -> None:
        if self.rng.random() < self.chance:
            seconds = max(seconds, 0) + self.rng.uniform(0, self.longest)
        await super().sleep(seconds)


async def _send_all(limiter, clock, chat_ids, priority=Priority.CAMPAIGN):
    sent: list[tuple[float, object]] = []

    async def one(chat_id):
        granted = await limiter.acquire(chat_id, priority)
        assert granted == clock.now()
        sent.append((clock.now(), chat_id))

    await clock.run(one(c) for c in chat_ids)
    return sent


@pytest.mark.parametrize("rate, seconds, capacity", [(30, 120, 30), (300, 20, 300),
                                                     (7.5, 60, 7)])
async def test_long_run_holds_the_strict_window_and_reaches_the_limit(rate, seconds, capacity):
    clock = VirtualClock()
    limiter = TelegramRateLimiter(TelegramLimits(global_rate=rate), clock)
    n = int(rate * seconds)  # saturated demand for that long
    sent = await _send_all(limiter, clock, range(1, n + 1))
    times = [t for t, _ in sent]
    assert len(times) == n and limiter.granted == n
    assert max_in_window(times, 1.0) == capacity  # at the ceiling, never above it
    assert achieved_rate(times) >= 0.999 * capacity


@pytest.mark.parametrize("seed", range(6))
async def test_with_a_margin_no_receiver_window_holds_more_than_l_despite_varying_delays(seed):
    """Each send reaches Telegram after its own delay, up to the margin (the event loop, the
    network): counted where they arrive, no 1-s window holds more than L; the rate is
    L / (1 + margin)."""
    rng = random.Random(seed)
    clock = VirtualClock()
    limits = replace(NO_CHAT_RULES, margin=0.05)
    sent = await _send_all(TelegramRateLimiter(limits, clock), clock, range(1, 30 * 60 + 1))
    arrivals = [t + rng.uniform(0, 0.05 - EPS) for t, _ in sent]
    assert max_in_window(arrivals, 1.0) <= 30
    assert achieved_rate([t for t, _ in sent]) == pytest.approx(30 / 1.05, rel=0.01)
    without = await _send_all(TelegramRateLimiter(NO_CHAT_RULES, clock), clock,
                              range(1, 30 * 60 + 1))
    late = [t + rng.uniform(0, 0.05) for t, _ in without]
    assert max_in_window(late, 1.0) > 30  # the same delays overflow a window with no margin


async def test_without_smoothing_a_window_may_fill_at_once_but_never_overflows():
    clock = VirtualClock()
    limiter = TelegramRateLimiter(replace(NO_CHAT_RULES, smooth=False), clock)
    sent = await _send_all(limiter, clock, range(1, 301))
    times = [t for t, _ in sent]
    assert max_in_window(times, 1.0) == 30 and times.count(times[0]) == 30
    assert times[-1] - times[0] == pytest.approx(9.0)


@pytest.mark.parametrize("seed", range(12))
async def test_property_no_window_ever_holds_more_than_l(seed):
    """Random arrivals (bursts and trickles), stalls of the event loop, mixed priorities,
    cancellations and every kind of 429: the grants never exceed L in any 1-s window, never
    come closer than 1/L, and a paused chat or a global pause gets nothing meanwhile."""
    rng = random.Random(seed)
    clock = StallingClock(rng)
    rate = rng.choice([5, 30, 30, 100])
    limits = TelegramLimits(global_rate=rate)
    limiter = TelegramRateLimiter(limits, clock)
    grants: list[tuple[float, object]] = []
    global_pauses: list[tuple[float, float]] = []
    chat_pauses: list[tuple[object, float, float]] = []

    async def one(delay, chat_id, priority):
        await clock.sleep(delay)
        await limiter.acquire(chat_id, priority)
        grants.append((clock.now(), chat_id))

    async def impatient(delay, chat_id, patience):
        await clock.sleep(delay)
        task = asyncio.ensure_future(limiter.acquire(chat_id))
        await clock.sleep(patience)
        if task.done():
            grants.append((task.result(), chat_id))
        else:
            task.cancel()  # gives up before its turn: takes no slot

    async def telegram_429(delay, chat_id, seconds):
        await clock.sleep(delay)
        start = clock.now()
        resume = limiter.report_429(seconds, chat_id)
        if limiter.paused_until == resume and resume > start:
            global_pauses.append((start, resume))
        else:
            chat_pauses.append((chat_id, start, resume))

    jobs = []
    chats = [*range(1, 40), -100, -200]
    for _ in range(rng.randint(200, 700)):
        burst = rng.random() < 0.3
        delay = rng.uniform(0, 2) if burst else rng.uniform(0, 25)
        jobs.append(one(delay, rng.choice(chats), rng.choice(list(Priority))))
    for _ in range(rng.randint(0, 30)):
        jobs.append(impatient(rng.uniform(0, 25), rng.choice(chats), rng.uniform(0, 1)))
    for _ in range(rng.randint(0, 6)):
        chat = rng.choice([None, *chats])
        jobs.append(telegram_429(rng.uniform(0, 25), chat, rng.choice([1, 2, 5])))
    await clock.run(jobs)

    times = sorted(t for t, _ in grants)
    assert len(times) == limiter.granted
    assert max_in_window(times, 1.0) <= limits.capacity
    assert all(b - a >= limits.min_gap - EPS for a, b in itertools.pairwise(times))
    for start, resume in global_pauses:
        assert not [t for t in times if start < t < resume - EPS]
    for chat, start, resume in chat_pauses:
        assert not [t for t, c in grants if c == chat and start < t < resume - EPS], (chat, start, resume, limiter.paused_until)
    for chat in chats:
        mine = [t for t, c in grants if c == chat]
        rules = limits.group if chat < 0 else limits.private
        for rule in rules:
            assert max_in_window(mine, rule.window) <= rule.count


async def test_no_catch_up_after_a_stall():
    """When the loop wakes the limiter 2 s late, it does not release the slots it "missed"."""
    clock = VirtualClock()
    limiter = TelegramRateLimiter(NO_CHAT_RULES, clock)
    sent: list[float] = []

    async def one(chat_id):
        await limiter.acquire(chat_id)
        sent.append(clock.now())

    await clock.run(one(c) for c in range(1, 11))
    # an event loop blocked for two seconds: nobody ran while time went on
    clock._now += 2.0
    await clock.run(one(c) for c in range(100, 160))
    later = sorted(sent[10:])
    assert max_in_window(later, 1.0) <= 30
    assert all(b - a >= 1 / 30 - EPS for a, b in itertools.pairwise(later))


class LateClock(VirtualClock):
    """Every wake-up comes ``late`` seconds after it was asked for (a busy event loop)."""

    def __init__(self, late: float) -> None:
        super().__init__()
        self.late = late

    async def sleep(self, seconds: float) -> None:
        await super().sleep(max(seconds, 0) + self.late)


@pytest.mark.parametrize("late, share", [(0.001, 0.998), (0.005, 0.99), (0.016, 0.98)])
async def test_small_late_wake_ups_do_not_add_up(late, share):
    """Woken a few milliseconds late every time, the limiter still reaches L (its schedule
    forgives up to half a gap) and still never exceeds it."""
    clock = LateClock(late)
    limiter = TelegramRateLimiter(NO_CHAT_RULES, clock)
    sent = await _send_all(limiter, clock, range(1, 1801))
    times = [t for t, _ in sent]
    assert max_in_window(times, 1.0) <= 30
    assert achieved_rate(times) >= share * 30  # the window, on late grants, costs ~late/s


async def test_private_chat_gets_three_in_any_three_seconds():
    clock = VirtualClock()
    limiter = TelegramRateLimiter(clock=clock)
    sent = await _send_all(limiter, clock, [42] * 20)
    times = sorted(t for t, _ in sent)
    assert max_in_window(times, 3.0) == 3 and times[2] - times[0] < 0.1  # a short burst
    assert achieved_rate(times) >= 0.95  # about one a second over the long run


async def test_group_gets_twenty_per_minute_and_short_bursts_only():
    clock = VirtualClock()
    limiter = TelegramRateLimiter(clock=clock)
    sent = await _send_all(limiter, clock, [-100123] * 45 + ["@canal"] * 5)
    group = [t for t, c in sent if c == -100123]
    assert max_in_window(group, 60.0) <= 20 and max_in_window(group, 9.0) <= 3
    assert achieved_rate(group) * 60 >= 0.95 * 20


async def test_string_and_int_ids_are_one_chat():
    clock = VirtualClock()
    limiter = TelegramRateLimiter(clock=clock)
    sent = await _send_all(limiter, clock, [7, "7", " 7", 7])
    assert max_in_window([t for t, _ in sent], 3.0) == 3


async def test_chats_waiting_on_their_own_limit_do_not_block_others():
    clock = VirtualClock()
    limiter = TelegramRateLimiter(clock=clock)
    sent = await _send_all(limiter, clock, [7] * 10 + list(range(100, 160)))
    others = [t for t, c in sent if c != 7]
    assert max(others) - min(others) <= 2.1  # 60 others in 2 s despite chat 7's queue


async def test_arrivals_under_the_limit_are_not_delayed():
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


async def test_replies_go_before_notices_before_campaign_pieces():
    clock = VirtualClock()
    limiter = TelegramRateLimiter(NO_CHAT_RULES, clock)
    order: list[tuple[float, str]] = []

    async def one(chat_id, priority, label, delay=0.0):
        await clock.sleep(delay)
        await limiter.acquire(chat_id, priority)
        order.append((clock.now(), label))

    campaign = [one(c, Priority.CAMPAIGN, "campaign") for c in range(1, 301)]
    late = [one(1000, Priority.REPLY, "reply", 2.0), one(1001, Priority.NOTICE, "notice", 2.0),
            one(1002, Priority.REPLY, "reply2", 2.0)]
    await clock.run([*campaign, *late])
    labels = [label for _, label in order]
    first_after = [label for t, label in order if t >= 1002.0][:3]
    assert first_after == ["reply", "reply2", "notice"]
    reply_at = next(t for t, label in order if label == "reply")
    assert reply_at - 1002.0 <= 1 / 30 + EPS  # waits at most one gap behind the campaign
    assert labels.count("campaign") == 300


async def test_a_chat_429_pauses_only_that_chat():
    clock = VirtualClock()
    limiter = TelegramRateLimiter(NO_CHAT_RULES, clock)
    sent: list[tuple[float, int]] = []

    async def one(chat_id, delay):
        await clock.sleep(delay)
        await limiter.acquire(chat_id)
        sent.append((clock.now(), chat_id))

    async def flood():
        await clock.sleep(1.0)
        return limiter.report_429(5, 7)

    results = await clock.run([flood(), *(one(7, d) for d in (0.5, 1.5, 2.0)),
                               *(one(c, 1 + c / 100) for c in range(10, 50))])
    resume = results[0]
    assert resume == pytest.approx(1006.0) and limiter.pauses == 0 and limiter.chat_pauses == 1
    assert [t for t, c in sent if c == 7][1] >= resume
    others = [t for t, c in sent if c != 7]
    assert max(others) < 1003.0  # nobody else waited for chat 7's five seconds
    assert not limiter.is_paused


async def test_429s_for_two_chats_widen_the_margin_and_three_long_ones_pause_everyone():
    """Two chats within a second: the bot brushed its global limit (sends arrived closer than
    they left); those chats wait and the margin widens, others go on. A third chat told to wait
    longer than a window is flood control: all wait."""
    clock = VirtualClock()
    limiter = TelegramRateLimiter(replace(NO_CHAT_RULES, margin=0.05), clock)
    limiter.report_429(3, 1)
    await clock.advance(0.5)
    assert limiter.report_429(3, 2) == pytest.approx(1003.5)  # chat 2's own wait
    assert limiter.pauses == 0 and limiter.chat_pauses == 2 and not limiter.is_paused
    assert limiter.margin == pytest.approx(0.10)
    await clock.advance(0.4)
    resume = limiter.report_429(3, 3)
    assert limiter.pauses == 1 and limiter.paused_until == resume == pytest.approx(1003.9)
    await clock.advance(4.0)
    limiter.report_429(1, 4)  # the earlier ones are older than a second: one chat again
    assert limiter.pauses == 1 and limiter.chat_pauses == 4


async def test_window_full_429s_cost_one_slot_each_not_a_pause():
    """429s with ``retry_after`` = 1 for many chats within a second (the receiver's window
    was full): only those chats wait; each one after the first takes one more slot of the
    window, so the next grants come that many gaps later, never a second later."""
    clock = VirtualClock()
    limiter = TelegramRateLimiter(replace(NO_CHAT_RULES, backoff_margin=0.0), clock)
    sent = await _send_all(limiter, clock, range(1, 31))  # a full window, at pace
    last = sent[-1][0]
    for chat in range(1, 6):  # five of them refused at once
        limiter.report_429(1, chat)
    assert limiter.pauses == 0 and not limiter.is_paused and limiter.chat_pauses == 5
    later = await _send_all(limiter, clock, range(100, 110))
    assert later[0][0] == pytest.approx(last + 5 / 30)  # four more slots taken, not a second
    times = [t for t, _ in sent + later]
    assert max_in_window(times, 1.0) <= 30


async def test_a_burst_of_window_full_429s_widens_the_margin_once():
    """The 429s of one full window are one sign that the sends' delays outgrew the margin: the
    margin widens once for them, and the grants go on within a fraction of a second."""
    clock = VirtualClock()
    limiter = TelegramRateLimiter(replace(NO_CHAT_RULES, margin=0.03), clock)
    sent = await _send_all(limiter, clock, range(1, 31))
    for chat in range(1, 6):
        limiter.report_429(1, chat)
    assert limiter.margin == pytest.approx(0.03 + limiter.limits.backoff_margin)
    later = await _send_all(limiter, clock, range(100, 110))
    assert later[0][0] < sent[-1][0] + 0.3


async def test_a_send_that_leaves_late_is_counted_when_it_leaves():
    """Sends granted on time whose requests leave together later (a slow commit between the
    slot and the request): the windows count them where they left, so the grants after them
    wait for that window and no 1-second window of departures holds more than L."""
    clock = VirtualClock()
    limiter = TelegramRateLimiter(NO_CHAT_RULES, clock)
    left: list[float] = []

    commit_done: list[float] = []

    async def piece(chat_id):
        granted = await limiter.acquire(chat_id)
        if 40 <= chat_id < 52:  # granted while one slow commit runs: they wait for its end
            commit_done[:] = commit_done or [granted + 0.4]
            await clock.sleep(commit_done[0] - clock.now())
        await limiter.depart(granted)
        left.append(clock.now())

    await clock.run(piece(c) for c in range(300))
    assert len(left) == 300
    assert max_in_window(left, 1.0) <= 30
    assert max_in_window(left, 0.01) >= 10  # they did leave together
    # each late one holds its slot of the window until a second after it left: about one slot
    # each (12 of 300), never a pause
    assert achieved_rate(left) >= 0.95 * 30


async def test_a_send_that_leaves_after_a_stall_longer_than_the_window_waits_for_a_slot():
    """A grant the windows forgot (the machine stalled for seconds before the request) takes
    a slot again, ahead of everyone, before it leaves."""
    clock = VirtualClock()
    limiter = TelegramRateLimiter(NO_CHAT_RULES, clock)
    granted = await limiter.acquire(1)
    await _send_all(limiter, clock, range(2, 31))
    await clock.advance(5.0)
    others = await _send_all(limiter, clock, range(100, 130))  # a full window again
    waiting = asyncio.ensure_future(limiter.depart(granted))
    later = asyncio.ensure_future(limiter.acquire(200, Priority.REPLY))
    await clock.run([waiting, later])
    assert waiting.done() and later.result() > others[-1][0] + 1.5 / 30  # the second slot
    assert limiter.granted == 62  # the late send took a slot of its own


async def test_depart_of_an_unknown_grant_takes_a_slot():
    clock = VirtualClock()
    limiter = TelegramRateLimiter(NO_CHAT_RULES, clock)
    await clock.run([limiter.depart(123.0)])
    assert limiter.granted == 1


async def test_429s_for_the_whole_bot_widen_the_margin_which_narrows_back():
    """Global 429s mean the sends' delays outgrew the margin (a busy machine): each one widens
    it by ``backoff_margin`` up to ``max_margin``; it narrows back over ``backoff_decay``. A
    single chat's 429 changes nothing."""
    clock = VirtualClock()
    limits = replace(NO_CHAT_RULES, margin=0.05, backoff_margin=0.05, max_margin=0.2,
                     backoff_decay=30.0)
    limiter = TelegramRateLimiter(limits, clock)
    limiter.report_429(1, 7)
    assert limiter.margin == pytest.approx(0.05)  # one chat: its own limit, not the bot's
    limiter.report_429(1, 8)  # a second chat within a second: the bot's global limit
    assert limiter.margin == pytest.approx(0.10)
    limiter.report_429(1, 9)  # the same full window: no wider
    assert limiter.margin == pytest.approx(0.10)
    for chat in range(10, 15):  # one full window a second
        await clock.advance(1.0)
        limiter.report_429(1, chat)
        limiter.report_429(1, -chat)
    assert limiter.margin == pytest.approx(0.20, abs=0.01)  # capped (narrowing meanwhile)
    await clock.advance(15.0)
    assert limiter.margin == pytest.approx(0.125)  # half-way back
    await clock.advance(15.0)
    assert limiter.margin == pytest.approx(0.05)
    sent = await _send_all(limiter, clock, range(100, 100 + 300))
    assert achieved_rate([t for t, _ in sent]) == pytest.approx(30 / 1.05, rel=0.01)


async def test_a_wider_margin_spaces_the_grants_wider():
    clock = VirtualClock()
    limiter = TelegramRateLimiter(replace(NO_CHAT_RULES, margin=0.0, backoff_decay=1000.0), clock)
    limiter.report_429(1)  # no chat: the whole bot, widened to 0.05
    await clock.advance(1.0)  # the pause is over; the margin narrows by 0.1 % meanwhile
    sent = await _send_all(limiter, clock, range(1, 61))
    assert achieved_rate([t for t, _ in sent]) == pytest.approx(30 / 1.05, rel=0.01)


async def test_a_429_without_chat_pauses_everyone():
    clock = VirtualClock()
    limiter = TelegramRateLimiter(clock=clock)
    sent: list[float] = []

    async def one(chat_id):
        await limiter.acquire(chat_id)
        sent.append(clock.now())

    async def telegram_says_429():
        await clock.sleep(2.0)
        return limiter.report_429(timedelta(seconds=5))

    results = await clock.run([telegram_says_429(), *(one(c) for c in range(1, 301))])
    paused_at, resume = results[0] - 5, results[0]
    assert len(sent) == 300 and limiter.pauses == 1
    assert not [t for t in sent if paused_at < t < resume]
    assert max_in_window(sent, 1.0) <= 30
    after = [t for t in sent if t >= resume]
    assert resume <= min(after) < resume + 1 / 30


async def test_shorter_pause_does_not_shorten_a_longer_one():
    clock = VirtualClock()
    limiter = TelegramRateLimiter(clock=clock)
    first = limiter.pause_for(10)
    assert limiter.pause_for(timedelta(seconds=1)) == first
    assert limiter.is_paused and limiter.paused_until == clock.now() + 10
    assert limiter.pause_chat(5, 20) == clock.now() + 20
    assert limiter.pause_chat("5", 1) == clock.now() + 20
    assert limiter.chat_paused_until(5) == clock.now() + 20
    waited = []

    async def request_without_chat():
        await limiter.wait_if_paused()
        waited.append(clock.now())

    await clock.run([request_without_chat()])
    assert waited == [first]


@pytest.mark.parametrize("seconds", [-1, float("nan"), float("inf"), "5", None, True])
def test_bad_pause(seconds):
    with pytest.raises(InvalidInput):
        TelegramRateLimiter().pause_for(seconds)
    with pytest.raises(InvalidInput):
        TelegramRateLimiter().report_429(seconds, 5)


async def test_slot_context_reports_retry_after_for_its_chat():
    clock = VirtualClock()
    limiter = TelegramRateLimiter(clock=clock)

    async def send():
        async with limiter.slot(5, Priority.REPLY) as granted:
            assert granted == clock.now()
            raise RetryAfter(3)

    with pytest.raises(RetryAfter):
        await clock.run([send()])
    assert limiter.chat_paused_until(5) == pytest.approx(clock.now() + 3)
    assert not limiter.is_paused


async def test_cancelled_waiter_takes_no_slot():
    clock = VirtualClock()
    limiter = TelegramRateLimiter(TelegramLimits(global_rate=1), clock)
    await limiter.acquire(1)
    waiter = asyncio.ensure_future(limiter.acquire(2))
    await clock._settle()
    waiter.cancel()
    await clock._settle()
    sent = await _send_all(limiter, clock, [3])
    assert sent[0][0] == pytest.approx(1001.0)  # the next second's slot went to chat 3
    assert limiter.granted == 2 and limiter.waiting == 0


async def test_many_chats_are_forgotten_once_their_windows_end():
    clock = VirtualClock()
    limiter = TelegramRateLimiter(TelegramLimits(global_rate=1000), clock)
    limiter._prune_floor = limiter._prune_at = 100
    await _send_all(limiter, clock, range(1, 500))
    assert len(limiter._chats) == 499  # all still inside their windows
    await clock.advance(120)
    limiter._prune_at = len(limiter._chats)  # the next new chat triggers a clean-up
    await _send_all(limiter, clock, range(1000, 1201))
    assert len(limiter._chats) == 201


async def test_real_clock_short_run():
    limiter = TelegramRateLimiter(TelegramLimits(global_rate=200), MonotonicClock())
    times: list[float] = []

    async def one(chat_id):
        slot = await limiter.acquire(chat_id)
        times.append(slot)

    await asyncio.gather(*(one(c) for c in range(1, 41)))
    assert len(times) == 40
    gap = limiter.limits.min_gap
    assert all(b - a >= gap - EPS for a, b in itertools.pairwise(sorted(times)))
    assert max_in_window(times, 1.0) <= 200


def test_the_limiter_survives_a_new_event_loop():
    clock = VirtualClock()
    limiter = TelegramRateLimiter(TelegramLimits(global_rate=1), clock)

    async def two() -> None:
        await limiter.acquire(1)
        waiter = asyncio.ensure_future(limiter.acquire(2))
        await asyncio.sleep(0)
        assert not waiter.done()  # the dispatcher sleeps for a second in this loop

    asyncio.run(two())  # the loop ends with the dispatcher and the waiter still pending
    [granted] = asyncio.run(clock.run([limiter.acquire(3)]))
    assert granted == pytest.approx(1001.0) and limiter.granted == 2


@pytest.mark.parametrize(
    "chat_id, kind",
    [(5, "private"), (-100200, "group"), ("@canal", "group"), ("123", "private"),
     ("-42", "group"), (None, None), ("", None), (True, None)],
)
def test_chat_kind(chat_id, kind):
    assert chat_kind(chat_id) == kind


@pytest.mark.parametrize(
    "kwargs",
    [{"global_rate": 0}, {"global_rate": -3}, {"window": 0}, {"flood_window": -1},
     {"global_rate": "30"}, {"global_rate": float("inf")}, {"private": (3,)},
     {"margin": -0.01}, {"margin": 2}, {"margin": "0.05"}, {"flood_chats": 1},
     {"flood_chats": 2.5}, {"flood_chats": True}],
)
def test_bad_limits(kwargs):
    with pytest.raises(InvalidInput):
        TelegramLimits(**kwargs)


@pytest.mark.parametrize("count, window", [(0, 1.0), (1, 0), (1.5, 1.0), (True, 1.0)])
def test_bad_chat_rule(count, window):
    with pytest.raises(InvalidInput):
        ChatRule(count, window)


def test_limits_from_settings():
    limits = TelegramLimits.from_settings(Settings(telegram_rate=300))
    assert limits.capacity == 300 and limits.gap == pytest.approx(1.03 / 300)  # margin 0.03 s
    assert TelegramLimits.from_settings(Settings(telegram_margin=0)).gap == pytest.approx(1 / 30)
    wide = TelegramLimits.from_settings(Settings(telegram_margin=0.4))
    assert wide.margin == 0.4 and wide.max_margin == pytest.approx(0.6)  # still room to widen
    assert limits.private == (ChatRule(3, 3.0),)
    relaxed = TelegramLimits.from_settings(Settings(telegram_chat_pacing=False))
    assert relaxed.capacity == 30 and relaxed.private == () and relaxed.group == ()


def test_one_limiter_per_services(tmp_path):
    services = Services(settings=Settings(telegram_rate=50), db=None)  # type: ignore[arg-type]  # these checks never touch the database
    limiter = telegram_limiter(services)
    assert telegram_limiter(services) is limiter is services.need(TELEGRAM_LIMITER)
    assert limiter.limits.capacity == 50


def test_retry_after_seconds():
    assert retry_after_seconds(RetryAfter(7)) == 7.0
    assert retry_after_seconds(RetryAfter(timedelta(seconds=2.5))) == 2.5


def test_whatsapp_limiter_is_its_own_and_paces_at_its_rate():
    services = Services(settings=Settings(telegram_rate=50), db=None)  # type: ignore[arg-type]  # these checks never touch the database
    services.provide(WHATSAPP_ACCOUNT, WhatsAppAccount("http://graph.test/v21.0", "1", "t", 120))
    limiter = whatsapp_limiter(services)
    assert whatsapp_limiter(services) is limiter is services.need(WHATSAPP_LIMITER)
    assert limiter is not telegram_limiter(services)
    assert limiter.limits.capacity == 120 and limiter.limits.private == ()
    assert whatsapp_limits().capacity == 80
    with pytest.raises(InvalidInput):
        whatsapp_limits(0)
    bare = Services(settings=Settings(), db=None)  # type: ignore[arg-type]  # these checks never touch the database
    assert whatsapp_limiter(bare).limits.global_rate == WHATSAPP_DEFAULT_RATE
