"""One rate limiter per process for everything sent to Telegram, and its python-telegram-bot
adapter.

The bot's replies (through python-telegram-bot's ``BaseRateLimiter`` extension point), the staff
notices and the campaign pieces all take their send slot from the same
:class:`TelegramRateLimiter`, kept in ``Services`` under :data:`TELEGRAM_LIMITER`.

Rules, all measured on the limiter's own clock (injected; a virtual one in tests):

- **Global, strict sliding window**: at most ``capacity`` = floor(L × window) grants in ANY
  window of ``window`` seconds (L = ``global_rate``, 30/s by default). There is no burst
  allowance and no catch-up: grants are also spaced ``window / capacity`` apart on a schedule
  that forgives only a small lateness, so after a stall the limiter goes on at the same pace
  instead of releasing the slots the stall "missed" (``TelegramLimits.gap``).
- **Per chat**: each chat kind has sliding-window rules (``ChatRule``); by default a private
  chat gets at most 3 messages in any 3 s (Telegram's one a second, with the short burst it
  tolerates) and a group or channel 3 in any 9 s and 20 in any 60 s. A chat waiting for its own
  window never holds up other chats.
- **Priorities**: whenever a slot is free it goes to the waiting request of the highest priority
  (``Priority.REPLY`` before ``NOTICE`` before ``CAMPAIGN``), first come first served within one.
- **Departures**: the windows count each send from when its request leaves. A sender with work
  between its slot and its request (the campaign engine commits the row «enviando» first) says
  when it leaves (:meth:`TelegramRateLimiter.depart`): the slot, counted from its grant until
  then, moves to that moment. Sends held up together (a slow commit) then leave together only as
  far as the window counted from their departures has room, and the slots granted after them
  wait for that window, so no receiver's window sees them bunched on top of the later ones.
- **429**: a ``retry_after`` answered to a message for one chat pauses only that chat. A second
  chat's 429 within ``flood_window`` seconds means the receiver's window was full (the sends
  reached Telegram closer together than they left): each such 429 takes one more slot of the
  window (the receiver counted one send more than the limiter did) and widens the margin
  (below); those chats wait, the others go on. Only a 429 not tied to a chat, or one asking
  for more than a window (``retry_after`` > ``window``) for ``flood_chats`` (3) different chats
  within ``flood_window``, pauses every send for ``retry_after``. A pause never shortens another.
- **Margin**: the L grants of a window are spread over 1 + ``margin`` seconds, because each send
  takes its own time to reach Telegram; a 429 for the whole bot says that time varied more than
  the margin, so the limiter widens it (up to ``max_margin``) and narrows it back over
  ``backoff_decay`` seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import math
import time
import warnings
from bisect import bisect_left, insort
from collections import deque
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass, field, replace
from datetime import timedelta
from enum import IntEnum
from typing import Any, Protocol

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from nucleo import messages as msg
from nucleo.errors import InvalidInput
from nucleo.services import Key, Services

ChatId = int | str | None
NEVER = float("-inf")
LEAVING = -1  # a send whose slot must be taken again as it leaves (see ``depart``): first


class Clock(Protocol):
    """Monotonic time in seconds and a way to wait (injectable for tests)."""

    def now(self) -> float: ...

    async def sleep(self, seconds: float) -> None: ...


class MonotonicClock:
    """The real clock: ``time.monotonic`` and ``asyncio.sleep``."""

    def now(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


class Priority(IntEnum):
    """Who goes first when several requests wait for a slot (lower first)."""

    REPLY = 0      # the bot answering a person who is waiting
    NOTICE = 1     # reminders and notices to staff
    CAMPAIGN = 2   # campaign pieces and invitations


@dataclass(frozen=True)
class ChatRule:
    """At most ``count`` messages to one chat in any ``window`` seconds."""

    count: int
    window: float

    def __post_init__(self) -> None:
        if (not isinstance(self.count, int) or isinstance(self.count, bool) or self.count < 1
                or not isinstance(self.window, (int, float)) or not self.window > 0):
            raise InvalidInput(msg.RATE_BAD_LIMITS, code="limites_invalidos")


PRIVATE_RULES = (ChatRule(3, 3.0),)
GROUP_RULES = (ChatRule(3, 9.0), ChatRule(20, 60.0))


@dataclass(frozen=True)
class TelegramLimits:
    """Telegram's sending limits as the limiter applies them (see the module docstring)."""

    global_rate: float = 30.0
    window: float = 1.0
    private: tuple[ChatRule, ...] = PRIVATE_RULES
    group: tuple[ChatRule, ...] = GROUP_RULES
    flood_window: float = 1.0
    flood_chats: int = 3  # chats answered 429 within flood_window that pause every send
    smooth: bool = True  # space grants window/capacity apart (no burst at the window's start)
    lateness: float = 0.5  # share of that spacing a late wake-up may make up (see ``gap``)
    # Seconds added to the window the limiter counts in: a send's way to Telegram takes a
    # varying time (the event loop, the network), so sends spaced over exactly one second can
    # arrive inside one. With ``margin`` m, the capacity is spread over 1 + m seconds: no
    # receiver's window sees more than L while the delays differ by less than m, for a rate of
    # L / (1 + m).
    margin: float = 0.0
    # When Telegram still answers a 429 for the whole bot, the delays were longer than the
    # margin (a busy machine): the limiter widens its margin by ``backoff_margin`` per such
    # pause, up to ``max_margin``, and narrows it back to ``margin`` over ``backoff_decay`` s.
    backoff_margin: float = 0.05
    max_margin: float = 0.25
    backoff_decay: float = 30.0

    def __post_init__(self) -> None:
        numbers = (self.global_rate, self.window, self.flood_window)
        margins = (self.margin, self.backoff_margin, self.max_margin)
        if not all(isinstance(m, (int, float)) and 0 <= m <= 1 for m in margins) or \
                not (isinstance(self.backoff_decay, (int, float)) and self.backoff_decay > 0) or \
                not (isinstance(self.flood_chats, int) and not isinstance(self.flood_chats, bool)
                     and self.flood_chats >= 2) or \
                not (isinstance(self.lateness, (int, float)) and 0 <= self.lateness < 1) or any(not isinstance(n, (int, float)) or isinstance(n, bool) or not n > 0
               for n in numbers) or math.isinf(self.global_rate) or not all(
                isinstance(r, ChatRule) for r in (*self.private, *self.group)):
            raise InvalidInput(msg.RATE_BAD_LIMITS, code="limites_invalidos")

    @property
    def capacity(self) -> int:
        """Grants allowed in one window: floor(L × window), at least one."""
        return max(1, math.floor(self.global_rate * self.window + 1e-9))

    @property
    def gap(self) -> float:
        """The spacing of grants (0 when not smoothing). Grants follow a schedule one ``gap``
        apart; one granted late (the event loop woke the limiter late) keeps the schedule when
        it was late by at most ``lateness × gap``, so small delays do not add up and the rate
        reaches L; a longer delay (a stall, or an idle spell) restarts the schedule from now,
        so nothing "missed" is released at once. Two grants are thus never closer than
        ``min_gap``, and the window rule above holds whatever the spacing."""
        return self.span / self.capacity if self.smooth else 0.0

    @property
    def span(self) -> float:
        """The window the limiter counts ``capacity`` grants in: ``window + margin``."""
        return self.window + self.margin

    @property
    def min_gap(self) -> float:
        return self.gap * (1 - self.lateness)

    @property
    def horizon(self) -> float:
        """The longest window the limiter may count in (its margin at the widest)."""
        return self.window + max(self.margin, self.max_margin)

    def without_chat_pacing(self) -> TelegramLimits:
        """The same global limit with no per-chat rules (a 429 still pauses its chat)."""
        return replace(self, private=(), group=())

    @classmethod
    def from_settings(cls, settings: Any) -> TelegramLimits:
        """``Settings.telegram_rate`` as L; per-chat rules unless ``telegram_chat_pacing`` is off."""
        margin = float(settings.telegram_margin)
        # a configured margin above the default ceiling still leaves room to widen
        limits = cls(global_rate=float(settings.telegram_rate), margin=margin,
                     max_margin=max(cls.max_margin, min(1.0, margin + 0.2)))
        return limits if getattr(settings, "telegram_chat_pacing", True) else \
            limits.without_chat_pacing()


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


