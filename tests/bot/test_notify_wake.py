"""What wakes the outbox worker: only a transaction that queued something and committed. On
PostgreSQL the wake-up is a ``NOTIFY`` issued inside that transaction (heard by the leader's
``LISTEN``, in any process); on SQLite the in-process after-commit signal."""

from __future__ import annotations

import asyncio

from bot.notify import QUEUED, OutboxNotifier, QueuedAcrossProcesses
from nucleo.services import Services
from tests.bot.test_notify import telegram_person


async def test_only_a_committed_queue_wakes_the_worker(services: Services) -> None:
    """A rolled-back queue wakes nobody; the committed one after it wakes the worker once."""
    woken: list[int] = []
    heard = asyncio.Event()

    def wake() -> None:
        woken.append(1)
        heard.set()

    listening = None
    if services.db.is_sqlite:
        services.db.listen(QUEUED, wake)
    else:  # no QUEUED handler here: only the transaction's NOTIFY can reach the listener
        listening = QueuedAcrossProcesses(services, wake)
        await listening.start()
    person_id = await telegram_person(services)
    try:
        async with services.db.session() as session:
            await OutboxNotifier().notify(session, person_id, "descartado")
            await session.flush()
            await session.rollback()
        async with services.db.transaction() as session:
            await OutboxNotifier().notify(session, person_id, "hola")
            await OutboxNotifier().notify(session, person_id, "otra")
        # PostgreSQL delivers notifications in commit order: a rolled-back one would come first.
        await asyncio.wait_for(heard.wait(), timeout=10)
        heard.clear()
        async with services.db.transaction() as session:  # a sentinel: anything the first
            await OutboxNotifier().notify(session, person_id, "fin")  # sent came before it
        await asyncio.wait_for(heard.wait(), timeout=10)
    finally:
        if listening is not None:
            await listening.stop()
    assert woken == [1, 1]


async def test_the_in_process_signal_wakes_only_while_nothing_listens(
        services: Services) -> None:
    """PostgreSQL: with its LISTEN up, the leader is woken by the NOTIFY alone (the local
    signal would make it look at the queue twice per reply); without it, by the signal."""
    if services.db.is_sqlite:
        return  # SQLite has no LISTEN: the signal always wakes
    woken: list[int] = []
    listening = QueuedAcrossProcesses(services, lambda: woken.append(1))
    listening.queued_here()
    assert woken == [1]  # not listening yet
    await listening.start()
    try:
        listening.queued_here()
        assert woken == [1]
    finally:
        await listening.stop()
