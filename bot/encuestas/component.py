"""Survey components in the service's event loop: periodic reminders, and the background
scrub after each counted batch."""

from __future__ import annotations

import asyncio
import logging

from bot.encuestas.actions import send_reminders
from bot.encuestas.service import notifier_for
from bot.encuestas.tally import scrub
from nucleo.errors import DomainError
from nucleo.lifecycle import cancel_and_wait, wake_or_timeout
from nucleo.services import Key, Services

log = logging.getLogger(__name__)
SCRUBBER: Key[SurveyScrubber] = Key("survey_scrubber")


class SurveyReminders:
    """Every ``interval`` seconds, remind those who have not finished an open survey."""

    name = "survey-reminders"

    def __init__(self, services: Services, interval: float = 3600.0) -> None:
        self.services = services
        self.interval = interval
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name=self.name)

    async def run_once(self) -> int:
        """Send the reminders that are due now; returns how many."""
        try:
            notify = notifier_for(self.services)
        except DomainError:
            return 0
        async with self.services.db.session() as session:
            return await send_reminders(session, self.services.clock(), notify)

    async def _loop(self) -> None:
        while True:
            try:
                sent = await self.run_once()
                if sent:
                    log.info("survey reminders sent: %d", sent)
            except Exception:
                log.exception("survey reminders failed")
            await asyncio.sleep(self.interval)

    async def stop(self) -> None:
        if self._task is not None:
            await cancel_and_wait(self._task)


class SurveyScrubber:
    """Runs ``tally.scrub`` in the background when a batch signals ``SCRUB``, so the WAL
    checkpoint or ``VACUUM FULL`` never delays the bot's reply. Requests that arrive while a
    scrub runs are coalesced into one more run (a final one if any of them was final). A scrub
    that could not finish (an old transaction, a busy WAL, an error) runs again after
    ``retry_seconds``, keeping its final flag; ``settled`` waits for a complete one."""

    name = "survey-scrubber"

    def __init__(self, services: Services, retry_seconds: float = 60.0) -> None:
        self.services = services
        self.retry_seconds = retry_seconds
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._idle = asyncio.Event()
        self._idle.set()
        self._final = False

    def wake(self, final: bool) -> None:
        """Ask for a scrub (the ``SCRUB`` signal's handler)."""
        self._final = self._final or final
        self._idle.clear()
        self._wake.set()

    async def settled(self) -> None:
        """Wait until every scrub asked for so far has run."""
        await self._idle.wait()

    async def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name=self.name)

    async def _loop(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            final, self._final = self._final, False
            if not await scrub(self.services.db, final=final):  # logs its own failures
                self._final = self._final or final
                await wake_or_timeout(self._wake, self.retry_seconds)
                self._wake.set()
                continue
            if not self._wake.is_set():
                self._idle.set()

    async def stop(self) -> None:
        if self._task is not None:
            await cancel_and_wait(self._task)
            self._task = None
