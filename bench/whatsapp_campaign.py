"""WhatsApp campaign benchmark: the rate a campaign holds against the configured throughput
(``VALOR_WHATSAPP_RATE``), printed next to a reference measured in the same run.

Run from the repo root: ``python -m bench.whatsapp_campaign [--people 2000] [--rate 80]
[--no-postgres]``.

1. Our engine (claims, WhatsApp limiter, template sender, outcomes, wamids written) sends a
   one-piece campaign to ``people`` WhatsApp subscribers through the Cloud API double, which
   enforces a throughput a little above the limit (130429 beyond it). Achieved rate ÷ L from
   the double's own acceptance times; lost, duplicated, 130429s; then one ``delivered`` and one
   ``read`` status per message applied through the status port (rows changed counted).
2. Reference: the same limiter and the same httpx template body in a bare loop (no database,
   no engine), to the same double, same number of messages.
The double runs in a thread of this process (it shares the interpreter with the engine).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import insert

from bench.campaigns_send import Databases
from campañas import actions
from campañas.models import Campaign
from campañas.runtime import CampaignRuntime
from campañas.senders.whatsapp import IN_FLIGHT
from campañas.whatsapp_status import DeliveryStatuses
from campañas.whatsapp_template import register_template
from nucleo.models import Consent, Person
from nucleo.ports import WHATSAPP_ACCOUNT, MessageStatus, WhatsAppAccount
from nucleo.ratelimit import TelegramRateLimiter, whatsapp_limits
from nucleo.services import Services
from nucleo.settings import load_settings
from tests.fakes.whatsapp import WhatsAppDouble

NOW = datetime.now(UTC)


def wa_id(i: int) -> str:
    return f"57310{i:07d}"


async def seed(db, settings, n: int) -> None:
    from nucleo.directory.models import WhatsAppContact

    async with db.session() as session:
        await session.execute(insert(Person), [
            {"id": i + 1, "full_name": f"Persona {i}", "subscribed": True, "status": "activa",
             "source": "bench", "created_at": NOW, "updated_at": NOW} for i in range(n)])
        await session.execute(insert(WhatsAppContact), [
            {"person_id": i + 1, "wa_id": wa_id(i), "linked_at": NOW} for i in range(n)])
        await session.execute(insert(Consent), [
            {"person_id": i + 1, "purpose": "campanas", "granted": True, "notice_version": "1",
             "channel": "whatsapp", "recorded_at": NOW} for i in range(n)])
        await session.commit()
    async with db.session() as session:
        created = await actions.create_campaign(session, settings=settings, name="Bench",
                                                value="honestidad", channels=["whatsapp"])
    async with db.session() as session:
        await actions.add_piece(session, settings=settings, campaign_id=created.id,
                                phrase="La honestidad es el primer capítulo del libro de la "
                                       "sabiduría", author="Thomas Jefferson")
    async with db.session() as session:
        await register_template(session, campaign=await session.get(Campaign, created.id),
                                name="valor_de_la_semana", language="es_CO",
                                parameters=["frase", "autor"])
    async with db.session() as session:
        await actions.send_now(session, settings=settings, campaign_id=created.id, now=NOW,
                               available={"whatsapp"})


def figures(double: WhatsAppDouble, since: int, n: int) -> dict[str, float]:
    sent = double.sent[since:]
    per = Counter(m.to for m in sent)
    times = sorted(m.at.timestamp() for m in sent)
    span = times[-1] - times[0] if len(times) > 1 else float("nan")
    return {"sent": len(sent), "lost": sum(1 for i in range(n) if per[wa_id(i)] == 0),
            "duplicates": sum(c - 1 for c in per.values() if c > 1),
            "rate": (len(sent) - 1) / span if span else float("nan")}


async def engine_run(db, settings, double: WhatsAppDouble, rate: float, n: int) -> dict:
    services = Services(settings=settings, db=db)
    services.provide(WHATSAPP_ACCOUNT, WhatsAppAccount(
        f"{double.base_url}/{double.version}", double.phone_number_id, double.token, rate))
    runtime = CampaignRuntime(services, worker="bench")
    since, refused = len(double.sent), len(double.refused)
    started = time.perf_counter()
    deadline = started + max(60.0, 5 * n / rate)  # five times the ideal: something is wrong
    await runtime.engine.drain()
    pending = 0
    while runtime.engine.counts.get("rate_limited"):  # retried ones come due later
        pending = await _pending(db)
        if not pending or time.perf_counter() >= deadline:
            break
        await asyncio.sleep(0.5)
        await runtime.engine.drain()
    wall = time.perf_counter() - started
    await runtime.close()
    out = figures(double, since, n)
    out.update(wall=wall, throttled=len(double.refused) - refused, unfinished=pending)
    statuses = [MessageStatus(m.id, kind, NOW) for m in double.sent[since:]  # type: ignore[arg-type]  # kind is one of the known statuses
                for kind in ("delivered", "read")]
    port = DeliveryStatuses(db)
    started = time.perf_counter()
    known = 0
    for i in range(0, len(statuses), 200):  # a notification's worth at a time, as Meta sends
        known += len(await port.record(statuses[i:i + 200]))
    out.update(statuses=len(statuses), known=known,
               status_seconds=time.perf_counter() - started, **await _receipts(db))
    return out


async def _pending(db) -> int:
    from sqlalchemy import func, select

    from campañas.models import Delivery

    async with db.session() as session:
        return int(await session.scalar(select(func.count()).select_from(Delivery)
                                        .where(Delivery.state == "pendiente")) or 0)


async def _receipts(db) -> dict[str, int]:
    """Deliveries with their wamid stored, marked delivered and marked read."""
    from sqlalchemy import func, select

    from campañas.models import Delivery

    async with db.session() as session:
        row = (await session.execute(select(
            func.count(Delivery.wamid), func.count(Delivery.delivered_at),
            func.count(Delivery.read_at)))).one()
    return {"wamids": int(row[0]), "delivered": int(row[1]), "read": int(row[2])}


async def bare_run(double: WhatsAppDouble, rate: float, n: int) -> dict:
    limiter = TelegramRateLimiter(whatsapp_limits(rate))
    since = len(double.sent)
    async with httpx.AsyncClient(
            base_url=f"{double.base_url}/{double.version}/{double.phone_number_id}",
            headers={"Authorization": f"Bearer {double.token}"},
            limits=httpx.Limits(max_connections=IN_FLIGHT)) as http:
        async def one(i: int) -> None:
            await limiter.acquire(None)
            await http.post("/messages", json={
                "messaging_product": "whatsapp", "recipient_type": "individual",
                "to": wa_id(n + i), "type": "template", "template": {
                    "name": "valor_de_la_semana", "language": {"code": "es_CO"},
                    "components": [{"type": "body", "parameters": [
                        {"type": "text", "text": "La honestidad"},
                        {"type": "text", "text": "Thomas Jefferson"}]}]}})
        started = time.perf_counter()
        await asyncio.gather(*(one(i) for i in range(n)))
        wall = time.perf_counter() - started
    sent = double.sent[since:]
    times = sorted(m.at.timestamp() for m in sent)
    return {"sent": len(sent), "wall": wall,
            "rate": (len(sent) - 1) / (times[-1] - times[0]) if len(times) > 1 else float("nan")}


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=80.0)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    n, rate = args.people, args.rate
    print(f"# Campaña por WhatsApp — {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, "
          f"{platform.machine()}, {os.cpu_count()} núcleos (compartidos)")
    print(f"\nL = VALOR_WHATSAPP_RATE = {rate:g}/s; {n} suscriptores; el doble acepta hasta "
          f"{rate * 1.05:g}/s (ráfaga 10) y responde 130429 por encima.")
    kinds = ["sqlite"] if args.no_postgres else ["sqlite", "postgresql"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        databases = Databases(folder)
        try:
            with WhatsAppDouble(rate_per_second=rate * 1.05, burst=10) as double:
                ref = await bare_run(double, rate, n)
                print(f"- referencia (limitador + httpx, sin base ni motor): "
                      f"{ref['rate']:.2f}/s = {ref['rate'] / rate:.3f} × L "
                      f"({ref['sent']} aceptados en {ref['wall']:.2f} s)")
                for kind in kinds:
                    db = await databases.make(kind)
                    settings = load_settings(data_dir=folder, secret_key="bench-" + "k" * 32)
                    await seed(db, settings, n)
                    got = await engine_run(db, settings, double, rate, n)
                    await db.dispose()
                    print(f"- motor en {kind}: {got['rate']:.2f}/s = {got['rate'] / rate:.3f} × L"
                          f" (÷ referencia {got['rate'] / ref['rate']:.3f}); {got['sent']} "
                          f"aceptados en {got['wall']:.2f} s; perdidos {got['lost']}, "
                          f"duplicados {got['duplicates']}, 130429: {got['throttled']}; "
                          f"wamids guardados {got['wamids']}; estados {got['statuses']} "
                          f"({got['known']} reconocidos por lote) en "
                          f"{got['status_seconds']:.2f} s → entregadas {got['delivered']}, "
                          f"leídas {got['read']}")
                    if got["unfinished"]:
                        print(f"  ¡sin terminar! {got['unfinished']} envíos seguían pendientes "
                              "al vencer el plazo (5 × el tiempo ideal, mínimo 60 s)")
        finally:
            await databases.drop()


if __name__ == "__main__":
    asyncio.run(main())
