"""Sends survey reminders periodically, inside the service's event loop."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.encuestas.actions import send_reminders
from bot.encuestas.service import notifier_for
from nucleo.errors import DomainError
from nucleo.services import Services

log = logging.getLogger(__name__)


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
            except Exception:  # noqa: BLE001 - a bad round must not stop the next ones
                log.exception("survey reminders failed")
            await asyncio.sleep(self.interval)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
