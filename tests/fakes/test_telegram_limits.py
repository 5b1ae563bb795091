"""The double's flood limits: exact token-bucket behaviour on a fake clock."""

from __future__ import annotations

from tests.fakes.clock import ManualClock
from tests.fakes.telegram.limits import RateLimiter, RateLimits


def test_private_chat_allows_its_burst_then_one_per_second() -> None:
    clock = ManualClock(100.0)
    limiter = RateLimiter(RateLimits(private_burst=3), clock)
    assert [limiter.acquire(1) for _ in range(3)] == [None, None, None]
    assert limiter.acquire(1) == 1
    clock.now += 0.995  # within the 10 ms jitter tolerance
    assert limiter.acquire(1) is None
    assert limiter.acquire(1) == 1


def test_group_retry_after_is_whole_seconds_to_the_next_token() -> None:
    clock = ManualClock(100.0)
    limiter = RateLimiter(RateLimits(group_burst=1), clock)
    assert limiter.acquire(-5) is None
    assert limiter.acquire(-5) == 3  # 20 per minute: a token every 3 s
    clock.now += 2.5
    assert limiter.acquire(-5) == 1  # 0.5 s left, rounded up to at least 1


def test_a_sender_pacing_at_the_global_rate_is_never_refused() -> None:
    clock = ManualClock(100.0)
    limiter = RateLimiter(RateLimits(global_per_second=30, global_burst=30), clock)
    refused = 0
    for i in range(3000):  # 100 s at exactly 30 messages/s to distinct chats
        clock.now += 1 / 30
        refused += limiter.acquire(10_000 + i) is not None
    assert refused == 0


def test_global_burst_then_refusal_and_refused_messages_take_no_token() -> None:
    clock = ManualClock(100.0)
    limiter = RateLimiter(RateLimits(global_per_second=30, global_burst=30), clock)
    assert all(limiter.acquire(chat) is None for chat in range(1, 31))
    assert all(limiter.acquire(chat) == 1 for chat in range(31, 40))
    clock.now += 1 / 30
    assert limiter.acquire(99) is None


def test_a_strict_window_admits_l_in_any_second_without_burst_or_tolerance() -> None:
    clock = ManualClock(100.0)
    limiter = RateLimiter(RateLimits(global_per_second=3, strict_window=True), clock)
    assert [limiter.acquire(10 + i) for i in range(3)] == [None, None, None]
    assert limiter.acquire(20) == 1  # a fourth in the same second
    clock.now += 0.999  # the first three are still inside the window: no tolerance
    assert limiter.acquire(21) == 1
    clock.now += 0.001  # exactly one second later they have left it
    assert [limiter.acquire(30 + i) for i in range(3)] == [None, None, None]
    assert limiter.acquire(40) == 1
    clock.now += 0.5
    assert limiter.acquire(41) == 1  # refusals took no room: still three in the last second
