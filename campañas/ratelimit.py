"""An asyncio rate limiter that holds Telegram's limits, and its python-telegram-bot adapter.

Limits: a global rate for the whole bot (default 30 messages/s), one message per second to a
private chat, 20 per minute to a group or channel, and a global pause when Telegram answers 429
with ``retry_after``. Every caller reserves a time slot at once (no awaits while reserving), then
sleeps until it. Global slots are kept at least ``(1 + headroom) / rate`` apart, so no window of
one second ever holds more than ``rate`` sends, and a steady stream reaches ``rate / (1 +
headroom)``. A pause invalidates the slots it covers: their holders reserve again after it.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import warnings
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from campañas import messages as msg
from campañas.timeline import SlotTimeline
from nucleo.errors import InvalidInput

ChatId = int | str | None


class Clock(Protocol):
    """Monotonic time in seconds and a way to wait (injectable for tests)."""

    def now(self) -> float: ...

    async def sleep(self, seconds: float) -> None: ...


class MonotonicClock:
    """The real clock: ``time.monotonic`` and ``asyncio.sleep`` (the event loop's own time)."""

    def now(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


@dataclass(frozen=True)
class TelegramLimits:
    """Telegram's sending limits; ``headroom`` widens every gap a little against jitter."""

    global_rate: float = 30.0
    private_interval: float = 1.0
    group_per_minute: float = 20.0
    headroom: float = 0.02

    def __post_init__(self) -> None:
        numbers = (self.global_rate, self.private_interval, self.group_per_minute)
        if any(not isinstance(n, (int, float)) or n <= 0 for n in numbers) or not (
            isinstance(self.headroom, (int, float)) and 0 <= self.headroom < 1
        ):
            raise InvalidInput(msg.RATE_BAD_LIMITS, code="limites_invalidos")

    @property
    def global_gap(self) -> float:
        return (1 + self.headroom) / self.global_rate

    @property
    def private_gap(self) -> float:
        return self.private_interval * (1 + self.headroom)

    @property
    def group_gap(self) -> float:
        return 60.0 / self.group_per_minute * (1 + self.headroom)

    @classmethod
    def from_settings(cls, settings: Any) -> TelegramLimits:
        """Limits with the global rate from ``Settings.telegram_rate``."""
        return cls(global_rate=float(settings.telegram_rate))


def chat_kind(chat_id: ChatId) -> str | None:
    """"private" for a user, "group" for groups and channels (negative ids, @names), else None."""
    if chat_id is None or isinstance(chat_id, bool):
        return None
    if isinstance(chat_id, str):
        text = chat_id.strip()
        if text.lstrip("-").isdigit():
            return "group" if text.startswith("-") else "private"
        return "group" if text else None
    return "group" if chat_id < 0 else "private"


class TelegramRateLimiter:
    """Hands out send slots that respect Telegram's limits; shared by every sender."""

    def __init__(self, limits: TelegramLimits | None = None, clock: Clock | None = None) -> None:
        self.limits = limits or TelegramLimits()
        self.clock = clock or MonotonicClock()
        self._slots = SlotTimeline(self.limits.global_gap)
        self._chat_next: dict[str, float] = {}  # earliest next slot per chat
        self._prune_at = 4096
        self._paused_until = float("-inf")
        self.granted = 0
        self.pauses = 0

    # --- pause ----------------------------------------------------------------------------
    @property
    def paused_until(self) -> float:
        return self._paused_until

    @property
    def is_paused(self) -> bool:
        return self.clock.now() < self._paused_until

    def pause_for(self, seconds: float) -> float:
        """Hold every send for ``seconds`` from now (Telegram's 429 ``retry_after``); returns
        the clock time when sending resumes. A shorter pause never shortens a longer one."""
        if isinstance(seconds, timedelta):
            seconds = seconds.total_seconds()
        if not isinstance(seconds, (int, float)) or seconds != seconds or seconds < 0:
            raise InvalidInput(msg.RATE_BAD_PAUSE, code="pausa_invalida")
        self._paused_until = max(self._paused_until, self.clock.now() + float(seconds))
        self.pauses += 1
        return self._paused_until

    async def wait_if_paused(self) -> None:
        """Return once no pause is in force (for requests that need no slot)."""
        while (delay := self._paused_until - self.clock.now()) > 0:
            await self.clock.sleep(delay)

    # --- slots ----------------------------------------------------------------------------
    def _chat_rule(self, chat_id: ChatId) -> tuple[str | None, float]:
        kind = chat_kind(chat_id)
        if kind is None:
            return None, 0.0
        gap = self.limits.group_gap if kind == "group" else self.limits.private_gap
        return f"{kind}:{str(chat_id).strip()}", gap

    def _reserve(self, key: str | None, gap: float) -> float:
        now = self.clock.now()
        earliest = max(now, self._paused_until)
        if key is not None:
            earliest = max(earliest, self._chat_next.get(key, earliest))
        self._slots.forget_before(now)
        t = self._slots.earliest(earliest)
        self._slots.reserve(t)
        if key is not None:
            if len(self._chat_next) > self._prune_at:
                self._chat_next = {k: v for k, v in self._chat_next.items() if v > now}
                self._prune_at = max(4096, 2 * len(self._chat_next))
            self._chat_next[key] = t + gap
        return t

    async def acquire(self, chat_id: ChatId = None) -> float:
        """Wait for a slot to send one message to ``chat_id`` (None: counts only globally);
        returns the slot's clock time. Cancelling while waiting gives the slot back."""
        key, gap = self._chat_rule(chat_id)
        while True:
            t = self._reserve(key, gap)
            try:
                while (delay := t - self.clock.now()) > 0:
                    await self.clock.sleep(delay)
            except BaseException:
                self._slots.release(t)
                raise
            if t >= self._paused_until:
                self.granted += 1
                return t
            self._slots.release(t)  # a pause began after this slot was reserved: queue again

    @contextlib.asynccontextmanager
    async def slot(self, chat_id: ChatId = None) -> AsyncIterator[float]:
        """``async with limiter.slot(chat_id):`` send inside; a ``RetryAfter`` raised inside
        pauses everyone for its ``retry_after`` before it propagates."""
        granted = await self.acquire(chat_id)
        try:
            yield granted
        except RetryAfter as exc:
            self.pause_for(retry_after_seconds(exc))
            raise


def retry_after_seconds(exc: RetryAfter) -> float:
    """Seconds to wait from a python-telegram-bot ``RetryAfter`` (int or timedelta)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class PTBRateLimiter(BaseRateLimiter[int]):
    """python-telegram-bot's extension point backed by a :class:`TelegramRateLimiter`.

    Requests with a ``chat_id`` take a slot; others only wait out a pause. On ``RetryAfter``
    everything pauses; the request is retried up to ``max_retries`` times (or the int passed as
    ``rate_limit_args``), then the error propagates so the caller can record it.
    """

    def __init__(self, limiter: TelegramRateLimiter | None = None, max_retries: int = 0) -> None:
        self.limiter = limiter or TelegramRateLimiter()
        self.max_retries = max_retries

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict | list[dict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict | list[dict]:
        """Wait for a slot, call Telegram, and pause everyone on a 429."""
        retries = self.max_retries if rate_limit_args is None else rate_limit_args
        chat_id = data.get("chat_id")
        attempt = 0
        while True:
            if chat_id is None:
                await self.limiter.wait_if_paused()
            else:
                await self.limiter.acquire(chat_id)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                self.limiter.pause_for(retry_after_seconds(exc))
                if attempt >= retries:
                    raise
                attempt += 1
