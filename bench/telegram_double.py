"""Throughput of the Telegram double, as a ratio against a trivial endpoint served the same way.

Run from the repo root: ``python -m bench.telegram_double [--requests N] [--concurrency C]``.
Both servers run in their own process (uvicorn + httptools + uvloop); the load comes from a raw
keep-alive asyncio client sending PTB-shaped urlencoded sendMessage requests, then from the real
python-telegram-bot Bot (whose own client cost dominates that figure).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import uvloop
from telegram import Bot
from telegram.request import HTTPXRequest

from tests.fakes.telegram.remote import RemoteTelegramDouble

ROOT = Path(__file__).resolve().parents[1]
REFERENCE_SERVER = """
import sys, threading
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route
from tests.fakes.telegram.runner import ServerThread
BODY = b'{"ok":true,"result":true}'
async def ok(request):
    await request.body()
    return Response(BODY, media_type="application/json")
server = ServerThread(Starlette(routes=[Route("/bot{token}/{method}", ok, methods=["POST"])]))
server.start()
print(f"READY http://127.0.0.1:{server.port}", flush=True)
sys.stdin.read()
server.stop()
"""


async def _connection(host: str, port: int, path: str, bodies, statuses: list[int]) -> None:
    """One keep-alive HTTP/1.1 connection sending PTB-shaped urlencoded posts."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        for body in bodies:
            writer.write(
                f"POST {path} HTTP/1.1\r\nHost: {host}\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {len(body)}\r\n\r\n".encode() + body
            )
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
            await reader.readexactly(length)
            statuses.append(int(head[9:12]))
    finally:
        writer.close()


async def hammer(url: str, requests: int, concurrency: int) -> float:
    """Send ``requests`` sendMessage posts over ``concurrency`` connections; return req/s.

    A raw asyncio client (httpx alone tops out near 600 req/s on this machine).
    """
    parsed = urlsplit(url)
    markup = json.dumps({"inline_keyboard": [[{"text": "Sí", "callback_data": "si"}]]})
    bodies = iter([
        urlencode({"chat_id": str(1000 + i % 500), "text": f"Mensaje {i}",
                   "reply_markup": markup}).encode()
        for i in range(requests)
    ])
    statuses: list[int] = []
    start = time.perf_counter()
    await asyncio.gather(*(
        _connection(parsed.hostname, parsed.port, parsed.path, bodies, statuses)
        for _ in range(concurrency)
    ))
    elapsed = time.perf_counter() - start
    assert statuses.count(200) == requests, f"non-200 answers: {set(statuses)}"
    return requests / elapsed


async def ptb_rate(base_url: str, token: str, requests: int, concurrency: int) -> float:
    """Send ``requests`` messages through the real PTB Bot; return messages/s."""
    request = HTTPXRequest(connection_pool_size=concurrency)
    async with Bot(token, base_url=base_url, request=request) as bot:
        counter = iter(range(requests))

        async def worker() -> None:
            for i in counter:
                await bot.send_message(1000 + i % 500, f"Mensaje {i}")

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return requests / (time.perf_counter() - start)


def main() -> None:
    """Measure and print figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    ref = subprocess.Popen([sys.executable, "-c", REFERENCE_SERVER], cwd=ROOT,
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        ref_url = ref.stdout.readline().split()[1]
        uvloop.run(hammer(f"{ref_url}/botX/sendMessage", 500, args.concurrency))  # warm-up
        reference = uvloop.run(hammer(f"{ref_url}/botX/sendMessage", args.requests,
                                       args.concurrency))
    finally:
        ref.stdin.close()
        ref.wait()
    with RemoteTelegramDouble.spawn(unlimited=True) as tg:
        url = f"{tg.base_url}{tg.token}/sendMessage"
        uvloop.run(hammer(url, 500, args.concurrency))  # warm-up
        double = uvloop.run(hammer(url, args.requests, args.concurrency))
        via_ptb = asyncio.run(ptb_rate(tg.base_url, tg.token, args.requests, args.concurrency))
        stats = tg.stats()
    print(f"trivial endpoint (reference): {reference:8.0f} req/s")
    print(f"Telegram double, raw client:  {double:8.0f} req/s = {double / reference:.2f} x ref")
    print(f"Telegram double, real PTB:    {via_ptb:8.0f} msg/s = {via_ptb / reference:.2f} x ref")
    print(f"double stats: {stats}")


if __name__ == "__main__":
    main()