def chat_key(chat_id: ChatId) -> str | None:
    """One key per chat whether its id comes as int or str (None: no chat)."""
    kind = chat_kind(chat_id)
    return None if kind is None else f"{kind}:{str(chat_id).strip()}"


def seconds_of(value: Any) -> float:
    """A non-negative number of seconds from a number or a ``timedelta``; InvalidInput else."""
    if isinstance(value, timedelta):
        value = value.total_seconds()
    if (not isinstance(value, (int, float)) or isinstance(value, bool) or value != value
            or value < 0 or math.isinf(value)):
        raise InvalidInput(msg.RATE_BAD_PAUSE, code="pausa_invalida")
    return float(value)


@dataclass
class _Chat:
    rules: tuple[ChatRule, ...]
    sent: deque[float]
    paused_until: float = NEVER

    def free_at(self) -> float:
        """When this chat may get its next message."""
        t = self.paused_until
        for rule in self.rules:
            if len(self.sent) >= rule.count:
                t = max(t, self.sent[-rule.count] + rule.window)
        return t


@dataclass(order=True)
class _Waiter:
    priority: int
    seq: int
    key: str | None = field(compare=False)
    future: asyncio.Future[float] = field(compare=False)


class TelegramRateLimiter:
    """Grants send slots under Telegram's limits to every sender of the process."""

    def __init__(self, limits: TelegramLimits | None = None, clock: Clock | None = None) -> None:
        self.limits = limits or TelegramLimits()
        self.clock: Clock = clock or MonotonicClock()
        # when the recent sends left (a held one: when it was granted, until ``depart``),
        # sorted; those older than the limits' horizon are forgotten
        self._sent: list[float] = []
        self._due = NEVER  # when the last grant was scheduled (see ``TelegramLimits.gap``)
        self._paused_until = NEVER
        self._chats: dict[str, _Chat] = {}
        self._prune_floor = 4096  # chats remembered before the first clean-up
        self._prune_at = self._prune_floor
        self._ready: list[_Waiter] = []  # heap by (priority, arrival)
        self._blocked: list[tuple[float, int, _Waiter]] = []  # heap by its chat's free time
        self._seq = itertools.count()
        self._recent_429: deque[tuple[float, str, float]] = deque()  # when, chat, retry_after
        self._widened = 0.0  # margin added after global 429s (see ``TelegramLimits``) ...
        self._widened_at = NEVER  # ... as of this time; it narrows back from then
        self._dispatcher: asyncio.Task[None] | None = None
        self._wake_at = float("inf")
        self.granted = 0
        self.pauses = 0       # global pauses
        self.chat_pauses = 0  # pauses of a single chat

    # --- state ----------------------------------------------------------------------------
    @property
    def paused_until(self) -> float:
        return self._paused_until

    @property
    def is_paused(self) -> bool:
        return self.clock.now() < self._paused_until

    @property
    def waiting(self) -> int:
        """Requests waiting for a slot (cancelled ones may still be counted)."""
        return len(self._ready) + len(self._blocked)

    def chat_paused_until(self, chat_id: ChatId) -> float:
        key = chat_key(chat_id)
        chat = self._chats.get(key) if key else None
        return chat.paused_until if chat else NEVER

    def _chat(self, key: str) -> _Chat:
        chat = self._chats.get(key)
        if chat is None:
            rules = self.limits.group if key.startswith("group:") else self.limits.private
            keep = max((r.count for r in rules), default=1)
            chat = self._chats[key] = _Chat(rules, deque(maxlen=keep))
            if len(self._chats) > self._prune_at:
                self._prune(self.clock.now())
        return chat

    def _prune(self, now: float) -> None:
        """Forget chats whose windows and pauses are all over and that nobody waits for."""
        waited = {w.key for w in self._ready} | {w.key for _, _, w in self._blocked}
        longest = max((r.window for r in (*self.limits.private, *self.limits.group)), default=0)
        self._chats = {k: c for k, c in self._chats.items()
                       if k in waited or c.paused_until > now
                       or (c.sent and c.sent[-1] + longest > now)}
        self._prune_at = max(self._prune_floor, 2 * len(self._chats))

    @property
    def margin(self) -> float:
        """The margin in force: the configured one plus what global 429s added, narrowing."""
        if self._widened <= 0:
            return self.limits.margin
        left = 1 - (self.clock.now() - self._widened_at) / self.limits.backoff_decay
        return self.limits.margin + self._widened * max(0.0, left)

    def _span(self) -> float:
        return self.limits.window + self.margin

    def _gap(self) -> float:
        return self._span() / self.limits.capacity if self.limits.smooth else 0.0

    def _global_free_at(self) -> float:
        t = self._paused_until
        if self._sent:
            t = max(t, self._due + self._gap())
            n = len(self._sent)
            if n >= self.limits.capacity:  # the capacity-th latest send must leave the window
                t = max(t, self._sent[n - self.limits.capacity] + self._span())
        return t

    def _count(self, when: float) -> None:
        """A send leaves at ``when`` (now): count it, and forget sends past the horizon."""
        old = bisect_left(self._sent, when - self.limits.horizon)
        if old:
            del self._sent[:old]
        insort(self._sent, when)

    def _chat_free_at(self, key: str | None) -> float:
        return NEVER if key is None else self._chat(key).free_at()

    # --- granting -------------------------------------------------------------------------
    def _take_eligible(self, now: float) -> _Waiter | None:
        """The first waiter by priority whose chat may receive now (removed from the queue)."""
        while self._blocked and self._blocked[0][0] <= now:
            _, _, waiter = heapq.heappop(self._blocked)
            if not waiter.future.done():
                heapq.heappush(self._ready, waiter)
        while self._ready:
            waiter = heapq.heappop(self._ready)
            if waiter.future.done():  # cancelled while waiting
                continue
            free = self._chat_free_at(waiter.key)
            if free > now:
                heapq.heappush(self._blocked, (free, waiter.seq, waiter))
                continue
            return waiter
        return None

    def _grant(self, now: float) -> None:
        """Hand out every slot that is free at ``now``."""
        while now >= (due := self._global_free_at()):
            waiter = self._take_eligible(now)
            if waiter is None:
                return
            late = now - due  # kept on schedule when a little late, restarted from now else
            self._due = due if late <= self._gap() * self.limits.lateness else now
            self._count(now)
            if waiter.key is not None:
                self._chat(waiter.key).sent.append(now)
            self.granted += 1
            waiter.future.set_result(now)

    def _next_wake(self) -> float | None:
        """When a slot may next be granted; None when nobody waits."""
        while self._ready and self._ready[0].future.done():
            heapq.heappop(self._ready)
        while self._blocked and self._blocked[0][2].future.done():
            heapq.heappop(self._blocked)
        if self._ready:
            return self._global_free_at()
        if self._blocked:
            return max(self._global_free_at(), self._blocked[0][0])
        return None

    async def _dispatch(self) -> None:
        try:
            while True:
                now = self.clock.now()
                self._grant(now)
                wake = self._next_wake()
                if wake is None:
                    return
                self._wake_at = wake
                await self.clock.sleep(max(wake - now, 1e-6))
        finally:
            if self._dispatcher is asyncio.current_task():
                self._dispatcher = None
                self._wake_at = float("inf")

    def _ensure_dispatcher(self, earliest: float) -> None:
        loop = asyncio.get_running_loop()
        running = (self._dispatcher is not None and not self._dispatcher.done()
                   and self._dispatcher.get_loop() is loop)  # not one left in a closed loop
        if running and earliest >= self._wake_at:
            return
        if running:
            assert self._dispatcher is not None
            self._dispatcher.cancel()  # it sleeps past ``earliest``: start one that does not
        self._wake_at = earliest
        self._dispatcher = loop.create_task(self._dispatch(), name="telegram-rate-limiter")

    async def acquire(self, chat_id: ChatId = None,
                      priority: Priority = Priority.CAMPAIGN) -> float:
        """Wait for a slot to send one message to ``chat_id`` (None: counts only globally);
        returns the clock time it was granted at. Cancelling while waiting takes no slot.
        A caller with work to do before its request leaves passes that time to
        :meth:`depart` when it does."""
        return await self._wait_slot(chat_key(chat_id), int(priority))

    async def depart(self, granted: float) -> None:
        """The request of the slot granted at ``granted`` (``acquire``'s answer) leaves now:
        the windows count it from now, no longer from its grant. Moving a send later within
        the window keeps every window within the limit (the later grants were counted beside
        it), so this returns at once; only a send granted so long ago that the windows forgot
        it (the machine stalled for longer than a window) waits for a free slot, ahead of
        everyone. Telegram thus never sees a late send bunched on top of the ones granted after
        it: their window counts it where it really was."""
        now = self.clock.now()
        i = bisect_left(self._sent, granted)
        if granted > now - self.limits.horizon and i < len(self._sent) \
                and self._sent[i] == granted:
            del self._sent[i]
            self._count(now)
            return
        await self._wait_slot(None, LEAVING)

    async def _wait_slot(self, key: str | None, priority: int) -> float:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        waiter = _Waiter(priority, next(self._seq), key, future)
        heapq.heappush(self._ready, waiter)
        self._grant(self.clock.now())
        if not future.done():
            self._ensure_dispatcher(max(self._global_free_at(), self._chat_free_at(key)))
        return await future

    # --- pauses (429) ---------------------------------------------------------------------
    def pause_for(self, seconds: float | timedelta) -> float:
        """Hold every send for ``seconds`` from now; returns when sending resumes. A shorter
        pause never shortens a longer one."""
        value = seconds_of(seconds)
        self._paused_until = max(self._paused_until, self.clock.now() + value)
        self.pauses += 1
        return self._paused_until

    def pause_chat(self, chat_id: ChatId, seconds: float | timedelta) -> float:
        """Hold sends to one chat for ``seconds`` from now; returns when it resumes."""
        value = seconds_of(seconds)
        key = chat_key(chat_id)
        return self.pause_for(value) if key is None else self._pause_key(key, value)

    def _pause_key(self, key: str, seconds: float) -> float:
        chat = self._chat(key)
        chat.paused_until = max(chat.paused_until, self.clock.now() + seconds)
        self.chat_pauses += 1
        return chat.paused_until

    def report_429(self, seconds: float | timedelta, chat_id: ChatId = None) -> float:
        """Telegram answered 429 with ``retry_after`` = ``seconds`` to a request for
        ``chat_id``; that chat waits ``seconds``. A second chat within ``flood_window`` seconds
        says the receiver's window was full, not a chat's own limit (the sends reached Telegram
        closer together than they left): each such 429 takes one more slot of the window and
        everyone goes a little slower (``_widen``), but nobody else waits out ``seconds`` (the
        window frees within one). Everyone waits ``seconds`` when no chat is known, or when
        ``flood_chats`` chats were told to wait longer than a window (flood control). Returns
        when that chat may send again."""
        value = seconds_of(seconds)
        key = chat_key(chat_id)
        now = self.clock.now()
        if key is None:
            self._widen(now)
            return self.pause_for(value)
        while self._recent_429 and self._recent_429[0][0] <= now - self.limits.flood_window:
            self._recent_429.popleft()
        self._recent_429.append((now, key, value))
        resume = self._pause_key(key, value)
        if len({k for _, k, _ in self._recent_429}) > 1:  # the receiver's window was full
            if self._widened_at <= now - self.limits.flood_window:  # once for one window
                self._widen(now)
            self._count(now)  # it counted one send more than this limiter did
            longer = {k for _, k, v in self._recent_429 if v > self.limits.window}
            if len(longer) >= self.limits.flood_chats:  # more than the window: flood control
                self.pause_for(value)
        return max(resume, self._paused_until)

    def _widen(self, now: float) -> None:
        """429s for the bot's global limit: send a little slower for a while (see
        ``TelegramLimits``)."""
        extra = self.margin - self.limits.margin + self.limits.backoff_margin
        self._widened = min(extra, self.limits.max_margin - self.limits.margin)
        self._widened_at = now

    async def wait_if_paused(self) -> None:
        """Return once no global pause is in force (requests that take no slot)."""
        while (delay := self._paused_until - self.clock.now()) > 0:
            await self.clock.sleep(delay)

    @contextlib.asynccontextmanager
    async def slot(self, chat_id: ChatId = None,
                   priority: Priority = Priority.CAMPAIGN) -> AsyncIterator[float]:
        """``async with limiter.slot(chat_id):`` send inside; a ``RetryAfter`` raised inside
        is reported (:meth:`report_429`) before it propagates."""
        granted = await self.acquire(chat_id, priority)
        try:
            yield granted
        except RetryAfter as exc:
            self.report_429(retry_after_seconds(exc), chat_id)
            raise


