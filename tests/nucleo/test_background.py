"""Tracked background jobs: started without waiting, drained, and a failure logged by name and
exception type only (never its message, which may hold personal data)."""

from __future__ import annotations

import asyncio
import logging

import pytest
from sqlalchemy import select

from nucleo.background import Background


async def test_a_job_runs_without_being_awaited_and_drains() -> None:
    jobs, release, done = Background(), asyncio.Event(), asyncio.Event()

    async def job() -> None:
        await release.wait()
        done.set()

    assert jobs.spawn("prueba", job) is None  # nothing an after-commit runner would await
    assert jobs.running == 1 and not done.is_set()
    release.set()
    await jobs.drain()
    assert done.is_set() and jobs.running == 0


async def test_a_failure_is_logged_without_its_message(caplog: pytest.LogCaptureFixture) -> None:
    jobs = Background()

    async def job() -> None:
        raise RuntimeError("<b>luz.rios@alcaldia.gov.co</b> ñandú")

    with caplog.at_level(logging.ERROR, logger="nucleo.background"):
        jobs.spawn("correo", job)
        await jobs.drain()
    assert "correo" in caplog.text and "RuntimeError" in caplog.text
    assert "alcaldia" not in caplog.text


async def test_the_apps_shutdown_waits_for_the_jobs(services) -> None:  # type: ignore[no-untyped-def]  # pytest fixture
    """A job still running when the service stops finishes before the database closes: the
    shutdown, once it reached the components, waits for the job it cannot finish alone."""
    from api.app import create_app
    from nucleo.background import background

    stopping, release, finished = asyncio.Event(), asyncio.Event(), asyncio.Event()

    class Part:
        name = "parte"

        async def start(self) -> None: ...

        async def stop(self) -> None:
            stopping.set()

    app = create_app(services.settings, services=services, components=lambda _s: [Part()],
                     migrate=False)

    async def job() -> None:
        await release.wait()
        async with services.db.session() as session:  # still open: shutdown waited for this
            await session.execute(select(1))
        finished.set()

    async def run_and_stop() -> None:
        async with app.router.lifespan_context(app):
            background(services).spawn("prueba", job)

    closing = asyncio.create_task(run_and_stop())
    await stopping.wait()
    assert not closing.done()  # held by the job
    release.set()
    await closing
    assert finished.is_set() and background(services).running == 0
