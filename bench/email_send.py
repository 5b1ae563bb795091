"""E-mail campaign benchmark: 2,000 e-mails through a real SMTP server (aiosmtpd, in a process
of its own) sent by the delivery engine (claims, pooled aiosmtplib connections, outcomes in the
database) vs a bare aiosmtplib loop (one connection, same messages, no database) in the same
run. Prints the ratio, and lost / duplicated messages counted by the server.

Run from the repo root: ``python -m bench.email_send [--people 2000] [--no-postgres]``.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import platform
import socket
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import aiosmtplib
from sqlalchemy import insert

from bench.campaigns_send import NOW, Databases
from campañas import actions
from campañas.audience import EMAIL
from campañas.delivery import DeliveryEngine, Lane
from campañas.senders.base import OutgoingDelivery
from campañas.senders.email import EmailSender, InlineImage, build_message
from campañas.store import DeliveryStore
from nucleo.db import Database
from nucleo.models import Person
from nucleo.settings import load_settings

SENDER = "talento.humano@alcaldia.gov.co"


def _sink(port: int, log: str, ready: multiprocessing.synchronize.Event) -> None:
    """The SMTP server: appends each message's recipients to ``log`` (one line each)."""
    from aiosmtpd.controller import Controller

    out = open(log, "a", encoding="utf-8")  # noqa: SIM115  # open for the process's life

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            out.write("".join(f"{r}\n" for r in envelope.rcpt_tos))
            out.flush()
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


@contextmanager
def smtp_sink(folder: Path) -> Iterator[tuple[int, Path]]:
    """A real SMTP server (aiosmtpd) in its own process: (its port, the log of recipients)."""
    port, log = free_port(), folder / "recibidos.txt"
    ready = multiprocessing.Event()
    sink = multiprocessing.Process(target=_sink, args=(port, str(log), ready), daemon=True)
    sink.start()
    ready.wait(30)
    try:
        yield port, log
    finally:
        sink.terminate()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def received(log: Path, prefix: str) -> Counter[str]:
    lines = log.read_text(encoding="utf-8").split() if log.exists() else []
    return Counter(line for line in lines if line.startswith(prefix))


async def seed(db: Database, settings, n: int, prefix: str) -> None:
    async with db.session() as session:
        await session.execute(insert(Person), [
            {"full_name": f"Persona {i}", "email": f"{prefix}{i}@alcaldia.gov.co",
             "subscribed": True, "status": "activa", "source": "bench", "created_at": NOW,
             "updated_at": NOW} for i in range(n)])
        await session.commit()
    async with db.session() as session:
        created = await actions.create_campaign(session, settings=settings, name="Bench",
                                                value="honestidad", channels=["email"])
    async with db.session() as session:
        await actions.add_piece(session, settings=settings, campaign_id=created.id,
                                phrase="La honestidad es el primer capítulo del libro de la "
                                       "sabiduría", author="Thomas Jefferson")
    async with db.session() as session:
        await actions.send_now(session, settings=settings, campaign_id=created.id, now=NOW)


async def run_engine(db: Database, settings) -> float:
    """The service's own wiring for e-mail (campañas/runtime.py) draining the campaign."""
    sender = EmailSender(settings,
                         links=lambda person, _nonce: f"https://valor.example/baja/{person}")
    lane = Lane.pooled(sender, settings.email_rate, settings.email_concurrency)
    engine = DeliveryEngine(DeliveryStore(db, "bench"), {EMAIL: lane}, clock=lambda: NOW)
    started = time.perf_counter()
    await engine.drain()
    elapsed = time.perf_counter() - started
    await sender.close()
    return elapsed


async def run_bare(settings, n: int, prefix: str, image: bytes,
                   cached: bool = False) -> float:
    """One aiosmtplib connection, the same messages, no database. ``cached``: the image part
    built once, as the service's sender does; otherwise encoded for every message."""
    template = OutgoingDelivery(delivery_id=None, channel=EMAIL, piece_id=1,
                                value_name="Honestidad", caption_html="<b>La honestidad</b>",
                                image_path="pieza.png", image_mime="image/png", file_id=None,
                                buttons=())
    picture: bytes | InlineImage = InlineImage.of(
        image, "image/png", "pieza.png", piece_id=1, domain="alcaldia.gov.co") if cached else image
    started = time.perf_counter()
    async with aiosmtplib.SMTP(hostname="127.0.0.1", port=settings.smtp_port) as client:
        for i in range(n):
            delivery = replace(template, delivery_id=i + 1, email=f"{prefix}{i}@alcaldia.gov.co",
                               full_name=f"Persona {i}", person_id=i + 1)
            await client.send_message(build_message(
                delivery, sender=SENDER, entity=settings.entity_name, image=picture,
                unsubscribe_link=f"https://valor.example/baja/{i + 1}"))
    return time.perf_counter() - started


def figures(log: Path, prefix: str, n: int) -> tuple[int, int]:
    """(lost, duplicated) from what the server received."""
    counts = received(log, prefix)
    lost = sum(1 for i in range(n) if counts[f"{prefix}{i}@alcaldia.gov.co"] == 0)
    return lost, sum(c - 1 for c in counts.values() if c > 1)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    kinds = ["sqlite"] if args.no_postgres else ["sqlite", "postgresql"]
    n = args.people
    print(f"# Correo a {n} personas — {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, "
          f"{platform.node()}, {os.cpu_count()} núcleos, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp, smtp_sink(Path(tmp)) as (port, log):
        folder = Path(tmp)
        settings = load_settings(data_dir=folder, secret_key="bench-" + "k" * 32,
                                 smtp_host="127.0.0.1", smtp_port=port, smtp_from=SENDER,
                                 smtp_tls="ninguno", email_concurrency=args.concurrency)
        dbs = Databases(folder)
        try:
            bare_image = None
            for kind in kinds:
                db = await dbs.make(kind)
                prefix = f"motor-{kind}-"
                await seed(db, settings, n, prefix)
                if bare_image is None:  # the piece's rendered card, for the reference too
                    bare_image = next(folder.rglob("*.png")).read_bytes()
                bare = await run_bare(settings, n, f"bare-{kind}-", bare_image)
                cached = await run_bare(settings, n, f"cached-{kind}-", bare_image, cached=True)
                ours = await run_engine(db, settings)
                await db.dispose()
                lost, dup = figures(log, prefix, n)
                ref_lost, ref_dup = figures(log, f"bare-{kind}-", n)
                print(f"- {kind}: motor {n / ours:.1f} correos/s ({ours:.2f} s, "
                      f"{args.concurrency} conexiones); perdidos {lost}, duplicados {dup}")
                print(f"  - referencia aiosmtplib en bucle (una conexión, sin base): "
                      f"{n / bare:.1f}/s; cociente motor ÷ referencia {bare / ours:.2f} × "
                      f"(referencia: perdidos {ref_lost}, duplicados {ref_dup})")
                print(f"  - misma referencia con la imagen armada una vez, como el motor: "
                      f"{n / cached:.1f}/s; cociente {cached / ours:.2f} ×")
        finally:
            await dbs.drop()


if __name__ == "__main__":
    asyncio.run(main())
