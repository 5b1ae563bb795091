"""The service's metrics on both engines: queue depth, age and uncertain rows read from the
database at scrape time, counters per channel and result, each service with its own registry."""

from __future__ import annotations

from datetime import timedelta

from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import insert

from nucleo.db import Database
from nucleo.metrics import Metrics
from tests.nucleo.test_outbox import NOW, PROBE, S
from tests.nucleo.test_outbox import probe as probe


def samples(text: bytes) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text.decode())
            for s in family.samples}


async def test_queue_depth_age_and_uncertain_rows_come_from_the_database(probe: Database) -> None:
    async with probe.session() as session:
        await session.execute(insert(PROBE), [
            {"id": 11, "state": S.INCIERTA.value, "attempts": 1, "next_attempt_at": NOW},
            {"id": 12, "state": S.ENVIANDO.value, "attempts": 1, "next_attempt_at": NOW},
            {"id": 13, "state": S.PENDIENTE.value, "attempts": 0,
             "next_attempt_at": NOW - timedelta(seconds=90)},
            {"id": 14, "state": S.PENDIENTE.value, "attempts": 0,  # not due yet: no age
             "next_attempt_at": NOW + timedelta(hours=1)},
            {"id": 15, "state": S.ENVIADA.value, "attempts": 1,
             "next_attempt_at": NOW - timedelta(days=1)},
        ])
        await session.commit()
    metrics = Metrics()
    metrics.watch("prueba", PROBE)
    got = samples(await metrics.render(probe, NOW))
    queue = (("queue", "prueba"),)
    assert got[("valor_queue_depth", queue)] == 12  # ten due rows, 13 and 14
    assert got[("valor_queue_in_flight", queue)] == 1
    assert got[("valor_queue_uncertain", queue)] == 1
    assert got[("valor_queue_oldest_due_seconds", queue)] == 90
    assert got[("valor_leader", ())] == 0


async def test_counters_by_channel_and_result_and_no_global_registry(probe: Database) -> None:
    first, second = Metrics(), Metrics()
    first.sent("telegram", "sent")
    first.sent("telegram", "rate_limited", rate_limited=True)
    first.sent("email", "sent")
    first.leader = lambda: True
    got = samples(await first.render(probe, NOW))
    assert got[("valor_sends_total", (("channel", "telegram"), ("result", "sent")))] == 1
    assert got[("valor_sends_total", (("channel", "email"), ("result", "sent")))] == 1
    assert got[("valor_rate_limited_total", (("channel", "telegram"),))] == 1
    assert got[("valor_leader", ())] == 1
    other = samples(await second.render(probe, NOW))
    assert ("valor_sends_total", (("channel", "telegram"), ("result", "sent"))) not in other
    assert REGISTRY.get_sample_value("valor_sends_total",
                                     {"channel": "telegram", "result": "sent"}) is None
