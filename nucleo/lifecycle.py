"""Long-running parts of the service (bot, scheduler, workers) started by the API lifespan."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Protocol

log = logging.getLogger(__name__)


class Component(Protocol):
    """Something with a start and a stop, run inside the one event loop."""

    name: str

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


STOP_SECONDS = 20.0


async def wake_or_timeout(event: asyncio.Event, seconds: float) -> bool:
    """Wait until ``event`` is set or ``seconds`` pass; True when it was set.

    The waiting loops of every component use this, never ``asyncio.wait_for(event.wait(),
    seconds)``: on Python 3.11 ``wait_for`` drops a cancel that arrives just as the event is
    set, so a ``while True`` loop woken often (the outbox worker after every reply) could miss
    its stop and run on; its ``stop()`` then waited for ever."""
    try:
        async with asyncio.timeout(seconds):
            await event.wait()
    except TimeoutError:
        return False
    return True


async def cancel_and_wait(task: asyncio.Task[Any] | None) -> None:
    """Cancel ``task`` and wait until it has ended. Unlike ``try: await task / except
    CancelledError: pass``, a cancel of the caller itself (a bounded stop) still reaches it.
    A task that had died of an error is logged with it (awaiting it used to raise it)."""
    if task is None:
        return
    if not task.done():
        task.cancel()
        await asyncio.wait({task})
    if not task.cancelled() and (error := task.exception()) is not None:
        log.error("task %s had stopped with an error", task.get_name(), exc_info=error)


async def stop_bounded(component: Component) -> None:
    """Stop a component, logging (never raising) a failure; one that does not stop within its
    bound is left behind so shutdown goes on. The bound is ``STOP_SECONDS``, or the
    component's own ``stop_seconds`` when it stops others (the election stops the leader's
    parts, each bounded, so its bound covers them all)."""
    seconds = getattr(component, "stop_seconds", STOP_SECONDS)
    try:
        async with asyncio.timeout(seconds):
            await component.stop()
    except TimeoutError:
        log.error("component %s did not stop within %.0f s", component.name, seconds)
    except Exception:
        log.exception("component %s failed to stop", component.name)


ROLES = ("all", "web", "worker")
"""``valor run --role``: web serves HTTP and webhooks; worker runs the leader's components
(senders, scheduler, polling) once elected; all does both (the default)."""


class Parts:
    """A feature's components: those every process runs and those only the leader runs."""

    def __init__(self, everywhere: list[Component] | None = None,
                 leader: list[Component] | None = None) -> None:
        self.everywhere: list[Component] = everywhere or []
        self.leader: list[Component] = leader or []

    def __iadd__(self, other: Parts) -> Parts:
        self.everywhere += other.everywhere
        self.leader += other.leader
        return self

    def all(self) -> list[Component]:
        return [*self.everywhere, *self.leader]
