"""The outbox: one mechanism for every queue of outgoing writes (campaign deliveries, bot
notifications, forum writes).

A row goes through one set of states::

    pendiente ──claim──► pendiente + lease ──begin──► enviando ──settle──► enviada | fallida |
        ▲   (claimed, waiting: the lease     (in flight: the send      bloqueada | pendiente
        │    belongs to one worker)           starts now)               (retry, with back-off)
        └──── release / lease expired ◄─────────┘ (resendable queues only)
                                                  enviando + lease expired ──► incierta

* ``claim`` takes a batch of due rows for this worker with a lease (``lease_until``):
  ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, the database's write gate on SQLite, both with
  ``UPDATE … RETURNING``. Claimed rows stay ``pendiente``: nothing has left yet.
* ``begin`` marks rows ``enviando`` (committed) right before their send, and only rows still
  claimed by this worker: a row taken back (cancelled, reclaimed) is not sent.
* ``settle`` writes outcomes in the caller's transaction; only rows still in flight for this
  worker change.
* ``reclaim`` runs periodically, in any process, whatever its name: a claim whose lease
  expired goes back to the queue; a row in flight whose lease expired is ``incierta`` (its
  outcome is unknown; never resent by itself) or, for a queue whose sends are idempotent,
  ``pendiente`` (except the rows of ``keep_uncertain``).
* ``resolve_uncertain`` is a person's decision on an ``incierta`` row: send it again, or count
  it as sent because it is known to have arrived.

Tables using it have the columns ``id``, ``state``, ``attempts``, ``next_attempt_at``,
``claimed_by``, ``lease_until`` and ``last_error``.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, FromClause, Row, Table, bindparam, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from nucleo.db import Database, UTCDateTime, affected


class OutboxState(enum.StrEnum):
    """The state words of every outbox."""

    PENDIENTE = "pendiente"  # waiting (possibly claimed by a worker, see ``lease_until``)
    ENVIANDO = "enviando"  # in flight: its send started
    ENVIADA = "enviada"
    FALLIDA = "fallida"
    BLOQUEADA = "bloqueada"  # the person blocked the channel
    INCIERTA = "incierta"  # was in flight when its worker died: outcome unknown
    CANCELADA = "cancelada"


OPEN = (OutboxState.PENDIENTE.value, OutboxState.ENVIANDO.value)  # not settled yet
FINISHED = (OutboxState.ENVIADA.value, OutboxState.FALLIDA.value, OutboxState.BLOQUEADA.value)


@dataclass(frozen=True)
class Backoff:
    """Exponential back-off: ``base``, 2×base, 4×base… capped at ``cap`` seconds."""

    base: float = 2.0
    cap: float = 300.0

    def delay(self, attempts: int) -> float:
        return min(self.cap, self.base * 2 ** max(attempts - 1, 0))


@dataclass(frozen=True)
class Settle:
    """The outcome of one row's send. ``count=False`` gives the attempt back (the send did not
    really happen, e.g. it waits for another write)."""

    id: int
    state: OutboxState
    at: datetime
    next_attempt_at: datetime | None = None
    error: str | None = None
    count: bool = True


@dataclass(frozen=True)
class Reclaimed:
    uncertain: int = 0  # in flight, lease expired: incierta
    requeued: int = 0  # in flight, lease expired, resendable queue: pendiente again
    released: int = 0  # claimed but never started, lease expired: free again


@dataclass
class Outbox:
    """The outbox mechanism over one table, for one worker.

    ``worker`` names the process for people reading the table; a random suffix makes each
    instance's claims its own, so nothing depends on the name. ``resend`` says what becomes of
    a row left in flight by a dead worker: sent again (idempotent sends) or ``incierta``.
    """

    db: Database
    table: Table
    worker: str = "worker"
    lease: timedelta = timedelta(minutes=10)
    backoff: Backoff = field(default_factory=Backoff)
    max_attempts: int = 5
    resend: bool = False
    sent_column: str | None = None  # e.g. "sent_at": set to the outcome's time when sent
    error_length: int = 300
    reclaim_every: float = 60.0  # seconds between reclaims in ``reclaim_if_due``
    uncertain_error: str | None = None  # last_error written on rows made incierta
    gave_up_note: str | None = None  # added to last_error when retries run out; "{n}": attempts
    # With ``resend``: rows matching this are never resent by ``reclaim`` (``incierta``), as in
    # a queue without it (e.g. the bot's replies, beside its resendable notices).
    keep_uncertain: ColumnElement[bool] | None = None
    _last_reclaim: datetime | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.worker = f"{self.worker[:48]}~{uuid.uuid4().hex[:8]}"

    # --- claiming ---------------------------------------------------------------------------
    async def claim(self, now: datetime, limit: int, *, source: FromClause | None = None,
                    where: Iterable[ColumnElement[bool]] = (),
                    returning: Sequence[Any] = ()) -> list[Row[Any]]:
        """Claim up to ``limit`` due rows (oldest id first) for ``self.lease`` and commit.
        ``source`` (a join) and ``where`` narrow what is due; each returned row has ``id``,
        ``attempts`` (before this attempt) and the ``returning`` columns."""
        if limit <= 0:
            return []
        t = self.table
        due = (select(t.c.id).select_from(source if source is not None else t)
               .where(t.c.state == OutboxState.PENDIENTE.value, t.c.next_attempt_at <= now,
                      or_(t.c.lease_until.is_(None), t.c.lease_until < now), *where)
               .order_by(t.c.id).limit(limit))
        if not self.db.is_sqlite:
            due = due.with_for_update(skip_locked=True, of=t)
        statement = (update(t).where(t.c.id.in_(due.scalar_subquery()))
                     .values(claimed_by=self.worker, lease_until=now + self.lease)
                     .returning(t.c.id, t.c.attempts, *returning))
        async with self.db.write_gate(), self.db.session() as session:
            rows = list((await session.execute(statement)).all())
            await session.commit()
        return sorted(rows, key=lambda r: r.id)

    async def begin(self, ids: Sequence[int], now: datetime, *,
                    where: Iterable[ColumnElement[bool]] = ()) -> list[int]:
        """Mark claimed rows in flight (committed) right before their send; returns the ids
        that are, i.e. still pending, claimed by this worker and matching ``where`` (e.g. not
        held back since the claim). Send only those."""
        if not ids:
            return []
        async with self.db.write_gate(), self.db.session() as session:
            started = await self.begin_in(session, ids, now, where=where)
            await session.commit()
        return started

    async def begin_in(self, session: AsyncSession, ids: Sequence[int], now: datetime, *,
                       where: Iterable[ColumnElement[bool]] = ()) -> list[int]:
        """``begin`` in the caller's transaction (e.g. with the ``settle`` of earlier sends,
        one commit for both). Nothing may be sent before that transaction commits."""
        if not ids:
            return []
        t = self.table
        statement = (update(t).where(t.c.id.in_(list(ids)), *self._mine(OutboxState.PENDIENTE),
                                     *where)
                     .values(state=OutboxState.ENVIANDO.value, attempts=t.c.attempts + 1,
                             lease_until=now + self.lease)
                     .returning(t.c.id))
        return sorted((await session.execute(statement)).scalars())

    async def release(self, ids: Sequence[int]) -> int:
        """Give back claimed rows that were not started (stopping, held back)."""
        if not ids:
            return 0
        async with self.db.write_gate(), self.db.session() as session:
            count = await self.release_in(session, ids)
            await session.commit()
        return count

    async def release_in(self, session: AsyncSession, ids: Sequence[int]) -> int:
        """``release`` in the caller's transaction."""
        t = self.table
        result = await session.execute(
            update(t).where(t.c.id.in_(list(ids)), *self._mine(OutboxState.PENDIENTE))
            .values(claimed_by=None, lease_until=None))
        return affected(result)

    # --- outcomes ---------------------------------------------------------------------------
    def sent(self, row_id: int, at: datetime) -> Settle:
        return Settle(row_id, OutboxState.ENVIADA, at)

    def failed(self, row_id: int, at: datetime, error: str | None,
               state: OutboxState = OutboxState.FALLIDA) -> Settle:
        return Settle(row_id, state, at, error=error)

    def retry(self, row_id: int, at: datetime, error: str | None, *, attempts: int,
              wait: float | None = None, count: bool = True) -> Settle:
        """Back to the queue after ``wait`` seconds (default: the back-off for ``attempts``,
        the attempts made so far including this one), or ``fallida`` when they are used up."""
        if count and attempts >= self.max_attempts:
            return Settle(row_id, OutboxState.FALLIDA, at, error=self._gave_up(error, attempts))
        delay = self.backoff.delay(attempts) if wait is None else wait
        return Settle(row_id, OutboxState.PENDIENTE, at, at + timedelta(seconds=delay), error,
                      count)

    async def reopen(self, session: AsyncSession, row_id: int, due: datetime,
                     error: str | None) -> bool:
        """A row counted sent that did not arrive after all (the channel said so later): back
        to the queue, due at ``due``, in the caller's transaction. False when it was not
        ``enviada`` (settled otherwise, or reopened already)."""
        t = self.table
        values: dict[str, Any] = {
            "state": OutboxState.PENDIENTE.value, "next_attempt_at": due, "claimed_by": None,
            "lease_until": None, "last_error": error[:self.error_length] if error else None}
        if self.sent_column:
            values[self.sent_column] = None
        return affected(await session.execute(update(t).where(
            t.c.id == row_id, t.c.state == OutboxState.ENVIADA.value).values(values))) > 0

    async def settle(self, session: AsyncSession, results: Sequence[Settle]) -> None:
        """Write outcomes in the caller's transaction; only rows still in flight for this
        worker change. Sent rows go in one ``UPDATE … WHERE id IN (…)``, the rest together."""
        if not results:
            return
        t = self.table
        sent = [r for r in results if r.state is OutboxState.ENVIADA]
        others = [r for r in results if r.state is not OutboxState.ENVIADA]
        mine = self._mine(OutboxState.ENVIANDO)
        if sent:
            values: dict[str, Any] = {"state": OutboxState.ENVIADA.value, "last_error": None,
                                      "lease_until": None}
            if self.sent_column:
                values[self.sent_column] = max(r.at for r in sent)
            await session.execute(update(t).where(t.c.id.in_([r.id for r in sent]), *mine)
                                  .values(values))
        if others:
            await session.execute(
                update(t).where(t.c.id == bindparam("row_id"), *mine)
                .values(state=bindparam("new_state"), last_error=bindparam("err"),
                        next_attempt_at=bindparam("next_at", type_=UTCDateTime()),
                        attempts=t.c.attempts - bindparam("uncount"),
                        claimed_by=None, lease_until=None)
                .execution_options(synchronize_session=False),
                [{"row_id": r.id, "new_state": r.state.value,
                  "err": r.error[:self.error_length] if r.error else None,
                  "next_at": r.next_attempt_at or r.at, "uncount": 0 if r.count else 1}
                 for r in others])

    # --- recovery ---------------------------------------------------------------------------
    async def reclaim(self, now: datetime) -> Reclaimed:
        """Rows whose lease expired, whoever claimed them: claims not started are freed; rows
        in flight become ``incierta`` (or ``pendiente`` again when ``resend``). Commits."""
        t = self.table
        expired = (t.c.lease_until.is_not(None), t.c.lease_until < now)
        in_flight = (t.c.state == OutboxState.ENVIANDO.value, *expired)
        # Which rows in flight are sent again and which become incierta (None: no rows).
        resent: tuple[ColumnElement[bool], ...] | None
        kept: tuple[ColumnElement[bool], ...] | None
        keep = self.keep_uncertain
        if not self.resend:
            resent, kept = None, ()
        elif keep is None:
            resent, kept = (), None
        else:
            resent, kept = (~keep,), (keep,)
        requeued = uncertain = 0
        async with self.db.write_gate(), self.db.session() as session:
            if resent is not None:
                requeued = affected(await session.execute(
                    update(t).where(*in_flight, *resent).values(
                        state=OutboxState.PENDIENTE.value, claimed_by=None, lease_until=None,
                        next_attempt_at=now)))
            if kept is not None:
                uncertain = affected(await session.execute(
                    update(t).where(*in_flight, *kept).values(
                        state=OutboxState.INCIERTA.value, lease_until=None,
                        last_error=self.uncertain_error)))
            freed = await session.execute(update(t).where(
                t.c.state == OutboxState.PENDIENTE.value, *expired)
                .values(claimed_by=None, lease_until=None))
            await session.commit()
        return Reclaimed(uncertain=uncertain, requeued=requeued, released=affected(freed))

    async def reclaim_if_due(self, now: datetime) -> Reclaimed | None:
        """``reclaim`` when ``reclaim_every`` seconds passed since the last one by this outbox
        (the first call runs it); for workers that poll in rounds."""
        if self._last_reclaim is not None and \
                now < self._last_reclaim + timedelta(seconds=self.reclaim_every):
            return None
        self._last_reclaim = now
        return await self.reclaim(now)

    def _gave_up(self, error: str | None, attempts: int) -> str | None:
        """``error`` with ``gave_up_note`` after it, cut so the note survives ``error_length``."""
        if not self.gave_up_note:
            return error
        note = self.gave_up_note.format(n=attempts)
        return f"{(error or '')[:max(self.error_length - len(note) - 3, 0)]} — {note}"

    def _mine(self, state: OutboxState) -> tuple[ColumnElement[bool], ...]:
        t = self.table
        return (t.c.state == state.value, t.c.claimed_by == self.worker)


async def resolve_uncertain(session: AsyncSession, table: Table, ids: Sequence[int], *,
                            resend: bool, now: datetime,
                            sent_column: str | None = None) -> list[int]:
    """A person's decision on ``incierta`` rows, in the caller's transaction: ``resend`` puts
    them back in the queue, due now (they may arrive twice); otherwise they count as sent (the
    person knows they arrived), at the time they were due (``sent_column``). Rows no longer
    ``incierta`` are left alone; returns the ids changed."""
    if not ids:
        return []
    t = table
    values: dict[str, Any] = {"last_error": None, "claimed_by": None, "lease_until": None}
    if resend:
        values.update(state=OutboxState.PENDIENTE.value, next_attempt_at=now)
    else:
        values["state"] = OutboxState.ENVIADA.value
        if sent_column:
            values[sent_column] = t.c.next_attempt_at
    result = await session.execute(
        update(t).where(t.c.id.in_(list(ids)), t.c.state == OutboxState.INCIERTA.value)
        .values(values).returning(t.c.id))
    return sorted(result.scalars())
