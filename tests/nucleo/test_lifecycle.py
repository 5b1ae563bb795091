"""Waiting and stopping helpers every component's loop uses (``nucleo.lifecycle``)."""

from __future__ import annotations

import asyncio
import logging

import pytest

from nucleo.lifecycle import cancel_and_wait, stop_bounded, wake_or_timeout


async def _looping(event: asyncio.Event) -> None:
    while True:  # a component's loop: woken by its event, or at the next round
        await wake_or_timeout(event, 60)
        event.clear()


async def test_a_stop_is_not_lost_when_a_wake_up_comes_with_it() -> None:
    """``asyncio.wait_for(event.wait(), t)`` on Python 3.11 drops this cancel and the loop runs
    on (the outbox worker's stop then waited for ever)."""
    event = asyncio.Event()
    task = asyncio.create_task(_looping(event))
    await asyncio.sleep(0)  # the loop is waiting
    event.set()
    task.cancel()
    done, _ = await asyncio.wait({task}, timeout=5)
    assert done == {task} and task.cancelled()


async def test_wake_or_timeout_says_which_came_first() -> None:
    event = asyncio.Event()
    event.set()
    assert await wake_or_timeout(event, 60) is True
    assert await wake_or_timeout(asyncio.Event(), 0) is False


class _Stuck:
    name = "atascado"

    def __init__(self) -> None:
        self.stopping = asyncio.Event()

    async def start(self) -> None: ...

    async def stop(self) -> None:
        self.stopping.set()
        await asyncio.Event().wait()  # never returns


async def test_a_component_that_does_not_stop_is_logged_and_left(
        caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("nucleo.lifecycle.STOP_SECONDS", 0.01)
    stuck = _Stuck()
    with caplog.at_level(logging.ERROR, logger="nucleo.lifecycle"):
        await stop_bounded(stuck)
    assert stuck.stopping.is_set()
    assert "atascado did not stop" in caplog.text


async def test_cancel_and_wait_lets_the_caller_be_cancelled_too() -> None:
    """A bounded stop cancels the component's ``stop()``; the old ``try: await task / except
    CancelledError: pass`` swallowed that cancel and the stop went on waiting."""
    inner = asyncio.create_task(asyncio.Event().wait())

    async def stop() -> None:
        await cancel_and_wait(inner)

    outer = asyncio.create_task(stop())
    await asyncio.wait({outer}, timeout=5)
    assert inner.cancelled() and outer.done() and not outer.cancelled()


async def test_a_task_that_died_of_an_error_is_logged_when_stopped(
        caplog: pytest.LogCaptureFixture) -> None:
    async def broken() -> None:
        raise RuntimeError("roto")

    task = asyncio.create_task(broken(), name="roto")
    await asyncio.wait({task})
    with caplog.at_level(logging.ERROR, logger="nucleo.lifecycle"):
        await cancel_and_wait(task)
    assert "task roto had stopped with an error" in caplog.text and "RuntimeError" in caplog.text
