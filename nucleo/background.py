"""Work an action starts after its commit that the person's reply must not wait for (a
superior's e-mail, a joiner's reminders): one tracked task per job, so none is lost to the
garbage collector; a failure is logged by the job's name and the exception's type only (its
message may hold an address); shutdown and tests wait for them with ``drain``."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from nucleo.services import Key, Services

log = logging.getLogger(__name__)


class Background:
    """The process's background jobs; a ``Component`` whose stop waits for them (the app's
    shutdown stops it, bounded like every component, before the database closes)."""

    name = "background"

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        """Nothing to start: jobs start when an action spawns them."""

    async def stop(self) -> None:
        await self.drain()

    def spawn(self, what: str, job: Callable[[], Awaitable[object]]) -> None:
        """Start ``job`` now, without waiting for it; ``what`` names it in the log. Returns
        nothing on purpose: as an after-commit callback, a returned task would be awaited."""
        task = asyncio.create_task(self._run(what, job), name=f"background:{what}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @staticmethod
    async def _run(what: str, job: Callable[[], Awaitable[object]]) -> None:
        try:
            await job()
        except Exception as exc:  # never the message: it may carry personal data
            log.error("background job %s failed (%s)", what, type(exc).__name__)

    @property
    def running(self) -> int:
        return len(self._tasks)

    async def drain(self) -> None:
        """Wait for every job started so far (and those they start)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)


BACKGROUND: Key[Background] = Key("background")


def background(services: Services) -> Background:
    """The process's ``Background``, created on first use."""
    return services.setdefault(BACKGROUND, Background)
