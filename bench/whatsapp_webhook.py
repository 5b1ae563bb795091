"""WhatsApp webhook → reply latency against a bare endpoint, in the same run.

Run from the repo root: ``python -m bench.whatsapp_webhook [--requests 400] [--chats 40]
[--pg URL]``.

The service runs in this process (FastAPI app under its lifespan, httpx's ASGI transport, a
migrated SQLite file or a fresh PostgreSQL schema); the Cloud API double is a real HTTP server
(uvicorn in a thread). Each signed notification carries one text message; the webhook answers
after the dialogue core committed and the replies reached the double, so a request's latency is
webhook → reply. The reference is a bare route answering 200 in the same app, timed alternately
with the same client. No sleeping: requests go one after another.

After each reply, the three statuses Meta reports for each message it carried (``sent``,
``delivered``, ``read``, with the ``biz_opaque_callback_data`` the send gave it) come as one
signed notification each: their latency and the SQL statements they cost (counted on the
engine) are reported per reply.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import httpx
from fastapi import Response
from sqlalchemy import event

from api.app import create_app
from bot.core.flood import FloodControl
from bot.service import dialogue_core
from bot.whatsapp.channel import WhatsAppComponent
from bot.whatsapp.settings import WHATSAPP_SETTINGS, WhatsAppSettings
from nucleo.db import Database
from nucleo.services import Services
from nucleo.settings import load_settings
from tests.fakes.whatsapp import WhatsAppDouble

TEXTS = ("hola", "/ayuda", "/menu", "gracias")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def run(requests: int, chats: int, pg: str | None) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp, WhatsAppDouble() as double:
        schema = None
        url = pg or f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        if pg:
            schema = "b_" + uuid.uuid4().hex[:10]
            import asyncpg

            dsn = pg.replace("postgresql+asyncpg://", "postgresql://")
            conn = await asyncpg.connect(dsn)
            await conn.execute(f'CREATE SCHEMA "{schema}"')
            await conn.close()
        settings = load_settings(data_dir=tmp, database_url=url,
                                 secret_key="bench-secret-key-0123456789abcdef")
        services = Services(settings=settings, db=Database(settings.resolved_database_url,
                                                           schema=schema))
        services.extras[WHATSAPP_SETTINGS] = WhatsAppSettings(
            token=double.token, phone_number_id=double.phone_number_id,
            app_secret=double.app_secret, verify_token=double.verify_token,
            base_url=double.base_url, api_version=double.version)
        dialogue_core(services).flood = FloodControl(burst=10_000, per_minute=600_000)
        app = create_app(settings, services=services,
                         components=lambda s: [WhatsAppComponent(s)])

        @app.post("/bench/ok")
        async def ok() -> Response:
            return Response(status_code=200)

        webhook: list[float] = []
        bare: list[float] = []
        status_times: list[float] = []
        statements = {"count": 0, "counting": False}

        def count(*_args: object) -> None:
            if statements["counting"]:
                statements["count"] += 1

        event.listen(services.db.engine.sync_engine, "before_cursor_execute", count)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                wa_ids = [f"57300{index:07d}" for index in range(chats)]
                for number in range(requests):
                    wa_id = wa_ids[number % chats]
                    body, headers = double.text_from(wa_id, TEXTS[number % len(TEXTS)])
                    before = len(double.sent)
                    start = time.perf_counter()
                    response = await client.post("/whatsapp/webhook", content=body,
                                                 headers=headers)
                    webhook.append(time.perf_counter() - start)
                    assert response.status_code == 200, response.text
                    assert len(double.sent) > before, "no reply reached the double"
                    statements["counting"] = True
                    for sent in double.sent[before:]:
                        for kind in ("sent", "delivered", "read"):
                            body, headers = double.signed(double.status_of(sent, kind))
                            start = time.perf_counter()
                            response = await client.post("/whatsapp/webhook", content=body,
                                                         headers=headers)
                            status_times.append(time.perf_counter() - start)
                            assert response.status_code == 200, response.text
                    statements["counting"] = False
                    start = time.perf_counter()
                    response = await client.post("/bench/ok")
                    bare.append(time.perf_counter() - start)
                    assert response.status_code == 200
        replies = len(double.sent)
        assert not double.violations and not double.window_violations
        if pg and schema:
            import asyncpg

            conn = await asyncpg.connect(dsn)
            await conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
            await conn.close()
    return {
        "database": "postgresql" if pg else "sqlite", "requests": requests, "chats": chats,
        "replies": replies,
        "webhook_p50_ms": round(statistics.median(webhook) * 1000, 2),
        "webhook_p95_ms": round(percentile(webhook, 0.95) * 1000, 2),
        "status_p50_ms": round(statistics.median(status_times) * 1000, 2),
        "status_p95_ms": round(percentile(status_times, 0.95) * 1000, 2),
        "status_sql_per_request": round(statements["count"] / requests, 2),
        "bare_p50_ms": round(statistics.median(bare) * 1000, 2),
        "bare_p95_ms": round(percentile(bare, 0.95) * 1000, 2),
        "machine": f"{platform.machine()} {platform.processor() or ''} "
                   f"cpus={__import__('os').cpu_count()} python={platform.python_version()}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--chats", type=int, default=40)
    parser.add_argument("--pg", default=None, help="postgresql+asyncpg://… (default: SQLite)")
    args = parser.parse_args()
    print(asyncio.run(run(args.requests, args.chats, args.pg)))


if __name__ == "__main__":
    main()
