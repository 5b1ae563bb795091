"""The bot in webhook mode, end to end: HTTP in, dialogue, database, reply out to the double.

Run from the repo root: ``python -m bench.bot_webhook [--rate 50] [--seconds 10] [--pg URL]``.

Three processes: the Telegram double (``python -m tests.fakes.telegram --unlimited``), the
service (uvicorn + uvloop + httptools, SQLite file or a fresh PostgreSQL schema) and this load
generator (a raw keep-alive asyncio HTTP client). The webhook answers after PTB processed the
update, so a request's latency covers the dedup insert, the dialogue core's transaction and the
replies sent to the double. The reference is a bare FastAPI endpoint answering 200 in the same
service process, measured in the same run with the same client.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import httpx
import uvloop

from tests.fakes.telegram.remote import RemoteTelegramDouble

ROOT = Path(__file__).resolve().parents[1]
SECRET = "bench-secret_123"
SERVE = f"""
import asyncio, logging, sys
import uvicorn
from fastapi import Response
from api.app import create_app
from nucleo.db import Database
from nucleo.services import Services
from nucleo.settings import load_settings
port, token, base_url, database_url, schema, data_dir = sys.argv[1:7]
logging.basicConfig(level=logging.WARNING)
settings = load_settings(telegram_token=token, telegram_base_url=base_url,
                         telegram_webhook_url=f"http://127.0.0.1:{{port}}/telegram/webhook",
                         telegram_webhook_secret="{SECRET}", telegram_rate=1000,
                         database_url=database_url, data_dir=data_dir,
                         secret_key="bench-secret-key-0123456789abcdef")
services = Services(settings=settings, db=Database(settings.resolved_database_url,
                                                   schema=schema or None))
app = create_app(settings, services=services)
@app.post("/bench/ok")
async def ok() -> Response:
    return Response(status_code=200)
uvicorn.run(app, host="127.0.0.1", port=int(port), loop="uvloop", http="httptools",
            log_level="warning", access_log=False)
