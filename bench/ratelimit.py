"""Our Telegram limiter (nucleo.ratelimit) against python-telegram-bot's AIORateLimiter, in the
same run, as a strict-window Telegram receiver counts the sends.

Run: python -m bench.ratelimit [--rate L] [--pieces N] [--replies-share 0.1] [--seed S]

Workload, the same for both: a campaign of N pieces to N private chats, sent by 32 concurrent
workers (as the delivery engine keeps 32 in flight), with about 10 % extra bot replies to people
of the campaign, arriving at random moments while it runs. Both go through python-telegram-bot's
``ExtBot`` over an in-process transport that plays Telegram: each request reaches it after 5-30 ms
of network jitter, and it admits at most L messages in ANY sliding 1-second window (no burst
allowance) and 3 per private chat with 1/s refill (tests/fakes/telegram/limits.py), answering 429
with ``retry_after`` otherwise. A refused piece is tried again after ``retry_after`` (as the
engine re-queues it), a refused reply too, so nothing is lost and the cost shows as 429s and time.

"ours": one TelegramRateLimiter shared by a REPLY adapter and a CAMPAIGN adapter (as the service
wires it). "PTB": one AIORateLimiter(overall_max_rate=L, overall_time_period=1) shared by both
bots. Printed per limiter: achieved rate / L (admitted messages over the run), busiest 1-s
window / L of the message requests as the receiver saw them arrive (admitted or not; above 1
means the sender overshot and got 429s), 429 share, reply wait (median and worst, request to
admission).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import platform
import random
import statistics
import sys
import time
from collections import deque
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter, BaseRateLimiter, ExtBot
from telegram.request import BaseRequest

from nucleo.ratelimit import Priority, PTBRateLimiter, TelegramLimits, TelegramRateLimiter
from tests.fakes.telegram.limits import RateLimiter, RateLimits

WORKERS = 32


class StrictTelegram(BaseRequest):
    """Telegram as a strict sliding-window receiver, in process (see the module docstring)."""

    def __init__(self, rate: int, rng: random.Random) -> None:
        self.rate = rate
        self.rng = rng
        self.window: deque[float] = deque()
        self.chats = RateLimiter(RateLimits(global_per_second=1e9, global_burst=1e9))
        self.admitted: list[tuple[float, str]] = []  # (arrival, kind)
        self.arrivals: list[float] = []  # every message request, admitted or refused
        self.refused = 0

    @property
    def read_timeout(self) -> float:
        return 5.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    def _admit(self, chat_id: int) -> int | None:
        now = time.monotonic()
        while self.window and self.window[0] <= now - 1.0:
            self.window.popleft()
        if len(self.window) >= self.rate:
            return 1
        wait = self.chats.acquire(chat_id)
        if wait is not None:
            return wait
        self.window.append(now)
        return None

    async def do_request(self, url, method, request_data=None, **timeouts):
        endpoint = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        if endpoint == "getMe":
            me = {"id": 1, "is_bot": True, "first_name": "Valor", "username": "valor_bot"}
            return 200, json.dumps({"ok": True, "result": me}).encode()
        await asyncio.sleep(self.rng.uniform(0.005, 0.030))  # the way there
        chat_id = int(params["chat_id"])
        self.arrivals.append(time.monotonic())
        retry_after = self._admit(chat_id)
        if retry_after is not None:
            self.refused += 1
            body = {"ok": False, "error_code": 429,
                    "description": f"Too Many Requests: retry after {retry_after}",
                    "parameters": {"retry_after": retry_after}}
            return 429, json.dumps(body).encode()
        self.admitted.append((time.monotonic(), params.get("text", "")[:1]))
        result = {"message_id": len(self.admitted), "date": 0,
                  "chat": {"id": chat_id, "type": "private"}, "text": params.get("text", "")}
        return 200, json.dumps({"ok": True, "result": result}).encode()


def busiest_window(times: list[float], window: float = 1.0) -> int:
    times = sorted(times)
    best, j = 0, 0
    for i, start in enumerate(times):
        while j < len(times) and times[j] < start + window:
            j += 1
        best = max(best, j - i)
    return best


async def send_until_admitted(bot: ExtBot, chat_id: int, text: str) -> int:
    """Send; on 429 wait ``retry_after`` and send again. Returns how many 429s it took."""
    refusals = 0
    while True:
        try:
            await bot.send_message(chat_id=chat_id, text=text)
            return refusals
        except RetryAfter as exc:
            refusals += 1
            value = exc._retry_after
            await asyncio.sleep(value.total_seconds() if hasattr(value, "total_seconds")
                                else float(value))


async def one_run(name: str, campaign_limiter: BaseRateLimiter, reply_limiter: BaseRateLimiter,
                  rate: int, pieces: int, replies: int, seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    telegram = StrictTelegram(rate, random.Random(seed + 1))
    campaign_bot = ExtBot("123:ABC", request=telegram, get_updates_request=telegram,
                          rate_limiter=campaign_limiter)
    reply_bot = ExtBot("123:ABC", request=telegram, get_updates_request=telegram,
                       rate_limiter=reply_limiter)
    await campaign_bot.initialize()
    await reply_bot.initialize()
    queue: asyncio.Queue[int] = asyncio.Queue()
    for chat in range(1, pieces + 1):
        queue.put_nowait(10_000 + chat)
    refused = {"campaign": 0, "reply": 0}
    waits: list[float] = []

    async def worker() -> None:
        while not queue.empty():
            chat = queue.get_nowait()
            refused["campaign"] += await send_until_admitted(campaign_bot, chat, "c")

    async def reply(chat: int, at: float) -> None:
        await asyncio.sleep(at)
        asked = time.monotonic()
        refused["reply"] += await send_until_admitted(reply_bot, chat, "r")
        waits.append(time.monotonic() - asked)

    expected = pieces / rate
    started = time.monotonic()
    await asyncio.gather(
        *(worker() for _ in range(WORKERS)),
        *(reply(10_000 + rng.randint(1, pieces), rng.uniform(0.2, expected * 0.9))
          for _ in range(replies)))
    elapsed = time.monotonic() - started
    await campaign_bot.shutdown()
    await reply_bot.shutdown()
    times = [t for t, _ in telegram.admitted]
    span = max(times) - min(times)
    sent = len(times)
    return {
        "achieved": (sent - 1) / span / rate,
        "busiest": busiest_window(telegram.arrivals) / rate,
        "sent": sent,
        "requests": sent + telegram.refused,
        "refused": telegram.refused,
        "refused_share": telegram.refused / (sent + telegram.refused),
        "reply_refused": refused["reply"],
        "reply_median": statistics.median(waits),
        "reply_worst": max(waits),
        "elapsed": elapsed,
    }


async def main(rate: int, pieces: int, share: float, seed: int) -> None:
    replies = round(pieces * share)
    logging.getLogger("telegram").setLevel(logging.CRITICAL)  # AIORateLimiter logs every 429
    print(f"L = {rate}/s; campaign of {pieces} pieces + {replies} bot replies "
          f"({share:.0%}); receiver: strict 1-s window + 3/chat burst, 5-30 ms jitter")
    print(f"machine: {platform.node()} ({len(__import__('os').sched_getaffinity(0))} cores), "
          f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, Python {platform.python_version()}")
    def ours(window: float) -> tuple[BaseRateLimiter, BaseRateLimiter]:
        shared = TelegramRateLimiter(TelegramLimits(global_rate=rate, window=window))
        return (PTBRateLimiter(shared, priority=Priority.CAMPAIGN),
                PTBRateLimiter(shared, priority=Priority.REPLY))

    stock = AIORateLimiter(overall_max_rate=rate, overall_time_period=1, max_retries=0)
    results = {}
    # "+30 ms": the limiter's window widened by the transit jitter (1.03 s for the same L), so
    # the receiver's 1-s windows cannot see more than L however the delays fall.
    for name, (campaign, replying) in (("nucleo.ratelimit", ours(1.0)),
                                       ("nucleo.ratelimit +30 ms", ours(1.03)),
                                       ("PTB AIORateLimiter", (stock, stock))):
        results[name] = r = await one_run(name, campaign, replying, rate, pieces, replies, seed)
        print(f"  {name:23s} achieved/L = {r['achieved']:.3f}   busiest 1-s window/L = "
              f"{r['busiest']:.3f}   429 = {r['refused']} of {r['requests']} "
              f"({r['refused_share']:.1%}; replies {r['reply_refused']})   reply wait median "
              f"{r['reply_median'] * 1000:.0f} ms, worst {r['reply_worst'] * 1000:.0f} ms   "
              f"({r['sent']} admitted in {r['elapsed']:.1f} s)")
    b = results["PTB AIORateLimiter"]
    for name in ("nucleo.ratelimit", "nucleo.ratelimit +30 ms"):
        a = results[name]
        print(f"  {name} / PTB: achieved {a['achieved'] / b['achieved']:.3f}, "
              f"busiest window {a['busiest'] / b['busiest']:.3f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=int, default=30)
    parser.add_argument("--pieces", type=int, default=900)
    parser.add_argument("--replies-share", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    asyncio.run(main(args.rate, args.pieces, args.replies_share, args.seed))
