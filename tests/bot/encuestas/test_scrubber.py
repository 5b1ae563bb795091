"""The background scrub: off the reply path, and coalesced when batches finish together."""

from __future__ import annotations

import asyncio

import pytest

from bot.encuestas import component
from bot.encuestas.component import SurveyScrubber
from nucleo.services import Services


async def test_requests_during_a_scrub_are_coalesced_into_one_more(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[bool] = []
    started, release = asyncio.Event(), asyncio.Event()

    async def scrub(_db, *, final: bool = False) -> bool:
        runs.append(final)
        started.set()
        await release.wait()
        return True

    monkeypatch.setattr(component, "scrub", scrub)
    scrubber = SurveyScrubber(services)
    await scrubber.start()
    try:
        scrubber.wake(False)
        await asyncio.wait_for(started.wait(), timeout=5)  # the first scrub is running
        for final in (False, True, False):  # three batches finish meanwhile
            scrubber.wake(final)
        release.set()
        await asyncio.wait_for(scrubber.settled(), timeout=5)
    finally:
        await scrubber.stop()
    assert runs == [False, True]  # one more run, final because one of the requests was


async def test_a_scrub_that_could_not_finish_runs_again_and_settles_only_then(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    """An old transaction (or a busy WAL) makes the scrub give up without rewriting: it must run
    again, still final, instead of leaving the deleted rows in the files."""
    outcomes = [False, False, True]
    runs: list[bool] = []

    async def scrub(_db, *, final: bool = False) -> bool:
        runs.append(final)
        return outcomes.pop(0)

    monkeypatch.setattr(component, "scrub", scrub)
    scrubber = SurveyScrubber(services, retry_seconds=0)
    await scrubber.start()
    try:
        scrubber.wake(True)
        await asyncio.wait_for(scrubber.settled(), timeout=5)
    finally:
        await scrubber.stop()
    assert runs == [True, True, True]
