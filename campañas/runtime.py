"""Wires the campaign machinery for one service: rate limiter, senders, delivery engine,
scheduler and the CAMPAIGNS port. Held in ``Services`` under a typed key (no module globals)."""

from __future__ import annotations

import socket
from datetime import datetime
from functools import cached_property, partial

from campañas.actions import available_channels
from campañas.asset_reminders import AssetReminders
from campañas.audience import EMAIL, TELEGRAM, WHATSAPP
from campañas.delivery import DeliveryEngine, Lane
from campañas.effects import CAMPAIGN_CHANGED, DELIVERIES_QUEUED
from campañas.graphics import GraphicRenderer
from campañas.port import CampaignsPort
from campañas.reminder_whatsapp import ReminderTemplate
from campañas.scheduler import CampaignScheduler, job_id
from campañas.senders.base import Sender
from campañas.store import DeliveryStore
from campañas.unsubscribe import unsubscribe_url
from campañas.whatsapp_status import PauseOnce
from nucleo.background import background
from nucleo.directory.link import LINKED, InvitationLinks
from nucleo.ports import WHATSAPP_ACCOUNT
from nucleo.ratelimit import TelegramRateLimiter, telegram_limiter, whatsapp_limiter
from nucleo.services import Key, Services

RUNTIME_KEY: Key[CampaignRuntime] = Key("campaigns_runtime")


