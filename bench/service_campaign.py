"""A campaign through the whole service while people write to the bot (issue #13).

Run from the repo root: ``python -m bench.service_campaign [--people 2000] [--rate 30]
[--replies 0.1] [--busy] [--no-postgres]``.

Three processes: the Telegram double (``python -m tests.fakes.telegram``) counting sends in a
strict sliding 1-second window (at most L admitted in ANY second, no burst, 429 with
``retry_after`` beyond, and Telegram's per-chat limit of 1/s with bursts of 3); the real service
(``create_app``, role ``all``: campaign engine, bot polling with ``getUpdates``, scheduler, one
limiter shared by replies and pieces) on a SQLite file or a fresh PostgreSQL schema; and this
driver. The driver seeds ``--people`` subscribers and a one-piece campaign sent now; once the
service is up, ``--replies`` of the recipients write «hola» to the bot, spread over the time the
campaign should take, and the bot answers each through the same limiter. ``--busy`` keeps one
core busy with a second process meanwhile.

The reference is the configured limit L itself: achieved campaign rate ÷ L (first to last piece
admitted, as the double saw them), the busiest 1-second window of all the bot's message requests
÷ L (admitted or refused), 429s, lost and duplicated pieces (per chat, from the double's
records), replies answered and their wait (from the push of «hola» to the double receiving the
answer).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import pairwise
from pathlib import Path

import httpx

from bench.bot_webhook import free_port
from bench.campaigns_send import PG_URL, Databases, campaign, settings_for
from bench.ratelimit import busiest_window
from tests.fakes.telegram.limits import RateLimits
from tests.fakes.telegram.remote import RemoteTelegramDouble

ROOT = Path(__file__).resolve().parents[1]
FIRST_CHAT = 10_000
METRICS_TOKEN = "bench-metrics-token-0123"
SERVE = f"""
import logging, sys
import uvicorn
from api.app import create_app
from nucleo.db import Database
from nucleo.services import Services
from nucleo.settings import load_settings
port, token, base_url, database_url, schema, data_dir, rate, role = sys.argv[1:9]
logging.basicConfig(level=logging.WARNING)
settings = load_settings(telegram_token=token, telegram_base_url=base_url,
                         telegram_rate=float(rate), database_url=database_url, data_dir=data_dir,
                         secret_key="bench-secret-key-0123456789abcdef",
                         metrics_token="{METRICS_TOKEN}",
                         asset_reminders=False)  # no start-up sweep that depends on the hour
services = Services(settings=settings, db=Database(settings.resolved_database_url,
                                                   schema=schema or None))
uvicorn.run(create_app(settings, role=role, services=services), host="127.0.0.1",
            port=int(port), log_level="warning", access_log=False)
"""
MESSAGE_METHODS = ("sendPhoto", "sendMessage")


def start_service(tg: RemoteTelegramDouble, database_url: str, schema: str, folder: str,
                  rate: float, extra_env: dict[str, str] | None = None,
                  role: str = "all") -> tuple[subprocess.Popen[bytes], int]:
    """The service in its own process (``create_app`` under uvicorn); returns once /health
    answers."""
    port = free_port()
    service = subprocess.Popen([sys.executable, "-c", SERVE, str(port), tg.token, tg.base_url,
                                database_url, schema, folder, str(rate), role], cwd=ROOT,
                               env={**os.environ, **(extra_env or {})})
    deadline = time.monotonic() + 180  # a busy machine starts slowly
    while True:
        if service.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the service did not start")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health").status_code == 200:
                return service, port
        except httpx.HTTPError:
            pass
        time.sleep(0.2)


def leads(port: int) -> bool:
    """Whether the service on ``port`` says (``/metrics``) it is the leader."""
    try:
        body = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=2,
                         headers={"Authorization": f"Bearer {METRICS_TOKEN}"}).text
    except httpx.HTTPError:
        return False
    return any(line.startswith("valor_leader ") and float(line.split()[1]) == 1
               for line in body.splitlines())


def records(tg: RemoteTelegramDouble) -> list[dict]:
    out = []
    for method in MESSAGE_METHODS:
        for r in tg.requests_for(method=method):
            r["chat"] = int(r["params"].get("chat_id", 0))
            out.append(r)
    return sorted(out, key=lambda r: r["time"])


def answered(tg: RemoteTelegramDouble, pushed: dict[int, float]) -> dict[int, float]:
    """Each replier's first admitted answer after its «hola»: seconds of wait."""
    waits: dict[int, float] = {}
    for r in tg.requests_for(method="sendMessage"):
        chat = int(r["params"].get("chat_id", 0))
        if r["status"] == 200 and chat in pushed and chat not in waits \
                and r["time"] >= pushed[chat]:
            waits[chat] = r["time"] - pushed[chat]
    return waits


