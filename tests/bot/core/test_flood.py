"""Per-chat token buckets and per-chat sequencing."""

import asyncio

from bot.core.flood import FloodControl, KeyedLocks
from tests.fakes.clock import ManualClock


def test_bucket_warns_once_then_drops_then_refills() -> None:
    clock = ManualClock(0.0)
    flood = FloodControl(burst=3, per_minute=60, clock=clock)
    assert [flood.check("a") for _ in range(6)] == ["ok", "ok", "ok", "warn", "drop", "drop"]
    assert flood.check("b") == "ok"                     # another chat is not affected
    clock.now += 1.0
    assert flood.check("a") == "ok"
    assert flood.check("a") == "warn"


def test_old_buckets_are_pruned() -> None:
    clock = ManualClock(0.0)
    flood = FloodControl(burst=2, per_minute=60, clock=clock, max_chats=10)
    for i in range(10):
        flood.check(str(i))
    clock.now += 100
    flood.check("new")
    assert len(flood._buckets) == 1


async def test_keyed_locks_serialise_one_chat_and_not_others() -> None:
    locks, order = KeyedLocks(), []

    b_done = asyncio.Event()

    async def work(key: str, tag: str, hold_until: asyncio.Event | None = None) -> None:
        async with locks.hold(key):
            order.append(f"{tag}+")
            if hold_until is not None:  # a1 keeps chat "a" until b1 is through
                await asyncio.wait_for(hold_until.wait(), 5)
            await asyncio.sleep(0)
            order.append(f"{tag}-")
        if tag == "b1":
            b_done.set()

    await asyncio.gather(work("a", "a1", b_done), work("a", "a2"), work("b", "b1"))
    assert order.index("a1-") < order.index("a2+")
    assert order.index("b1-") < order.index("a1-")          # b did not wait for a
    assert len(locks) == 0
