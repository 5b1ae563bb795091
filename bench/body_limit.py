"""A 400 MB chunked body against the service: memory and time until it is refused.

Run from the repo root: ``python -m bench.body_limit [--mb 400] [--path /chat/api/messages]``.

Two service processes (uvicorn + httptools, SQLite file), one after the other: the service as
it ships (``nucleo.web.body_limit`` refuses past 1 MB), and the reference, the same service with
the limit taken out, which reads the body whole before answering. A raw socket client sends the
body in 1 MB chunks as fast as the server takes them and stops at the first byte of answer. The
figures are the server's peak resident memory (``VmHWM``) before and after, the time until the
answer and the bytes the client got to send.
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench.bot_webhook import free_port

ROOT = Path(__file__).resolve().parents[1]
MEGABYTE = 1024 * 1024
SERVE = """
import logging, sys
import uvicorn
port, data_dir, limited = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
import api.wiring
if not limited:
    class NoLimit:
        def __init__(self, app, **_kwargs):
            self.app = app
        async def __call__(self, scope, receive, send):
            await self.app(scope, receive, send)
    api.wiring.BodyLimit = NoLimit
from api.app import create_app
from nucleo.settings import load_settings
logging.basicConfig(level=logging.WARNING)
settings = load_settings(data_dir=data_dir, secret_key="bench-secret-key-0123456789abcdef")
uvicorn.run(create_app(settings, components=lambda _s: []), host="127.0.0.1", port=int(port),
            http="httptools", log_level="warning", access_log=False)
"""


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


async def send_chunked(port: int, path: str, total: int) -> tuple[str, float, int]:
    """POST ``total`` bytes chunked; return the status line, seconds to it, bytes sent."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write((f"POST {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
                  "Transfer-Encoding: chunked\r\n\r\n").encode())
    chunk = b"%x\r\n" % MEGABYTE + b"x" * MEGABYTE + b"\r\n"
    answer = asyncio.ensure_future(reader.readline())
    sent = 0
    start = time.perf_counter()
    try:
        while sent < total and not answer.done():
            writer.write(chunk)
            await writer.drain()
            sent += MEGABYTE
        if not answer.done():
            writer.write(b"0\r\n\r\n")
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    status = (await answer).decode().strip()
    elapsed = time.perf_counter() - start
    writer.close()
    return status, elapsed, sent


def run(limited: bool, path: str, total: int) -> dict[str, float | str]:
    with tempfile.TemporaryDirectory() as folder:
        port = free_port()
        service = subprocess.Popen([sys.executable, "-c", SERVE, str(port), folder,
                                    "1" if limited else "0"], cwd=ROOT)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).raise_for_status()
                    break
                except httpx.HTTPError:
                    if time.monotonic() > deadline or service.poll() is not None:
                        raise RuntimeError("the service did not start") from None
                    time.sleep(0.2)
            before = peak_rss_mb(service.pid)
            status, seconds, sent = asyncio.run(send_chunked(port, path, total))
            after = peak_rss_mb(service.pid)
        finally:
            service.terminate()
            service.wait(timeout=30)
    return {"status": status, "seconds": seconds, "sent_mb": sent / MEGABYTE,
            "before_mb": before, "peak_mb": after}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=400)
    parser.add_argument("--path", default="/chat/api/messages")
    args = parser.parse_args()
    limited = run(True, args.path, args.mb * MEGABYTE)
    whole = run(False, args.path, args.mb * MEGABYTE)
    print(f"Cuerpo fragmentado de {args.mb} MB a {args.path}")
    print(f"{'escenario':<32}{'respuesta':>40}{'s':>8}{'MB enviados':>13}"
          f"{'RSS antes':>11}{'RSS pico':>10}")
    for label, row in (("con límite (1 MB)", limited), ("leído entero (referencia)", whole)):
        print(f"{label:<32}{row['status']:>40}{row['seconds']:>8.2f}{row['sent_mb']:>13.0f}"
              f"{row['before_mb']:>11.0f}{row['peak_mb']:>10.0f}")
    grew = (limited["peak_mb"] - limited["before_mb"]), (whole["peak_mb"] - whole["before_mb"])
    print(f"Crecimiento de memoria: {grew[0]:.0f} MB frente a {grew[1]:.0f} MB; "
          f"tiempo hasta la respuesta: {limited['seconds'] / whole['seconds']:.4f} x referencia")


if __name__ == "__main__":
    main()
