"""Waiting for a state that has no event of its own (rows in a database, a file, a process).

Prefer an event where the component offers one (the Telegram double's ``wait_for_*``, an
engine's ``drain``); this is for the rest: it returns as soon as ``check`` holds and fails with
``what`` after ``timeout`` seconds, so a test never sleeps a fixed time and then counts."""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


async def eventually(check: Callable[[], T | Awaitable[T]], *, timeout: float = 10.0,
                     what: str = "the expected state") -> T:
    """Await ``check()`` (sync or async) until it returns something true; return that."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(0.01)
