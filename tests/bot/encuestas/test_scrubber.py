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

    async def scrub(_db, *, final: bool = False) -> None:  # type: ignore[no-untyped-def]
        runs.append(final)
        started.set()
        await release.wait()

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
