"""Prometheus metrics of one service (``Services.metrics``): its own ``CollectorRegistry``,
never the library's global one.

* Counters the senders bump: ``valor_sends_total{channel, result}`` and
  ``valor_rate_limited_total{channel}`` (Telegram's 429).
* Read from the database at scrape time (``QueueCollector``, cheap indexed queries on each
  outbox table the wiring registers with ``watch``): ``valor_queue_depth{queue}`` (pending
  rows), ``valor_queue_in_flight{queue}``, ``valor_queue_oldest_due_seconds{queue}`` (how long
  the oldest due pending row has waited), ``valor_queue_uncertain{queue}`` (rows «incierta»).
* ``valor_leader``: 1 when this process runs the senders, the scheduler and polling.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from prometheus_client import CollectorRegistry, Counter, Gauge, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import FromClause, func, select

from nucleo.db import Database

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
WATCHED_STATES = ("pendiente", "enviando", "incierta")


@dataclass(frozen=True)
class QueueSnapshot:
    depth: int = 0
    in_flight: int = 0
    uncertain: int = 0
    oldest_due_seconds: float = 0.0


class QueueCollector(Collector):
    """Queue depth, age and uncertain rows per outbox table, read by ``refresh`` right before
    each scrape (a sync ``collect`` cannot await the database)."""

    def __init__(self) -> None:
        self.tables: dict[str, FromClause] = {}
        self.snapshot: dict[str, QueueSnapshot] = {}

    def watch(self, queue: str, table: FromClause) -> None:
        self.tables[queue] = table

    async def refresh(self, db: Database, now: datetime) -> None:
        snapshot: dict[str, QueueSnapshot] = {}
        async with db.session() as session:
            for queue, t in self.tables.items():
                counts: dict[str, int] = dict((await session.execute(
                    select(t.c.state, func.count()).where(t.c.state.in_(WATCHED_STATES))
                    .group_by(t.c.state))).all())
                oldest = await session.scalar(
                    select(func.min(t.c.next_attempt_at))
                    .where(t.c.state == "pendiente", t.c.next_attempt_at <= now))
                # min() keeps the column's type: an aware UTC datetime on both engines
                age = max((now - oldest).total_seconds(), 0.0) if oldest is not None else 0.0
                snapshot[queue] = QueueSnapshot(
                    depth=int(counts.get("pendiente", 0)),
                    in_flight=int(counts.get("enviando", 0)),
                    uncertain=int(counts.get("incierta", 0)), oldest_due_seconds=age)
            await session.rollback()
        self.snapshot = snapshot

    def collect(self) -> Iterator[Metric]:
        families = {
            "depth": GaugeMetricFamily("valor_queue_depth", "Pending rows per queue.",
                                       labels=["queue"]),
            "in_flight": GaugeMetricFamily("valor_queue_in_flight",
                                           "Rows whose send has started.", labels=["queue"]),
            "uncertain": GaugeMetricFamily(
                "valor_queue_uncertain", "Rows in flight when their worker died (incierta).",
                labels=["queue"]),
            "oldest_due_seconds": GaugeMetricFamily(
                "valor_queue_oldest_due_seconds",
                "Seconds the oldest due pending row has waited.", labels=["queue"]),
        }
        for queue, snap in sorted(self.snapshot.items()):
            for field_name, family in families.items():
                family.add_metric([queue], float(getattr(snap, field_name)))
        yield from families.values()

    def describe(self) -> Iterator[Metric]:
        return iter(())


class Metrics:
    """One service's metrics. Senders call ``sent``; the wiring sets ``leader`` and registers
    the queues; ``/metrics`` calls ``render``."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.sends = Counter("valor_sends", "Sends by channel and result.",
                             ["channel", "result"], registry=self.registry)
        self.rate_limited = Counter("valor_rate_limited",
                                    "Answers 429 (too many requests) by channel.",
                                    ["channel"], registry=self.registry)
        self.leader: Callable[[], bool] = lambda: False
        gauge = Gauge("valor_leader", "1 when this process runs the senders and the scheduler.",
                      registry=self.registry)
        gauge.set_function(lambda: 1.0 if self.leader() else 0.0)
        self.queues = QueueCollector()
        self.registry.register(self.queues)

    def sent(self, channel: str, result: str, *, rate_limited: bool = False) -> None:
        self.sends.labels(channel=channel, result=result).inc()
        if rate_limited:
            self.rate_limited.labels(channel=channel).inc()

    def watch(self, queue: str, table: FromClause) -> None:
        self.queues.watch(queue, table)

    async def render(self, db: Database, now: datetime) -> bytes:
        await self.queues.refresh(db, now)
        return generate_latest(self.registry)
