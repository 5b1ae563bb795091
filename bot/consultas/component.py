"""The consultation desk's background part: reload HR's edits and send the daily reminders."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import date

from nucleo.lifecycle import cancel_and_wait

from .reminders import ReminderRun, StaffSender, reminder_due, send_reminders
from .service import ConsultationService

log = logging.getLogger(__name__)
SenderFactory = Callable[[], StaffSender | None]


def no_sender() -> StaffSender | None:
    """No staff chat channel: reminders are only logged."""
    return None


class ConsultationsComponent:
    """Loads the overrides at start, then every ``reload_seconds`` checks for edits made by
    another process and, once per business day after ``reminder_hour``, reminds advisors."""

    name = "consultas"

    def __init__(self, service: ConsultationService, *, sender: SenderFactory = no_sender,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
                 reminds: Callable[[], bool] = lambda: True) -> None:
        """``reminds`` says whether this process sends the reminders now (only the leader
        does; every process reloads the edits)."""
        self.service = service
        self.sender = sender
        self.reminds = reminds
        self.sleep = sleep
        self.last_reminder_day: date | None = None
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        async with self.service.services.db.session() as session:
            await self.service.store.refresh(session, force=True)
        self._task = asyncio.create_task(self._loop(), name="consultas")

    async def stop(self) -> None:
        if self._task is not None:
            await cancel_and_wait(self._task)
            self._task = None

    async def _loop(self) -> None:
        while True:
            try:
                await self.tick()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("consultation desk tick failed")
            await self.sleep(self.service.desk.reload_seconds)

    async def tick(self) -> ReminderRun | None:
        """One pass: reload edits if they changed, remind if today's run is due."""
        service = self.service
        async with service.services.db.session() as session:
            await service.store.refresh(session)
            now_local = service.clock().astimezone(service.services.settings.tz)
            if not self.reminds() or not reminder_due(now_local, service.desk.reminder_hour,
                                                      self.last_reminder_day):
                return None
            run = await send_reminders(
                session, today=now_local.date(), calendar=service.calendar,
                days_before=service.desk.reminder_business_days, sender=self.sender())
            self.last_reminder_day = now_local.date()
            return run