class CampaignRuntime:
    """Everything campaigns need at run time, built lazily from the services."""

    def __init__(self, services: Services, *, worker: str | None = None) -> None:
        self.services = services
        self.settings = services.settings
        # only a label for people reading the table: recovery goes by lease, not by name
        self.worker = worker or f"{socket.gethostname()}:{self.settings.port}"
        services.db.listen(CAMPAIGN_CHANGED, self.after_change)
        services.db.listen(DELIVERIES_QUEUED, self.wake)
        services.db.listen(LINKED, self.remind_joiner)

    @property
    def limiter(self) -> TelegramRateLimiter:
        """The process's one Telegram limiter, shared with the bot's replies."""
        return telegram_limiter(self.services)

    def invitation_link(self, person_id: int, nonce: int) -> InvitationLinks:
        """The personal links of a directory invitation: t.me (``/start v<token>``) and, with
        ``VALOR_PUBLIC_URL``, the web chat's (``/chat?v=<token>``), one token for both."""
        from nucleo.directory.link import invitation_links

        username = self.settings.telegram_bot_username or ""
        public = str(self.settings.public_url) if self.settings.public_url else None
        return invitation_links(self.services.signer, username, public, person_id, nonce)

    @cached_property
    def senders(self) -> dict[str, Sender]:
        """One sender per configured channel."""
        senders: dict[str, Sender] = {}
        if self.settings.telegram_enabled:
            from campañas.senders.telegram import TelegramSender, make_bot

            senders[TELEGRAM] = TelegramSender(make_bot(self.settings), self.settings.data_dir,
                                               self.limiter)
        if self.settings.mail_ready:
            from campañas.senders.email import EmailSender

            senders[EMAIL] = EmailSender(
                self.settings, links=lambda person_id, nonce: unsubscribe_url(
                    self.settings, self.services.signer, person_id, nonce),
                invitation=self.invitation_link)
        account = self.services.get(WHATSAPP_ACCOUNT)
        if account is not None:
            from campañas.senders.whatsapp import WhatsAppSender

            senders[WHATSAPP] = WhatsAppSender(
                account, self.settings.data_dir, whatsapp_limiter(self.services),
                self.whatsapp_pauses)
        from campañas.senders.metered import MeteredSender

        return {channel: MeteredSender(sender, self.services.metrics)
                for channel, sender in senders.items()}

    @cached_property
    def engine(self) -> DeliveryEngine:
        lanes = {}
        for channel, sender in self.senders.items():
            if channel == TELEGRAM:
                lanes[channel] = Lane.paced(sender, self.settings.telegram_rate)
            elif channel == WHATSAPP:  # at the account's rate, like its sender's limiter
                from campañas.senders.whatsapp import IN_FLIGHT

                lanes[channel] = Lane.paced(sender, whatsapp_limiter(self.services).limits
                                            .global_rate, max_in_flight=IN_FLIGHT)
            else:  # e-mail: groups of as many rows as pooled connections, paced by its sender
                lanes[channel] = Lane.pooled(sender, self.settings.email_rate,
                                             self.settings.email_concurrency)
        store = DeliveryStore(self.services.db, self.worker)
        return DeliveryEngine(store, lanes, clock=self.services.clock)

    @cached_property
    def scheduler(self) -> CampaignScheduler:
        return CampaignScheduler(self.services.db, timezone=self.settings.timezone,
                                 clock=self.services.clock,
                                 asset_reminders=self.asset_reminders if self.settings.asset_reminders else None)

    @cached_property
    def asset_reminders(self) -> AssetReminders:
        """The automatic asset-declaration reminders (the scheduler's job and the joiners')."""
        return AssetReminders(self.services.db, settings=lambda: self.services.settings,
                              channels=lambda: available_channels(self.services),
                              clock=lambda: self.services.clock(),
                              whatsapp=self._reminder_template)

    def _reminder_template(self) -> ReminderTemplate | None:
        """The automatic reminders' WhatsApp template, when the service's account has one."""
        account = self.services.get(WHATSAPP_ACCOUNT)
        if account is None or account.reminder_template is None:
            return None
        return ReminderTemplate(account.reminder_template, account.reminder_language)

    @cached_property
    def port(self) -> CampaignsPort:
        return CampaignsPort(self.settings, clock=self.services.clock)

    @cached_property
    def renderer(self) -> GraphicRenderer:
        return GraphicRenderer()

    @cached_property
    def whatsapp_pauses(self) -> PauseOnce:
        """Pauses a campaign WhatsApp refuses for everybody once, with the reason for HR."""
        return PauseOnce(self.services.db, self.services.clock)

    def remind_joiner(self, person_id: int) -> None:
        """A person who just linked a chat (after the commit): the reminders of the asset
        declarations whose window is open, now rather than at the next tick, in the
        background (the person's reply does not wait for its queries)."""
        if not self.settings.asset_reminders:
            return
        background(self.services).spawn(
            "asset-reminders-joiner", partial(self.asset_reminders.remind_person, person_id))

    def wake(self) -> None:
        """Tell the engine there is new work (no-op before it is built)."""
        if "engine" in self.__dict__:
            self.engine.wake()

    async def after_change(self, campaign_id: int) -> None:
        """Re-sync the scheduler's job and wake the engine (after an action's commit:
        ``CAMPAIGN_CHANGED``); a refusal of WhatsApp may pause the campaign again."""
        if "whatsapp_pauses" in self.__dict__:
            self.whatsapp_pauses.forget(campaign_id)
        if "scheduler" in self.__dict__ and self.scheduler.scheduler.running:
            await self.scheduler.sync(campaign_id)
        self.wake()

    def next_run(self, campaign_id: int) -> datetime | None:
        """When the scheduler will next start a run of this campaign (None if not running)."""
        if "scheduler" not in self.__dict__ or not self.scheduler.scheduler.running:
            return None
        job = self.scheduler.scheduler.get_job(job_id(campaign_id))
        return job.next_run_time if job is not None else None

    def components(self) -> list[object]:
        """The engine (reclaims expired leases first) and then the scheduler."""
        return [EngineComponent(self), self.scheduler]

    async def close(self) -> None:
        for sender in self.senders.values():
            await sender.close()


class EngineComponent:
    """Runs the delivery engine and closes the senders when it stops."""

    name = "campaign-deliveries"

    def __init__(self, runtime: CampaignRuntime) -> None:
        self.runtime = runtime

    async def start(self) -> None:
        await self.runtime.engine.start()

    async def stop(self) -> None:
        await self.runtime.engine.stop()
        await self.runtime.close()


def get_runtime(services: Services) -> CampaignRuntime:
    """The service's campaign runtime, created on first use."""
    return services.setdefault(RUNTIME_KEY, lambda: CampaignRuntime(services))
