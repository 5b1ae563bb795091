"""Long-running parts of the service (bot, scheduler, workers) started by the API lifespan."""

from __future__ import annotations

import asyncio
import logging
from typing import Protocol

log = logging.getLogger(__name__)


class Component(Protocol):
    """Something with a start and a stop, run inside the one event loop."""

    name: str

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


STOP_SECONDS = 20.0


async def stop_bounded(component: Component) -> None:
    """Stop a component, logging (never raising) a failure; one that does not stop within
    ``STOP_SECONDS`` is left behind so shutdown goes on (a hang seen under test, not explained)."""
    try:
        await asyncio.wait_for(component.stop(), STOP_SECONDS)
    except TimeoutError:
        log.error("component %s did not stop within %.0f s", component.name, STOP_SECONDS)
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
