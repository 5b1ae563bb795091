"""Wires the campaign machinery for one service: rate limiter, senders, delivery engine,
scheduler and the CAMPAIGNS port. Held in ``Services.extras`` (no module globals)."""

from __future__ import annotations

import socket
from datetime import datetime
from functools import cached_property

from campañas.audience import EMAIL, TELEGRAM
from campañas.delivery import DeliveryEngine, Lane
from campañas.effects import CAMPAIGN_CHANGED, DELIVERIES_QUEUED
from campañas.graphics import GraphicRenderer
from campañas.port import CampaignsPort
from campañas.ratelimit import TelegramLimits, TelegramRateLimiter
from campañas.scheduler import CampaignScheduler, job_id
from campañas.senders.base import Sender
from campañas.store import DeliveryStore
from campañas.unsubscribe import unsubscribe_url
from nucleo.services import Services

RUNTIME_KEY = "campaigns_runtime"


class CampaignRuntime:
    """Everything campaigns need at run time, built lazily from the services."""

    def __init__(self, services: Services, *, worker: str | None = None) -> None:
        self.services = services
        self.settings = services.settings
        self.worker = worker or f"{socket.gethostname()}:{self.settings.port}"
        services.db.listen(CAMPAIGN_CHANGED, self.after_change)
        services.db.listen(DELIVERIES_QUEUED, self.wake)

    @cached_property
    def limiter(self) -> TelegramRateLimiter:
        return TelegramRateLimiter(TelegramLimits.from_settings(self.settings))

    @cached_property
    def senders(self) -> dict[str, Sender]:
        """One sender per configured channel."""
        senders: dict[str, Sender] = {}
        if self.settings.telegram_enabled:
            from campañas.senders.telegram import TelegramSender, make_bot

            senders[TELEGRAM] = TelegramSender(make_bot(self.settings), self.settings.data_dir,
                                               self.limiter)
        if self.settings.smtp_enabled and self.settings.smtp_from:
            from campañas.senders.email import EmailSender

            senders[EMAIL] = EmailSender(
                self.settings, links=lambda person_id: unsubscribe_url(
                    self.settings, self.services.signer, person_id))
        return senders

    @cached_property
    def engine(self) -> DeliveryEngine:
        lanes = {}
        for channel, sender in self.senders.items():
            rate = self.settings.telegram_rate if channel == TELEGRAM else None
            lanes[channel] = Lane.paced(sender, rate) if rate else \
                Lane(sender, batch=4, max_in_flight=4)
        store = DeliveryStore(self.services.db, self.worker)
        return DeliveryEngine(store, lanes, clock=self.services.clock)

    @cached_property
    def scheduler(self) -> CampaignScheduler:
        return CampaignScheduler(self.services.db, timezone=self.settings.timezone,
                                 clock=self.services.clock)

    @cached_property
    def port(self) -> CampaignsPort:
        return CampaignsPort(self.settings, clock=self.services.clock)

    @cached_property
    def renderer(self) -> GraphicRenderer:
        return GraphicRenderer()

    def wake(self) -> None:
        """Tell the engine there is new work (no-op before it is built)."""
        if "engine" in self.__dict__:
            self.engine.wake()

    async def after_change(self, campaign_id: int) -> None:
        """Re-sync the scheduler's job and wake the engine (after an action's commit:
        ``CAMPAIGN_CHANGED``)."""
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
        """The engine (recovers a crash first) and then the scheduler."""
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
    runtime = services.extras.get(RUNTIME_KEY)
    if runtime is None:
        runtime = CampaignRuntime(services)
        services.extras[RUNTIME_KEY] = runtime
    return runtime  # type: ignore[no-any-return]
