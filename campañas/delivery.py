"""The delivery engine: per channel, claim a few due deliveries with a lease (they stay
'pendiente'), wait for the channel's rate limit, mark them 'enviando' (committed) right before
the send, send them through the channel's ``Sender``, and write the outcomes in batches. A
crash leaves 'enviando' only the rows whose send had started; when their lease expires any
engine's periodic reclaim makes them 'incierta' (never resent), and the claimed rows that had
not started go back to the queue (``nucleo.outbox``)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from campañas.runs import finish_done_runs
from campañas.senders.base import Outcome, OutgoingDelivery, Sender
from campañas.states import DeliveryState, Verdict, next_delivery_state
from campañas.store import DeliveryStore, Result
from nucleo.db import utcnow
from nucleo.lifecycle import wake_or_timeout

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded retries with exponential back-off for 5xx, time-outs and network errors."""

    max_attempts: int = 5
    base_delay: float = 2.0
    max_delay: float = 300.0

    def delay(self, attempts: int) -> float:
        return min(self.max_delay, self.base_delay * 2 ** max(attempts - 1, 0))


@dataclass
class Lane:
    """One channel's pipeline.

    * ``batch``: claimed rows kept ahead of the sends. They stay 'pendiente' (a lease only)
      while they wait for the sender's rate slot or for room in flight, so claiming ahead
      costs nothing after a crash; the engine claims again when half of them have started.
    * ``max_in_flight``: rows marked 'enviando' and not finished, i.e. the most that can be
      «incierta» after a crash.
    * ``begin_group``: when rows are ready faster than they finish (no rate, a pool of
      connections), they are marked 'enviando' this many at a time, one commit per group,
      as soon as that much room is free; the commit of the next group then overlaps the
      sends of the current one. Rows that are ready one at a time (a rate) start at once.
    """

    sender: Sender
    batch: int
    max_in_flight: int = 32
    begin_group: int = 1
    tasks: set[asyncio.Task[None]] = field(default_factory=set)
    queued: set[asyncio.Task[None]] = field(default_factory=set)
    waiting: int = 0  # claimed, not started yet
    in_flight: int = 0  # started ('enviando'), outcome not known yet
    to_begin: list[tuple[int, asyncio.Future[bool]]] = field(default_factory=list)
    starter: asyncio.Task[None] | None = None
    room_freed: asyncio.Event = field(default_factory=asyncio.Event)
    changed: asyncio.Event = field(default_factory=asyncio.Event)  # a row started or ended

    @classmethod
    def paced(cls, sender: Sender, rate: float | None, *, lookahead: float = 1.0,
              unlimited_batch: int = 32, max_in_flight: int = 32) -> Lane:
        """Size the lane for ``rate`` messages/s (None: as fast as the channel answers): claims
        reach ``lookahead`` seconds of sends ahead, so a claim slowed down by a busy machine
        or database never leaves the rate limiter without rows to send (they wait there
        'pendiente', and go back to the queue after a crash)."""
        if rate is None:
            return cls(sender, unlimited_batch, max_in_flight)
        batch = max(1, min(unlimited_batch, math.ceil(rate * lookahead)))
        return cls(sender, batch, max_in_flight)

    @classmethod
    def pooled(cls, sender: Sender, rate: float | None, connections: int, *,
               lookahead: float = 0.25) -> Lane:
        """A sender with ``connections`` pooled connections (e-mail): up to two groups of
        ``connections`` rows in flight, one sending and the next already marked and waiting
        for a free connection, so a group's commit never leaves a connection idle. Claims
        reach ``lookahead`` seconds of ``rate`` ahead (no rate: 16 groups), at least two
        groups."""
        ahead = 16 * connections if rate is None else math.ceil(rate * lookahead)
        return cls(sender, min(max(2 * connections, ahead), 512), max_in_flight=2 * connections,
                   begin_group=connections)


