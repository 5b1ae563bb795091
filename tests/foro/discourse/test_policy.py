"""The policy: reading both 429 forms, backoff and the sliding-window limiter."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from foro.discourse.policy import DiscoursePolicy, SlidingWindowLimiter, rate_limit_wait


def response(headers: dict[str, str], content: bytes = b"") -> httpx.Response:
    return httpx.Response(429, headers=headers, content=content)


@pytest.mark.parametrize(("headers", "content", "expected"), [
    ({"Retry-After": "7", "Content-Type": "text/plain"}, b"Slow down", 7.0),
    ({"Content-Type": "application/json"}, b'{"extras": {"wait_seconds": 12}}', 12.0),
    ({"Content-Type": "application/json", "Retry-After": "40"}, b'{"extras": {"wait_seconds": 3}}', 3.0),
    ({"Content-Type": "application/json", "Retry-After": "40"}, b'{"errors": []}', 40.0),
    ({"Content-Type": "application/json", "Retry-After": "5"}, b'{"extras": {"wait_seconds": true}}', 5.0),
    ({"Content-Type": "application/json"}, b"not json", 10.0),
    ({"Retry-After": "soon"}, b"", 10.0),
    ({"Retry-After": "-3"}, b"", 0.0),
    ({}, b"", 10.0),
])
def test_rate_limit_wait_reads_both_forms(headers, content, expected):
    assert rate_limit_wait(response(headers, content), default=10.0) == expected


def test_rate_limit_wait_accepts_an_http_date():
    now = datetime(2026, 3, 9, 14, 0, 0, tzinfo=UTC)
    got = rate_limit_wait(response({"Retry-After": "Mon, 09 Mar 2026 14:00:30 GMT"}), default=1, now=now)
    assert got == 30.0


def test_backoff_doubles_up_to_a_cap():
    policy = DiscoursePolicy(backoff_base=0.5, backoff_max=3)
    assert [policy.backoff(n) for n in range(1, 6)] == [0.5, 1.0, 2.0, 3, 3]


def test_policy_stays_under_the_admin_key_default():
    assert DiscoursePolicy().requests_per_minute < 60


class Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


async def test_limiter_is_a_sliding_window():
    clock = Clock()
    limiter = SlidingWindowLimiter(3, 60, clock=clock, sleep=clock.sleep)
    for _ in range(3):
        await limiter.acquire()
    clock.now = 30
    await limiter.acquire()  # the window still holds the three from t=0: wait until t=60
    assert clock.sleeps == [30]
    clock.sleeps.clear()
    await limiter.acquire()
    await limiter.acquire()  # t=60: the three from t=0 left the window, so these fit
    assert clock.now == 60 and clock.sleeps == []
    await limiter.acquire()
    assert clock.sleeps == [60]


async def test_limiter_never_lets_more_than_max_in_any_window():
    clock = Clock()
    limiter = SlidingWindowLimiter(5, 60, clock=clock, sleep=clock.sleep)
    starts = []
    for _ in range(23):
        await limiter.acquire()
        starts.append(clock.now)
        clock.now += 1.5
    for first in starts:
        assert sum(1 for t in starts if first <= t < first + 60) <= 5


async def test_limiter_pause_holds_callers():
    clock = Clock()
    limiter = SlidingWindowLimiter(10, 60, clock=clock, sleep=clock.sleep)
    limiter.pause(12)
    await limiter.acquire()
    assert clock.sleeps == [12]


def test_limiter_rejects_nonsense():
    with pytest.raises(ValueError):
        SlidingWindowLimiter(0, 60)
