"""A virtual clock for asyncio tests: time moves only when every task is waiting on it."""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections.abc import Awaitable, Iterable


class VirtualClock:
    """``now()`` and ``sleep()`` like a real clock, but instantaneous: :meth:`run` lets the
    tasks run until all of them sleep, then jumps to the earliest wake-up time."""

    def __init__(self, start: float = 1000.0, settle_rounds: int = 30) -> None:
        self._now = start
        self._sleepers: list[tuple[float, int, asyncio.Future]] = []
        self._seq = itertools.count()
        self.settle_rounds = settle_rounds

    def now(self) -> float:
        return self._now

    async def sleep(self, seconds: float) -> None:
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        future = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self._now + seconds, next(self._seq), future))
        await future

    async def _settle(self) -> None:
        for _ in range(self.settle_rounds):
            await asyncio.sleep(0)

    async def advance_to_next(self) -> bool:
        """Let tasks settle, then wake the earliest sleepers; False when nobody sleeps."""
        await self._settle()
        while self._sleepers and self._sleepers[0][2].cancelled():
            heapq.heappop(self._sleepers)
        if not self._sleepers:
            return False
        deadline = self._sleepers[0][0]
        self._now = max(self._now, deadline)
        while self._sleepers and self._sleepers[0][0] <= self._now:
            _, _, future = heapq.heappop(self._sleepers)
            if not future.done():
                future.set_result(None)
        return True

    async def advance(self, seconds: float) -> None:
        """Move time forward by ``seconds``, waking sleepers on the way in order."""
        target = self._now + seconds
        while True:
            await self._settle()
            live = [s for s in self._sleepers if not s[2].cancelled()]
            if not live or min(live)[0] > target:
                break
            await self.advance_to_next()
        self._now = target
        await self._settle()

    async def run(self, awaitables: Iterable[Awaitable]) -> list:
        """Run the awaitables to completion in virtual time; returns their results."""
        tasks = [asyncio.ensure_future(a) for a in awaitables]
        pending = {id(t) for t in tasks}
        for task in tasks:
            task.add_done_callback(lambda t: pending.discard(id(t)))
        while pending:
            if not await self.advance_to_next():
                await self._settle()
                if pending and not self._sleepers:
                    raise RuntimeError("tasks are blocked on something other than the clock")
        return [t.result() for t in tasks]


class ManualClock:
    """A clock the test moves by hand: call it for the time, set or add to ``now``."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now
