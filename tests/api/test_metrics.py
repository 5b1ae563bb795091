"""GET /metrics: off without VALOR_METRICS_TOKEN, bearer token required, Prometheus text."""

from __future__ import annotations

import httpx
from pydantic import SecretStr

from api.app import create_app
from nucleo.services import Services

TOKEN = "token-de-metricas-0123456789"


def _client(services: Services, role: str = "all") -> httpx.AsyncClient:
    app = create_app(services.settings, role=role, services=services,
                     components=lambda _s: [], migrate=False)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


async def test_metrics_are_off_without_a_token(services: Services) -> None:
    async with _client(services) as client:
        response = await client.get("/metrics")
    assert response.status_code == 404
    assert "VALOR_METRICS_TOKEN" in response.json()["error"]["message"]


async def test_metrics_need_the_bearer_token_on_every_role(services: Services) -> None:
    services.settings = services.settings.model_copy(
        update={"metrics_token": SecretStr(TOKEN)})
    for role in ("all", "web", "worker"):
        async with _client(services, role) as client:
            missing = await client.get("/metrics")
            wrong = await client.get("/metrics", headers={"Authorization": "Bearer otro"})
            right = await client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
        assert missing.status_code == 401 and wrong.status_code == 401
        assert missing.json()["error"]["code"] == "no_autenticado"
        assert right.status_code == 200, right.text
        assert right.headers["content-type"].startswith("text/plain")
        for line in ('valor_queue_depth{queue="campanas"} 0.0',
                     'valor_queue_uncertain{queue="bot"} 0.0',
                     'valor_queue_oldest_due_seconds{queue="foro"} 0.0', "valor_leader 0.0"):
            assert line in right.text
