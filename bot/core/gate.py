"""One writer at a time on SQLite, queued in the event loop instead of in SQLite's busy handler
(which sleeps in growing steps and collapses throughput when many chats write at once).
PostgreSQL needs no gate."""

from __future__ import annotations

import asyncio
from contextlib import AbstractAsyncContextManager, nullcontext

from nucleo.services import Services

GATE = "bot_sqlite_write_gate"


def write_gate(services: Services) -> AbstractAsyncContextManager[object]:
    """The gate to hold around a bot transaction (a no-op on PostgreSQL)."""
    if not services.db.is_sqlite:
        return nullcontext()
    gate = services.extras.get(GATE)
    if gate is None:
        gate = services.extras[GATE] = asyncio.Lock()
    return gate  # type: ignore[no-any-return]
