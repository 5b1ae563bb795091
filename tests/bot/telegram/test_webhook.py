"""POST /telegram/webhook: constant-time secret check, persisted dedup, malformed bodies."""

from __future__ import annotations

import httpx
import pytest

from bot import messages
from bot.models import ProcessedInput
from bot.telegram.app import webhook_secret
from nucleo.settings import load_settings
from tests.bot.helpers import count_rows
from tests.bot.telegram.conftest import Service, run_service

CHAT = 6060
START = {"message": {"message_id": 1, "date": 1_700_000_000, "text": "/start",
                     "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
                     "from": {"id": CHAT, "is_bot": False, "first_name": "Ana"},
                     "chat": {"id": CHAT, "type": "private", "first_name": "Ana"}}}


@pytest.mark.parametrize("mode", ["webhook"])
async def test_webhook_registered_with_secret(service: Service) -> None:
    assert service.tg.webhook_url == f"http://127.0.0.1:{service.port}/telegram/webhook"
    assert service.tg.webhook_secret == "secreto-de-prueba_123"


@pytest.mark.parametrize("mode", ["webhook"])
@pytest.mark.parametrize("secret", [None, "forged", "", "secreto-de-prueba_12", "x" * 300])
async def test_missing_or_wrong_secret_is_refused(service: Service, secret: str | None) -> None:
    response = await service.tg.apost_update_to_webhook(dict(START), secret=secret)
    assert response.status_code == 403
    assert response.json()["error"]["message"] == messages.WEBHOOK_FORBIDDEN
    assert service.tg.messages_to(CHAT) == []
    assert await count_rows(service.services, ProcessedInput) == 0


@pytest.mark.parametrize("mode", ["webhook"])
async def test_non_ascii_secret_header_is_refused(service: Service) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.post(
            f"http://127.0.0.1:{service.port}/telegram/webhook", json=START,
            headers={"X-Telegram-Bot-Api-Secret-Token": "secreto-ñ".encode("latin-1")})
    assert response.status_code == 403


@pytest.mark.parametrize("mode", ["webhook"])
async def test_replayed_update_is_processed_once(service: Service) -> None:
    update = {"update_id": 900_001, **START}
    first = await service.tg.apost_update_to_webhook(dict(update))
    assert first.status_code == 200
    welcome = [m.content for m in await service.tg.wait_for_messages_async(CHAT, 2)]
    again = await service.tg.apost_update_to_webhook(dict(update))
    assert again.status_code == 200                       # Telegram must stop resending
    # A later update is answered after the replay was handled: nothing more came from it.
    later = await service.exchange(CHAT, lambda: service.tg.push_command(CHAT, "ayuda"), 1)
    assert welcome[0] not in later
    assert [m.content for m in service.tg.messages_to(CHAT)][:3] == [*welcome, later[0]]


@pytest.mark.parametrize("mode", ["webhook"])
async def test_replay_after_restart_is_still_ignored(service: Service) -> None:
    update = {"update_id": 900_002, **START}
    assert (await service.tg.apost_update_to_webhook(dict(update))).status_code == 200
    await service.tg.wait_for_messages_async(CHAT, 2)
    settings, tg = service.services.settings, service.tg
    # The fixture's service keeps running; a second process with the same database:
    from tests.bot.telegram.conftest import service_settings
    from tests.fakes.net import free_port

    port = free_port()
    async with run_service(service_settings(settings, tg, "webhook", port), service.services.db,
                           tg, "webhook", port):
        assert (await tg.apost_update_to_webhook(dict(update))).status_code == 200
    assert len(tg.messages_to(CHAT)) == 2


@pytest.mark.parametrize("mode", ["webhook"])
@pytest.mark.parametrize("body", [b"", b"no es json", b"[]", b'{"update_id": "1"}',
                                  b'{"message": {}}', b'{"update_id": true}',
                                  b'{"update_id": 1.0}'])
async def test_malformed_bodies(service: Service, body: bytes) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.post(
            f"http://127.0.0.1:{service.port}/telegram/webhook", content=body,
            headers={"X-Telegram-Bot-Api-Secret-Token": "secreto-de-prueba_123"})
    assert response.status_code == 400


async def test_webhook_without_telegram_is_not_found(api: httpx.AsyncClient) -> None:
    response = await api.post("/telegram/webhook", json=START)
    assert response.status_code == 404


def test_derived_secret_when_none_is_configured() -> None:
    settings = load_settings(secret_key="k" * 32)
    secret = webhook_secret(settings)
    assert secret == webhook_secret(load_settings(secret_key="k" * 32))
    assert secret != webhook_secret(load_settings(secret_key="z" * 32))
    assert len(secret) == 64 and secret.isalnum()