async def one_run(kind: str, dbs: Databases, folder: Path, people: int, rate: float,
                  share: float, extra_env: dict[str, str]) -> dict[str, float]:
    chats = range(FIRST_CHAT, FIRST_CHAT + people)
    repliers = list(chats)[::max(1, round(1 / share))] if share > 0 else []
    with RemoteTelegramDouble.spawn() as tg:
        tg.set_rate_limits(RateLimits(global_per_second=rate, strict_window=True))
        db = await dbs.make(kind)
        settings = settings_for(folder, tg, rate)
        await campaign(db, settings, people, FIRST_CHAT)  # deliveries due now
        await db.dispose()
        database_url = PG_URL if kind == "postgresql" else str(db.url)
        schema = dbs.schemas[-1] if kind == "postgresql" else ""
        service, _ = start_service(tg, database_url, schema, str(folder), rate, extra_env)
        pushed: dict[int, float] = {}
        try:
            expected = people / rate
            gap = expected / max(len(repliers), 1) * 0.9
            for chat in repliers:
                pushed[chat] = time.monotonic()  # before: the answer may come back first
                await asyncio.to_thread(tg.push_text, chat_id=chat, text="hola")
                await asyncio.sleep(gap)
            deadline = time.monotonic() + 3 * expected + 30
            while time.monotonic() < deadline:
                # the double's counter first: reading all its records stops it for ~0.4 s,
                # and the requests that arrive meanwhile are then admitted in a bunch (a
                # receiver stall this driver would cause once a second)
                if tg.stats()["sent"] >= people + len(pushed):
                    done = sum(1 for r in tg.requests_for(method="sendPhoto")
                               if r["status"] == 200)
                    if done >= people and len(answered(tg, pushed)) >= len(pushed):
                        break
                await asyncio.sleep(1.0)
        finally:
            service.terminate()
            service.wait(timeout=30)
        sent = records(tg)
        waits = answered(tg, pushed)
    if os.environ.get("VALOR_BENCH_DUMP"):  # the double's records, for a closer look
        Path(os.environ["VALOR_BENCH_DUMP"]).write_text(json.dumps(sent))
    photos = [r for r in sent if r["method"] == "sendPhoto" and r["chat"] in chats]
    ok = [r for r in photos if r["status"] == 200]
    per_chat = Counter(r["chat"] for r in ok)
    span = ok[-1]["time"] - ok[0]["time"] if len(ok) > 1 else float("nan")
    in_span = [r for r in sent if r["status"] == 200 and ok and
               ok[0]["time"] <= r["time"] <= ok[-1]["time"]]
    refused = sum(1 for r in sent if r["status"] == 429)
    admitted = [r["time"] for r in sent if r["status"] == 200]
    window_full = sum(1 for r in sent if r["status"] == 429 and bisect_right(admitted, r["time"])
                      - bisect_left(admitted, r["time"] - 1.0 + 1e-9) >= rate)
    stalls = [b - a for a, b in pairwise(admitted) if b - a > 0.3]
    wait_list = sorted(waits.values())
    return {
        "pieces": len(ok), "lost": sum(1 for c in chats if per_chat[c] == 0),
        "duplicates": sum(n - 1 for n in per_chat.values() if n > 1),
        "campaign_rate": (len(ok) - 1) / span / rate if span else float("nan"),
        "all_rate": (len(in_span) - 1) / span / rate if span else float("nan"),
        "busiest": busiest_window([r["time"] for r in sent]) / rate,
        "429": refused, "429_share": refused / max(len(sent), 1),
        "429_window": window_full,
        "stalls": len(stalls), "stalled": sum(stalls),
        "replies": len(pushed), "answered": len(waits),
        "wait_p50": statistics.median(wait_list) if wait_list else float("nan"),
        "wait_p95": wait_list[int(0.95 * (len(wait_list) - 1))] if wait_list else float("nan"),
    }


def report(kind: str, r: dict[str, float], rate: float, busy: bool) -> None:
    print(f"\n## {kind}, L = {rate:g}/s{', con un segundo proceso ocupando un núcleo' if busy else ''}")
    print(f"- piezas admitidas {r['pieces']:.0f}; perdidas {r['lost']:.0f}; duplicadas "
          f"{r['duplicates']:.0f}")
    print(f"- tasa de la campaña {r['campaign_rate']:.3f} × L; todos los mensajes (piezas + "
          f"respuestas) {r['all_rate']:.3f} × L")
    print(f"- ventana de 1 s más cargada de los pedidos (admitidos o no) {r['busiest']:.3f} × L")
    print(f"- 429: {r['429']:.0f} ({100 * r['429_share']:.2f} % de los pedidos; "
          f"{r['429_window']:.0f} con la ventana de 1 s del receptor ya llena, los demás por el "
          f"límite del chat); pausas de más de 0,3 s sin ningún envío: {r['stalls']:.0f}, "
          f"{r['stalled']:.1f} s en total")
    print(f"- respuestas del bot: {r['answered']:.0f} de {r['replies']:.0f}; espera p50 "
          f"{1000 * r['wait_p50']:.0f} ms, p95 {1000 * r['wait_p95']:.0f} ms")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=30.0)
    parser.add_argument("--replies", type=float, default=0.1)
    parser.add_argument("--busy", action="store_true")
    parser.add_argument("--margin", type=float, default=None,
                        help="VALOR_TELEGRAM_MARGIN for the service (default: its own, 0.03 s)")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    kinds = ["sqlite"] if args.no_postgres else ["sqlite", "postgresql"]
    print(f"# Campaña por el servicio completo — {time.strftime('%Y-%m-%d %H:%M %Z')}, "
          f"{platform.node()}, {os.cpu_count()} núcleos, carga {os.getloadavg()[0]:.1f}; "
          f"{args.people} suscriptores, {args.replies:.0%} escriben al bot")
    extra_env = {} if args.margin is None else {"VALOR_TELEGRAM_MARGIN": str(args.margin)}
    if args.margin is not None:
        print(f"VALOR_TELEGRAM_MARGIN={args.margin:g}")
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if args.busy else None
    try:
        with tempfile.TemporaryDirectory() as tmp:
            dbs = Databases(Path(tmp))
            try:
                for kind in kinds:
                    folder = Path(tmp) / kind
                    folder.mkdir()
                    result = await one_run(kind, dbs, folder, args.people, args.rate,
                                           args.replies, extra_env)
                    report(kind, result, args.rate, args.busy)
            finally:
                await dbs.drop()
    finally:
        if busy is not None:
            busy.kill()


if __name__ == "__main__":
    asyncio.run(main())
