"""Real-clock check of campañas.ratelimit against python-telegram-bot's stock AIORateLimiter.

Run: python bench/ratelimit.py [rate] [seconds]
Prints, for each limiter: achieved rate ÷ L and the most sends seen in any 1-second window ÷ L.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from telegram.ext import AIORateLimiter

from nucleo.ratelimit import PTBRateLimiter, TelegramLimits, TelegramRateLimiter


def max_in_window(times: list[float], window: float = 1.0) -> int:
    times = sorted(times)
    best, j = 0, 0
    for i, start in enumerate(times):
        while j < len(times) and times[j] < start + window:
            j += 1
        best = max(best, j - i)
    return best


async def drive(limiter, n: int) -> list[float]:
    sent: list[float] = []

    async def callback():
        sent.append(time.monotonic())
        return True

    await asyncio.gather(
        *(limiter.process_request(callback, (), {}, "sendMessage", {"chat_id": i}, None)
          for i in range(1, n + 1))
    )
    return sent


async def main(rate: float, seconds: float) -> None:
    n = int(rate * seconds)
    ours = PTBRateLimiter(TelegramRateLimiter(TelegramLimits(global_rate=rate)))
    stock = AIORateLimiter(overall_max_rate=rate, overall_time_period=1)
    print(f"L = {rate:g}/s, {n} private chats, real clock")
    for name, limiter in (("campañas.ratelimit", ours), ("PTB AIORateLimiter", stock)):
        sent = await drive(limiter, n)
        span = max(sent) - min(sent)
        achieved = (n - 1) / span if span else float("inf")
        print(f"  {name:20s} achieved/L = {achieved / rate:5.3f}   "
              f"max in 1 s window / L = {max_in_window(sent) / rate:5.3f}")


if __name__ == "__main__":
    args = [float(a) for a in sys.argv[1:3]]
    asyncio.run(main(*(args + [30.0, 10.0][len(args):])))
