"""Long-running parts of the service (bot, scheduler, workers) started by the API lifespan."""

from __future__ import annotations

from typing import Protocol


class Component(Protocol):
    """Something with a start and a stop, run inside the one event loop."""

    name: str

    async def start(self) -> None: ...

    async def stop(self) -> None: ...