def retry_after_seconds(exc: RetryAfter) -> float:
    """Seconds to wait from a python-telegram-bot ``RetryAfter`` (int or timedelta)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class PTBRateLimiter(BaseRateLimiter[Priority]):
    """python-telegram-bot's extension point backed by a :class:`TelegramRateLimiter`.

    Requests with a ``chat_id`` take a slot at ``priority`` (or the ``Priority`` passed as
    ``rate_limit_args``); others only wait out a global pause. A ``RetryAfter`` is reported to
    the limiter (its chat, or everyone) and the request is tried again up to ``max_retries``
    times, then the error propagates so the caller can record it.
    """

    def __init__(self, limiter: TelegramRateLimiter | None = None, max_retries: int = 0,
                 priority: Priority = Priority.REPLY) -> None:
        self.limiter = limiter or TelegramRateLimiter()
        self.max_retries = max_retries
        self.priority = priority

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
        rate_limit_args: Priority | None,
    ) -> bool | dict | list[dict]:
        """Wait for a slot, call Telegram, report a 429 and retry it as configured."""
        priority = self.priority if rate_limit_args is None else rate_limit_args
        chat_id = data.get("chat_id")
        attempt = 0
        while True:
            if chat_id is None:
                await self.limiter.wait_if_paused()
            else:
                await self.limiter.acquire(chat_id, priority)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                self.limiter.report_429(retry_after_seconds(exc), chat_id)
                if attempt >= self.max_retries:
                    raise
                attempt += 1


TELEGRAM_LIMITER: Key[TelegramRateLimiter] = Key("telegram_limiter")


def telegram_limiter(services: Services) -> TelegramRateLimiter:
    """The process's one Telegram limiter, built from the settings on first use."""
    return services.setdefault(
        TELEGRAM_LIMITER,
        lambda: TelegramRateLimiter(TelegramLimits.from_settings(services.settings)))