class DeliveryEngine:
    """Runs the lanes, the outcome writer and the run closer in the service's event loop."""

    name = "campaign-deliveries"

    def __init__(self, store: DeliveryStore, lanes: Mapping[str, Lane], *,
                 clock: Callable[[], datetime] = utcnow, policy: RetryPolicy | None = None,
                 poll_interval: float = 1.0, flush_interval: float = 0.05,
                 flush_size: int = 200, reclaim_interval: float = 30.0) -> None:
        self.store = store
        self.lanes = dict(lanes)
        self.clock = clock
        self.policy = policy or RetryPolicy()
        self.reclaim_interval = reclaim_interval
        self.poll_interval = poll_interval
        self.flush_interval = flush_interval
        self.flush_size = flush_size
        self.counts: Counter[str] = Counter()
        self.recovered = 0
        self._results: list[Result] = []
        self._flush_lock = asyncio.Lock()
        self._released: list[int] = []  # claimed, never started: given back at the next flush
        self._wake = asyncio.Event()
        self._flush_now = asyncio.Event()
        self._stopping = False
        self._tasks: list[asyncio.Task[None]] = []

    # --- lifecycle --------------------------------------------------------------------------
    async def start(self) -> None:
        """Reclaim expired leases (a crash), then run every lane and the periodic reclaim in
        the background."""
        self._stopping = False
        await self._reclaim()
        self._tasks = [asyncio.create_task(self._lane_loop(ch, lane, stop_when_idle=False),
                                           name=f"deliveries-{ch}")
                       for ch, lane in self.lanes.items()]
        self._tasks.append(asyncio.create_task(self._flush_loop(), name="deliveries-flush"))
        self._tasks.append(asyncio.create_task(self._reclaim_loop(), name="deliveries-reclaim"))

    async def stop(self) -> None:
        """Stop claiming, let sends in flight finish, write their outcomes."""
        self._stopping = True
        self._wake.set()
        for lane in self.lanes.values():
            lane.room_freed.set()  # rows waiting for room in flight are given back
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        for lane in self.lanes.values():
            for task in list(lane.queued):
                task.cancel()
        in_flight = [t for lane in self.lanes.values() for t in lane.tasks]
        if in_flight:
            await asyncio.gather(*in_flight, return_exceptions=True)
        await self._flush()
        self._tasks = []

    def wake(self) -> None:
        """Look for work now (after a send-now, a resume or a new subscriber)."""
        self._wake.set()

    async def drain(self) -> None:
        """Send everything that is due now and return (tests and benchmarks)."""
        writer = asyncio.create_task(self._flush_loop())
        try:
            await asyncio.gather(*(self._lane_loop(ch, lane, stop_when_idle=True)
                                   for ch, lane in self.lanes.items()))
        finally:
            writer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await writer
            await self._flush()

    # --- recovery ---------------------------------------------------------------------------
    async def _reclaim(self) -> None:
        try:
            reclaimed = await self.store.reclaim(self.clock())
        except Exception:
            log.exception("could not reclaim expired delivery leases")
            return
        if reclaimed.uncertain:
            self.recovered += reclaimed.uncertain
            log.warning("%d deliveries were in flight when their engine stopped; marked incierta",
                        reclaimed.uncertain)

    async def _reclaim_loop(self) -> None:
        """Reclaim expired leases every ``reclaim_interval`` seconds, whoever held them."""
        while True:
            await asyncio.sleep(self.reclaim_interval)
            await self._reclaim()

    # --- lanes ------------------------------------------------------------------------------
    async def _lane_loop(self, channel: str, lane: Lane, *, stop_when_idle: bool) -> None:
        while not self._stopping:
            room = lane.batch - lane.waiting
            claimed: list[OutgoingDelivery] = []
            if room > 0 and (not lane.tasks or room >= max(1, lane.batch // 2)):
                claimed = await self.store.claim(channel, room, self.clock())
                for delivery in claimed:
                    lane.waiting += 1
                    task = asyncio.create_task(self._deliver(lane, delivery))
                    lane.tasks.add(task)
                    task.add_done_callback(lane.tasks.discard)
                    task.add_done_callback(lambda _: self._ended(lane))
            if claimed:
                await asyncio.sleep(0)  # let the new tasks reach the rate limiter
                if len(claimed) == room:
                    continue
            if lane.tasks:
                await self._progress(lane)
                continue
            if not claimed:
                await self._flush()
                await self._close_runs()
                if stop_when_idle:
                    return
                self._wake.clear()
                await wake_or_timeout(self._wake, self.poll_interval)

    @staticmethod
    def _ended(lane: Lane) -> None:
        """A row's task ended: the lane loop cares only when none is left."""
        if not lane.tasks:
            lane.changed.set()

    async def _progress(self, lane: Lane) -> None:
        """Wait until a claimed row starts or a send ends (an event, not a wait on every task:
        with rows claimed ahead that would cost a callback per task per row)."""
        lane.changed.clear()
        await wake_or_timeout(lane.changed, self.poll_interval)

    async def _deliver(self, lane: Lane, delivery: OutgoingDelivery) -> None:
        started = False
        try:
            started = await self._ready(lane, delivery) and not self._stopping \
                and await self._begin(lane, delivery)
        finally:  # claimed rows stop waiting here, started or not (given back)
            lane.waiting -= 1
            if not started:
                self._give_back(delivery)
            if not started or lane.batch - lane.waiting >= max(1, lane.batch // 2):
                lane.changed.set()  # room for the next claim (see _lane_loop)
        if not started:
            return
        try:
            outcome = await lane.sender.send(delivery)
        except Exception as exc:
            log.exception("sender %s failed unexpectedly", lane.sender.channel)
            outcome = Outcome(Verdict.RETRY, error=f"{type(exc).__name__}: {exc}"[:300])
        finally:
            lane.in_flight -= 1
            lane.room_freed.set()
        self._results.append(self._result(delivery, outcome))
        if len(self._results) >= self.flush_size:
            self._flush_now.set()

    @staticmethod
    async def _ready(lane: Lane, delivery: OutgoingDelivery) -> bool:
        """Wait for the sender's rate slot (cancelled while waiting when the engine stops);
        False when the rate limiter failed."""
        task = asyncio.current_task()
        assert task is not None
        lane.queued.add(task)
        try:
            await lane.sender.ready(delivery)
        except Exception:
            log.exception("rate limiter of %s failed", lane.sender.channel)
            return False
        finally:
            lane.queued.discard(task)
        return True

    def _give_back(self, delivery: OutgoingDelivery) -> None:
        assert delivery.delivery_id is not None
        self.counts[Verdict.NOT_SENT.value] += 1
        self._released.append(delivery.delivery_id)

    async def _begin(self, lane: Lane, delivery: OutgoingDelivery) -> bool:
        """Mark the delivery 'enviando' (committed) before its send, once the lane has room in
        flight; False when it is no longer this engine's (cancelled, reclaimed, its campaign
        paused), the engine is stopping or the write failed. Rows ready together share one
        ``UPDATE`` (see ``Lane.begin_group``)."""
        assert delivery.delivery_id is not None
        future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        lane.to_begin.append((delivery.delivery_id, future))
        if lane.starter is None or lane.starter.done():
            lane.starter = asyncio.create_task(self._begin_groups(lane))
        return await future

    async def _begin_groups(self, lane: Lane) -> None:
        while lane.to_begin:
            await asyncio.sleep(0)  # let the rows that became ready now join this group
            free = lane.max_in_flight - lane.in_flight
            if self._stopping:
                group, lane.to_begin = lane.to_begin, []
                for _, future in group:
                    if not future.done():
                        future.set_result(False)
                return
            if free <= 0 or free < min(lane.begin_group, lane.max_in_flight,
                                         len(lane.to_begin)):
                lane.room_freed.clear()
                await lane.room_freed.wait()
                continue
            group, lane.to_begin = lane.to_begin[:free], lane.to_begin[free:]
            lane.in_flight += len(group)  # the room is taken while the commit runs
            started: set[int] = set()
            try:
                started = await self._begin_with_results([i for i, _ in group])
            finally:
                lane.in_flight -= sum(1 for i, _ in group if i not in started)
                for delivery_id, future in group:
                    if not future.done():
                        future.set_result(delivery_id in started)

    async def _begin_with_results(self, ids: list[int]) -> set[int]:
        """``store.begin`` carrying the outcomes not written yet (one commit for both); if
        that fails, the outcomes go back to the writer and the rows are begun alone. It waits
        for a write under way (the flush lock): otherwise a group could commit 'enviando'
        while the previous group's outcomes are still being written, and a crash then would
        leave more than ``max_in_flight`` rows «incierta»."""
        async with self._flush_lock:
            return await self._begin_locked(ids)

    async def _begin_locked(self, ids: list[int]) -> set[int]:
        results, self._results = self._results, []
        try:
            return await self.store.begin(ids, self.clock(), results)
        except asyncio.CancelledError:
            self._results[:0] = results
            raise
        except Exception:
            self._results[:0] = results
            if not results:
                log.exception("could not mark %d deliveries in flight", len(ids))
                return set()
            log.exception("could not write %d outcomes with a group; writing apart",
                          len(results))
        try:
            return await self.store.begin(ids, self.clock())
        except Exception:
            log.exception("could not mark %d deliveries in flight", len(ids))
            return set()

    def _result(self, delivery: OutgoingDelivery, outcome: Outcome) -> Result:
        assert delivery.delivery_id is not None and delivery.person_id is not None
        now = self.clock()
        state = next_delivery_state(DeliveryState.ENVIANDO.value, outcome.verdict,
                                    attempts=delivery.attempts,
                                    max_attempts=self.policy.max_attempts)
        self.counts[outcome.verdict.value] += 1
        next_at = None
        if state is DeliveryState.PENDIENTE:
            wait = {Verdict.RATE_LIMITED: outcome.retry_after, Verdict.NOT_SENT: 0.0}.get(
                outcome.verdict, self.policy.delay(delivery.attempts))
            next_at = now + timedelta(seconds=wait or 0)
        file_id = (delivery.piece_id, outcome.file_id) if outcome.file_id else None
        if file_id:
            self.store.remember_file_id(*file_id, delivery.channel)
        wamid = outcome.extra.get("wamid")
        return Result(delivery.delivery_id, delivery.person_id, delivery.channel, state, now,
                      next_at, None if state is DeliveryState.ENVIADA else outcome.error, file_id,
                      wamid if isinstance(wamid, str) else None)

    # --- writing outcomes -------------------------------------------------------------------
    async def _flush_loop(self) -> None:
        """Write outcomes every ``flush_interval`` seconds, unless a group is about to be
        marked 'enviando' and will carry them (``_begin_with_results``); never later than
        ``4 × flush_interval`` after the first of them, nor past ``flush_size``."""
        held_since: float | None = None
        while True:
            await wake_or_timeout(self._flush_now, self.flush_interval)
            forced = self._flush_now.is_set()
            self._flush_now.clear()
            now = time.monotonic()
            if self._results and not forced and any(lane.to_begin for lane in
                                                    self.lanes.values()):
                held_since = now if held_since is None else held_since
                if now - held_since < 4 * self.flush_interval:
                    continue
            held_since = None
            await self._flush()

    async def _flush(self) -> None:
        """Write what is pending; one writer at a time, so a caller that flushes and then
        closes finished runs (the idle lane) also waits for a write already under way."""
        async with self._flush_lock:
            await self._flush_pending()

    async def _flush_pending(self) -> None:
        if self._released:
            released, self._released = self._released, []
            try:
                await self.store.release(released)
            except asyncio.CancelledError:
                self._released[:0] = released
                raise
            except Exception:
                log.exception("could not give back %d claimed deliveries", len(released))
        if not self._results:
            return
        batch, self._results = self._results, []
        try:
            await self.store.record(batch)
        except asyncio.CancelledError:  # stopping mid-write: the transaction rolled back,
            self._results[:0] = batch  # so the final flush writes these outcomes
            raise
        except Exception:
            log.exception("could not record %d outcomes; will retry", len(batch))
            self._results[:0] = batch
            await asyncio.sleep(self.flush_interval)

    async def _close_runs(self) -> None:
        try:
            async with self.store.db.transaction() as session:
                await finish_done_runs(session, self.clock())
        except Exception:
            log.exception("could not close finished runs")