"""


class Pool:
    """Keep-alive HTTP/1.1 connections; one request at a time per connection."""

    def __init__(self, port: int, size: int) -> None:
        self.port, self.size = port, size
        self.free: asyncio.Queue[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = \
            asyncio.Queue()

    async def open(self) -> None:
        for _ in range(self.size):
            self.free.put_nowait(await asyncio.open_connection("127.0.0.1", self.port))

    async def post(self, path: str, body: bytes) -> tuple[int, float]:
        reader, writer = await self.free.get()
        start = time.perf_counter()
        try:
            writer.write(
                f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                f"X-Telegram-Bot-Api-Secret-Token: {SECRET}\r\n"
                f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
            head = await reader.readuntil(b"\r\n\r\n")
            lower = head.lower()
            length = int(lower.split(b"content-length:")[1].split(b"\r\n")[0]) \
                if b"content-length:" in lower else 0
            if length:
                await reader.readexactly(length)
            return int(head[9:12]), time.perf_counter() - start
        finally:
            self.free.put_nowait((reader, writer))

    def close(self) -> None:
        while not self.free.empty():
            self.free.get_nowait()[1].close()


class Updates:
    """Telegram-shaped updates with fresh update ids: /start from new chats, menu taps."""

    def __init__(self) -> None:
        self.next_id = int(time.time())
        self.chat = 10_000_000

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    def start(self) -> bytes:
        self.chat += 1
        user = {"id": self.chat, "is_bot": False, "first_name": "Ana"}
        return json.dumps({"update_id": self._id(), "message": {
            "message_id": 1, "date": int(time.time()), "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}], "from": user,
            "chat": {"id": self.chat, "type": "private", "first_name": "Ana"}}}).encode()

    def tap(self, chat: int) -> bytes:
        user = {"id": chat, "is_bot": False, "first_name": "Ana"}
        message = {"message_id": 2, "date": int(time.time()), "text": "¿Qué quiere hacer?",
                   "chat": {"id": chat, "type": "private", "first_name": "Ana"},
                   "from": {"id": 1, "is_bot": True, "first_name": "Bot"}}
        return json.dumps({"update_id": self._id(), "callback_query": {
            "id": str(self._id()), "from": user, "message": message, "chat_instance": "1",
            "data": "menu:ver"}}).encode()


async def fixed_rate(pool: Pool, path: str, make: Callable[[], bytes], rate: float,
                     seconds: float) -> dict[str, float]:
    """Open loop: offer ``rate`` requests/s for ``seconds``; latency and achieved rate."""
    latencies: list[float] = []
    errors = 0

    async def one(body: bytes) -> None:
        nonlocal errors
        status, latency = await pool.post(path, body)
        if status == 200:
            latencies.append(latency)
        else:
            errors += 1

    tasks, start = [], time.perf_counter()
    total = int(rate * seconds)
    for i in range(total):
        delay = start + i / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(make())))
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    latencies.sort()
    return {"offered": rate, "achieved": len(latencies) / elapsed, "errors": errors,
            "p50": statistics.median(latencies) * 1000,
            "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000}


async def saturate(pool: Pool, path: str, make: Callable[[], bytes], count: int) -> float:
    """Closed loop: as fast as the pool allows; requests/s."""
    start = time.perf_counter()
    results = await asyncio.gather(*(pool.post(path, make()) for _ in range(count)))
    assert all(status == 200 for status, _ in results), {s for s, _ in results}
    return count / (time.perf_counter() - start)


async def measure(port: int, rate: float, seconds: float, connections: int) -> dict:
    pool = Pool(port, connections)
    await pool.open()
    updates = Updates()

    def ok() -> bytes:
        return b"{}"

    try:
        await saturate(pool, "/bench/ok", ok, 500)                          # warm-up
        await saturate(pool, "/telegram/webhook", updates.start, 200)
        first_chat = updates.chat + 1
        results = {"reference": await fixed_rate(pool, "/bench/ok", ok, rate, seconds),
                   "start": await fixed_rate(pool, "/telegram/webhook", updates.start, rate,
                                             seconds)}
        chats = iter(range(first_chat, updates.chat + 1))
        results["menu"] = await fixed_rate(pool, "/telegram/webhook",
                                           lambda: updates.tap(next(chats)), rate, seconds)
        results["max_reference"] = await saturate(pool, "/bench/ok", ok, 3000)
        results["max_start"] = await saturate(pool, "/telegram/webhook", updates.start, 1500)
        chats = iter(range(first_chat, updates.chat + 1))
        results["max_menu"] = await saturate(pool, "/telegram/webhook",
                                             lambda: updates.tap(next(chats)), 1500)
        return results
    finally:
        pool.close()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare_database(pg: str | None, folder: str) -> tuple[str, str]:
    """A fresh database: SQLite file (migrated by the service) or a new PostgreSQL schema."""
    if not pg:
        return f"sqlite:///{folder}/bench.db", ""
    import asyncpg

    schema = "bench_" + uuid.uuid4().hex[:8]

    async def create() -> None:
        conn = await asyncpg.connect(pg.replace("postgresql+asyncpg://", "postgresql://"))
        await conn.execute(f'CREATE SCHEMA "{schema}"')
        await conn.close()

    asyncio.run(create())
    return pg, schema


def main() -> None:
    """Start the double and the service, measure, print figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=50.0, help="offered updates per second")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--pg", default=os.environ.get("VALOR_BENCH_PG_URL"),
                        help="postgresql://... (default: SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, \
            RemoteTelegramDouble.spawn(unlimited=True, record_requests=False) as tg:
        database_url, schema = prepare_database(args.pg, folder)
        port = free_port()
        service = subprocess.Popen([sys.executable, "-c", SERVE, str(port), tg.token,
                                    tg.base_url, database_url, schema, folder], cwd=ROOT)
        try:
            deadline = time.monotonic() + 60
            while tg.webhook_url != f"http://127.0.0.1:{port}/telegram/webhook":
                if time.monotonic() > deadline or service.poll() is not None:
                    raise RuntimeError("the service did not start")
                time.sleep(0.1)
            httpx.get(f"http://127.0.0.1:{port}/health").raise_for_status()
            results = uvloop.run(measure(port, args.rate, args.seconds, args.connections))
        finally:
            service.terminate()
            service.wait(timeout=30)
    report(results, "PostgreSQL" if args.pg else "SQLite")


def report(r: dict, backend: str) -> None:
    ref = r["reference"]
    print(f"Base de datos: {backend}. Carga ofrecida: {ref['offered']:.0f}/s.")
    print(f"{'escenario':<28}{'logrado/s':>10}{'p50 ms':>9}{'p95 ms':>9}{'p50/ref':>9}"
          f"{'errores':>9}")
    for name, label in (("reference", "FastAPI 200 (referencia)"), ("start", "/start"),
                        ("menu", "toque de menú")):
        row = r[name]
        print(f"{label:<28}{row['achieved']:>10.1f}{row['p50']:>9.2f}{row['p95']:>9.2f}"
              f"{row['p50'] / ref['p50']:>9.1f}{row['errors']:>9.0f}")
    print("Máximo sostenido (lazo cerrado):")
    for name, label in (("max_reference", "FastAPI 200 (referencia)"), ("max_start", "/start"),
                        ("max_menu", "toque de menú")):
        print(f"  {label:<26}{r[name]:>9.0f}/s = {r[name] / r['max_reference']:.3f} x ref")


if __name__ == "__main__":
    main()