# --- WhatsApp ------------------------------------------------------------------------------
# The Cloud API allows a business phone number ``rate`` messages per second (80 by default,
# raised by Meta to 1,000 for some numbers; ``VALOR_WHATSAPP_RATE``). The same strict-window
# limiter paces it, with no per-chat rules: the pair limit (one number messaging one person too
# often, error 131056) comes back as an outcome and pauses only that delivery.
WHATSAPP_DEFAULT_RATE = 80.0
WHATSAPP_LIMITER: Key[TelegramRateLimiter] = Key("whatsapp_limiter")


def whatsapp_limits(rate: float = WHATSAPP_DEFAULT_RATE) -> TelegramLimits:
    """WhatsApp's throughput as limiter rules: ``rate`` messages in any second, no chat rules."""
    return TelegramLimits(global_rate=rate, private=(), group=())


def whatsapp_limiter(services: Services, clock: Clock | None = None) -> TelegramRateLimiter:
    """The process's one WhatsApp limiter, at the rate of the service's WhatsApp account
    (``WHATSAPP_ACCOUNT``: ``VALOR_WHATSAPP_RATE``; the default rate without one), whoever
    asks first. Campaigns take their slots from it."""
    from nucleo.ports import WHATSAPP_ACCOUNT

    def build() -> TelegramRateLimiter:
        account = services.get(WHATSAPP_ACCOUNT)
        rate = account.rate if account is not None else WHATSAPP_DEFAULT_RATE
        return TelegramRateLimiter(whatsapp_limits(rate), clock)

    return services.setdefault(WHATSAPP_LIMITER, build)
