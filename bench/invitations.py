"""Directory invitations (#17): import 5,000 people, queue 5,000 personal invitations and send
them through a real SMTP server (aiosmtpd, in a process of its own) with the delivery engine.

Run from the repo root: ``python -m bench.invitations [--people 5000] [--rate 0] [--no-postgres]``.

Per database (SQLite file, then a fresh PostgreSQL schema):

* **Import**: the directory CSV through ``import_people`` (search and sort keys, dependencias).
* **Queue**: ``invite_directory`` (selection, a nonce for each person, the campaign, one
  delivery per person, audit), in one transaction. Reference in the same run, same table: one
  bare ``INSERT … VALUES`` executemany of the same number of delivery rows (another channel
  name, deleted right after), the least any queueing can cost.
* **Send**: the engine drains the campaign; each e-mail carries its own signed links (t.me and
  web chat). Progress is sampled from the database once a second while it runs. ``--rate``
  sets ``VALOR_EMAIL_RATE`` (0: the server's pace) and the achieved rate is compared with it.
  Reference: a bare aiosmtplib loop (one connection, no database) building the same messages.
  The SMTP server counts what it received: lost and duplicated are computed from its log.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import tempfile
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import aiosmtplib
from sqlalchemy import delete, func, insert, select

from bench.campaigns_send import NOW, Databases
from bench.email_send import SENDER, figures, smtp_sink
from campañas import messages as msg
from campañas.audience import EMAIL
from campañas.delivery import DeliveryEngine, Lane
from campañas.invitations import DirectorySelection, invite_directory
from campañas.models import Delivery
from campañas.senders.base import OutgoingDelivery
from campañas.senders.email import INVITATION_MARK, WEB_INVITATION_MARK, EmailSender, build_message
from campañas.store import DeliveryStore
from nucleo.db import Database
from nucleo.directory.importer import import_people
from nucleo.directory.link import invitation_links
from nucleo.signing import Signer

USERNAME = "valor_bot"
PUBLIC = "https://valor.alcaldia.gov.co"
DEPARTMENTS = [f"Secretaría {n}" for n in ("de Hacienda", "de Salud", "de Gobierno",
                                            "de Educación", "de Planeación", "General")]


def directory_csv(n: int, prefix: str) -> bytes:
    rows = "".join(f"Persona {i} Apellido;{10_000_000 + i};{prefix}{i}@alcaldia.gov.co;"
                   f"{DEPARTMENTS[i % len(DEPARTMENTS)]};servidor\n" for i in range(n))
    return ("nombre;documento;correo;dependencia;tipo\n" + rows).encode()


async def queue(db: Database, settings) -> tuple[float, int]:
    async with db.session() as session:
        started = time.perf_counter()
        run = await invite_directory(session, DirectorySelection(), settings=settings, now=NOW)
        return time.perf_counter() - started, run.targeted


async def bare_insert(db: Database) -> float:
    """The same number of delivery rows, one executemany INSERT, then removed."""
    async with db.session() as session:
        rows = (await session.execute(select(Delivery.run_id, Delivery.piece_id,
                                             Delivery.person_id))).all()
        started = time.perf_counter()
        await session.execute(insert(Delivery), [
            {"run_id": r, "piece_id": p, "person_id": who, "channel": "bench",
             "state": "pendiente", "attempts": 0, "next_attempt_at": NOW, "created_at": NOW}
            for r, p, who in rows])
        await session.commit()
        elapsed = time.perf_counter() - started
        await session.execute(delete(Delivery).where(Delivery.channel == "bench"))
        await session.commit()
    return elapsed


async def progress(db: Database, n: int, samples: list[tuple[float, int]]) -> None:
    started = time.perf_counter()
    while True:
        await asyncio.sleep(1)
        async with db.session() as session:
            sent = (await session.execute(select(func.count()).select_from(Delivery).where(
                Delivery.state == "enviada"))).scalar_one()
        samples.append((time.perf_counter() - started, int(sent)))
        if sent >= n:
            return


async def send(db: Database, settings, signer: Signer, n: int) -> tuple[float, list]:
    sender = EmailSender(
        settings, links=lambda person, _nonce: f"{PUBLIC}/baja/{person}",
        invitation=lambda person, nonce: invitation_links(signer, USERNAME, PUBLIC, person,
                                                          nonce))
    lane = Lane.pooled(sender, settings.email_rate, settings.email_concurrency)
    engine = DeliveryEngine(DeliveryStore(db, "bench"), {EMAIL: lane}, clock=lambda: NOW)
    samples: list[tuple[float, int]] = []
    watcher = asyncio.create_task(progress(db, n, samples))
    started = time.perf_counter()
    await engine.drain()
    elapsed = time.perf_counter() - started
    watcher.cancel()
    await sender.close()
    return elapsed, samples


async def bare_send(settings, signer: Signer, n: int, prefix: str) -> float:
    """One aiosmtplib connection, the same invitation messages (links signed for each), no
    database."""
    text = msg.DIRECTORY_INVITATION_TEXT.format(
        entity=settings.entity_name, link=INVITATION_MARK,
        web=msg.DIRECTORY_INVITATION_WEB.format(link=WEB_INVITATION_MARK))
    template = OutgoingDelivery(delivery_id=None, channel=EMAIL, piece_id=1, value_name="",
                                caption_html=text, image_path="", image_mime="", file_id=None,
                                buttons=())
    started = time.perf_counter()
    async with aiosmtplib.SMTP(hostname="127.0.0.1", port=settings.smtp_port) as client:
        for i in range(n):
            links = invitation_links(signer, USERNAME, PUBLIC, i + 1, 1234)
            caption = text.replace(INVITATION_MARK, links.telegram).replace(
                WEB_INVITATION_MARK, links.web or "")
            delivery = replace(template, delivery_id=i + 1, email=f"{prefix}{i}@alcaldia.gov.co",
                               full_name=f"Persona {i}", person_id=i + 1, caption_html=caption)
            await client.send_message(build_message(
                delivery, sender=SENDER, entity=settings.entity_name, image=None,
                unsubscribe_link=f"{PUBLIC}/baja/{i + 1}"))
    return time.perf_counter() - started


def shown(samples: list[tuple[float, int]]) -> str:
    step = max(1, len(samples) // 6)
    return ", ".join(f"{t:.0f} s: {c}" for t, c in samples[::step])


async def main() -> None:
    from nucleo.settings import load_settings

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--rate", type=float, default=0.0, help="VALOR_EMAIL_RATE (0: none)")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    kinds = ["sqlite"] if args.no_postgres else ["sqlite", "postgresql"]
    n = args.people
    print(f"# Invitaciones a {n} personas — {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, "
          f"{platform.node()}, {os.cpu_count()} núcleos, Python {platform.python_version()}, "
          f"VALOR_EMAIL_RATE={args.rate or 'sin límite'}, {args.concurrency} conexiones")
    with tempfile.TemporaryDirectory() as tmp, smtp_sink(Path(tmp)) as (port, log):
        folder = Path(tmp)
        settings = load_settings(data_dir=folder, secret_key="bench-" + "k" * 32,
                                 smtp_host="127.0.0.1", smtp_port=port, smtp_from=SENDER,
                                 smtp_tls="ninguno", email_concurrency=args.concurrency,
                                 email_rate=args.rate or None,
                                 telegram_bot_username=USERNAME, public_url=PUBLIC)
        signer = Signer(settings.secret_key.get_secret_value())
        dbs = Databases(folder)
        try:
            for kind in kinds:
                db = await dbs.make(kind)
                prefix = f"inv-{kind}-"
                started = time.perf_counter()
                async with db.session() as session:
                    await import_people(session, directory_csv(n, prefix),
                                        create_departments=True)
                imported = time.perf_counter() - started
                queued_in, queued = await queue(db, settings)
                bare_in = await bare_insert(db)
                bare = await bare_send(settings, signer, n, f"bare-{kind}-")
                ours, samples = await send(db, settings, signer, n)
                await db.dispose()
                lost, dup = figures(log, prefix, n)
                ref_lost, ref_dup = figures(log, f"bare-{kind}-", n)
                rate = n / ours
                limit = (f"; límite {args.rate:.0f}/s → {rate / args.rate:.2f} del límite"
                         if args.rate else "")
                print(f"- {kind}: importar {imported:.2f} s; poner en cola {queued} "
                      f"invitaciones {queued_in:.2f} s (referencia INSERT desnudo "
                      f"{bare_in:.2f} s, cociente {queued_in / bare_in:.1f} ×)")
                print(f"  - envío: {rate:.1f} correos/s ({ours:.2f} s){limit}; perdidos {lost}, "
                      f"duplicados {dup}; referencia aiosmtplib en bucle {n / bare:.1f}/s, "
                      f"cociente motor ÷ referencia {bare / ours:.2f} × (referencia: perdidos "
                      f"{ref_lost}, duplicados {ref_dup})")
                print(f"  - avance visto (enviadas): {shown(samples)}")
        finally:
            await dbs.drop()


if __name__ == "__main__":
    asyncio.run(main())
