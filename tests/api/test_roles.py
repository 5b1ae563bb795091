"""``valor run --role``: what each role runs and serves."""

from __future__ import annotations

import httpx
import pytest
from pydantic import AnyHttpUrl, SecretStr

from api.app import create_app
from api.wiring import ELECTION, build_components, is_leader
from bot.consultas.component import ConsultationsComponent
from bot.notify import OutboxWorker
from bot.telegram.component import TelegramComponent, TelegramPolling
from campañas.runtime import EngineComponent
from campañas.scheduler import CampaignScheduler
from nucleo.leader import Election
from nucleo.services import Services
from nucleo.settings import Settings

SENDERS = (OutboxWorker, EngineComponent, CampaignScheduler, TelegramPolling)


def _telegram(settings: Settings, **extra: object) -> Settings:
    return settings.model_copy(update={"telegram_token": SecretStr("1:x"), **extra})


def _kinds(components: list) -> set[type]:
    return {type(c) for c in components}


def test_web_replicas_run_no_sender_scheduler_or_poller(services: Services) -> None:
    services.settings = _telegram(services.settings)
    components = build_components(services, "web")
    kinds = _kinds(components)
    assert not kinds & set(SENDERS) and Election not in kinds
    assert TelegramComponent in kinds and ConsultationsComponent in kinds
    assert services.get(ELECTION) is None and not is_leader(services)
    desk = next(c for c in components if isinstance(c, ConsultationsComponent))
    assert not desk.reminds()


@pytest.mark.parametrize("role", ["worker", "all"])
def test_worker_and_all_run_the_senders_only_through_the_election(services: Services,
                                                                 role: str) -> None:
    services.settings = _telegram(services.settings)
    components = build_components(services, role)
    election = services.get(ELECTION)
    assert isinstance(election, Election) and election in components
    assert not _kinds(components) & set(SENDERS)
    assert set(SENDERS) <= _kinds(election.components)
    assert not is_leader(services)  # not started yet


def test_webhook_mode_has_no_poller(services: Services) -> None:
    services.settings = _telegram(services.settings,
                                  telegram_webhook_url=AnyHttpUrl("https://valor.example/telegram/webhook"))
    build_components(services, "worker")
    assert TelegramPolling not in _kinds(services.get(ELECTION).components)


async def test_a_started_worker_leads_and_serves_only_health(services: Services) -> None:
    app = create_app(services.settings, role="worker", services=services, migrate=False)
    async with app.router.lifespan_context(app):
        assert is_leader(services)
        desk = next(c for c in app.state.components if isinstance(c, ConsultationsComponent))
        assert desk.reminds()
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            assert (await client.get("/health")).status_code == 200
            assert (await client.get("/api/v1/campaigns")).status_code == 404
            assert (await client.get("/telegram/webhook")).status_code == 404
    assert not is_leader(services)


async def test_a_web_replica_serves_the_api_but_never_leads(services: Services) -> None:
    app = create_app(services.settings, role="web", services=services, migrate=False)
    async with app.router.lifespan_context(app):
        assert not is_leader(services)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            assert (await client.get("/api/v1/campaigns")).status_code == 401
