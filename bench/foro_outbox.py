"""Cost of the forum's own layers, each against a reference measured in the same run.

Run: ``/work/main/.venv/bin/python -m bench.foro_outbox`` from the repository root.

1. The outbox worker publishing N queued suggestions as topics (claim, deliver, record, on
   SQLite) against the same N ``DiscourseClient.ensure_topic`` calls made directly, both on the
   local Discourse double with the limiter lifted.
2. Rendering a suggestion (markdown-it-py + nh3) against plain ``html.escape``.
"""

from __future__ import annotations

import asyncio
import html
import tempfile
import time
from pathlib import Path

from foro.actions import submit_suggestion
from foro.discourse.backend import DiscourseBackend
from foro.discourse.client import DiscourseClient
from foro.discourse.policy import DiscoursePolicy
from foro.render import render_markdown
from foro.worker import OutboxWorker
from nucleo.db import Database
from nucleo.migrate import upgrade_database
from nucleo.services import Services
from nucleo.settings import load_settings
from tests.fakes.discourse_api import DiscourseDouble

N = 100
TEXT = ("Propongo **publicar cada mes** las actas del comité de convivencia en la intranet, "
        "con un [resumen](https://intranet.example/actas) y una lista:\n\n- fecha\n- temas\n")


async def outbox(double: DiscourseDouble, folder: Path) -> tuple[float, float]:
    policy = DiscoursePolicy(requests_per_minute=1_000_000)
    async with DiscourseClient(double.base_url, double.api_key, double.api_username,
                               policy=policy) as client:
        start = time.perf_counter()
        for n in range(N):
            await client.ensure_topic(external_id=f"ref-{n}", title=f"Tema de referencia {n:03d}",
                                      raw=TEXT, category_id=5, tags=["honestidad", "recibida"])
        reference = time.perf_counter() - start

    settings = load_settings(data_dir=folder, secret_key="bench-secret-0123456789abcdef",
                             discourse_url=double.base_url, discourse_api_key=double.api_key,
                             discourse_category_id=5)
    db = Database(f"sqlite+aiosqlite:///{folder / 'bench.db'}")
    await upgrade_database(db)
    services = Services(settings=settings, db=db)
    for n in range(N):
        async with db.session() as session:
            await submit_suggestion(session, services, text=f"Sugerencia número {n:03d}\n{TEXT}",
                                    value="honestidad", anonymous=True)
    worker = OutboxWorker(services, DiscourseBackend.from_settings(settings, policy=policy))
    start = time.perf_counter()
    while await worker.run_once():
        pass
    ours = time.perf_counter() - start
    await worker.backend.aclose()
    await db.dispose()
    assert len(double.topics) == 2 * N
    return reference, ours


def rendering() -> tuple[float, float]:
    rounds = 2_000
    start = time.perf_counter()
    for _ in range(rounds):
        html.escape(TEXT)
    reference = (time.perf_counter() - start) / rounds
    start = time.perf_counter()
    for _ in range(rounds):
        render_markdown(TEXT)
    return reference, (time.perf_counter() - start) / rounds


async def main() -> None:
    with DiscourseDouble() as double, tempfile.TemporaryDirectory() as folder:
        reference, ours = await outbox(double, Path(folder))
    print(f"direct ensure_topic x{N}: {reference * 1000 / N:.2f} ms/topic (reference)")
    print(f"outbox worker x{N}:      {ours * 1000 / N:.2f} ms/topic = {ours / reference:.2f}x "
          f"reference (claim + deliver + record per write)")
    print(f"at 55 requests/min a topic costs 2 requests: about {55 // 2} topics/min; the "
          f"worker's own cost is {(ours - reference) * 1000 / N:.2f} ms of each {120 / 55:.2f} s")
    reference, ours = rendering()
    print(f"html.escape:            {reference * 1e6:.1f} µs/text (reference)")
    print(f"markdown-it + nh3:      {ours * 1e6:.1f} µs/text = {ours / reference:.0f}x reference")


if __name__ == "__main__":
    asyncio.run(main())
