"""The declarations' daily reminders as a job of the service's one APScheduler (the campaign
runtime's ``AsyncIOScheduler``, handed in by ``api.wiring`` since features do not import each
other; only the elected leader runs it).

The job (id ``declaraciones:recordatorios``) fires every ``every_minutes`` between
``hour`` (``VALOR_DECLARACIONES_REMINDER_HOUR``) and 20:00 local time. Each run reads the
clock from ``Services`` (injected in tests), routes the recusals whose 5 days ran out
(``recusal_routing``), and ``reminders.send_reminders`` gives only what was not given yet today, so a missed tick, a
restart or a second run never repeats a reminder. Each tick also forgets declaration drafts
abandoned in the chat for ``draft_days`` (``VALOR_DECLARACIONES_DRAFT_DAYS``) and tries again
the decision-link e-mails due (``link_retries``)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from datetime import timedelta

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.consultas.reminders import StaffSender, TelegramStaffSender
from bot.declaraciones import drafts, link_retries, recusal_routing, reminders
from bot.declaraciones.settings import DeclarationSettings
from nucleo.business_days import business_calendar
from nucleo.ports import NOTIFIER
from nucleo.services import Services
from nucleo.settings import read_settings

log = logging.getLogger(__name__)
JOB_ID = "declaraciones:recordatorios"
SenderFactory = Callable[[], StaffSender | None]


def telegram_sender(services: Services) -> SenderFactory:
    """Staff chats through the bot's Telegram application, when the channel is on."""

    def sender() -> StaffSender | None:
        from bot.wiring import TELEGRAM_APP

        application = services.get(TELEGRAM_APP)
        return TelegramStaffSender(application.bot) if application is not None else None

    return sender


class DeclarationReminders:
    """Adds the daily reminders job to the service's scheduler (leader only)."""

    name = "declaraciones-recordatorios"

    def __init__(self, services: Services, *, scheduler: Callable[[], BaseScheduler],
                 sender: SenderFactory | None = None, hour: int | None = None,
                 days_before: int | None = None, every_minutes: int = 15) -> None:
        """``scheduler`` gives the service's scheduler when the component starts; ``hour``
        and ``days_before`` default to ``DeclarationSettings`` (the environment), and so does
        how long an abandoned draft is kept."""
        self.services = services
        self.scheduler = scheduler
        self.sender = sender or telegram_sender(services)
        configured = read_settings(DeclarationSettings)
        self.hour = configured.reminder_hour if hour is None else hour
        self.days_before = configured.reminder_business_days if days_before is None \
            else days_before
        self.every_minutes = every_minutes
        self.draft_ttl = timedelta(days=configured.draft_days)
        self.email_mode = configured.digest_email

    def trigger(self) -> CronTrigger:
        return CronTrigger(hour=f"{self.hour}-20", minute=f"*/{self.every_minutes}",
                           timezone=self.services.settings.tz)

    async def start(self) -> None:
        self.scheduler().add_job(self.run, self.trigger(), id=JOB_ID, replace_existing=True,
                          coalesce=True, max_instances=1, misfire_grace_time=3600,
                          name="declarations reminders")

    async def stop(self) -> None:
        with contextlib.suppress(JobLookupError):  # gone with a scheduler already shut down
            self.scheduler().remove_job(JOB_ID)

    async def run(self) -> reminders.ReminderRun | None:
        """One tick: forget abandoned drafts, retry the decision-link e-mails due, then today's reminders if the local
        hour has come (nothing before it)."""
        now = self.services.clock().astimezone(self.services.settings.tz)
        try:
            async with self.services.db.session() as session:
                await drafts.expire_drafts(session, now, self.draft_ttl)
        except Exception:
            log.exception("declaration drafts not expired")
        try:  # decision-link e-mails the mail server did not take: again, with backoff
            async with self.services.db.session() as session:
                await link_retries.retry_link_emails(
                    session, now=self.services.clock(), settings=self.services.settings,
                    signer=self.services.signer)
        except Exception:
            log.exception("decision link e-mails not retried")
        if now.hour < self.hour:
            return None
        try:  # recusals whose 5 days ran out: the decision link to the superior
            async with self.services.db.session() as session:
                await recusal_routing.route_due_recusals(
                    session, recusal_routing.Routing.of(self.services), today=now.date())
        except Exception:
            log.exception("recusals not routed")
        try:
            async with self.services.db.session() as session:
                return await reminders.send_reminders(
                    session, today=now.date(), calendar=business_calendar(self.services),
                    days_before=self.days_before, sender=self.sender(),
                    notifier=self.services.get(NOTIFIER), settings=self.services.settings,
                    email_mode=self.email_mode)
        except Exception:
            log.exception("declaration reminders failed")
            return None
