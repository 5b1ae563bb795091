"""The delivery engine's storage: claim rows (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, one
writer at a time on SQLite, both with ``UPDATE … RETURNING``), record outcomes in batches, and
turn rows left 'enviando' by a crash into 'incierta'."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from campañas import messages as msg
from campañas.models import Delivery, Piece
from campañas.senders.base import OutgoingDelivery
from campañas.states import DeliveryState, RunState
from campañas.values import ValueRegistry
from nucleo.db import Database, UTCDateTime
from nucleo.models import Person

_CLAIM = """
UPDATE campaign_deliveries SET state = 'enviando', claimed_by = :worker, claimed_at = :now,
       attempts = attempts + 1
WHERE id IN (
    SELECT d.id FROM campaign_deliveries d JOIN campaign_runs r ON r.id = d.run_id
    WHERE d.state = 'pendiente' AND d.channel = :channel AND d.next_attempt_at <= :now
      AND r.state IN ('{running}', '{finished}')
    ORDER BY d.id LIMIT :limit {locking})
RETURNING id, piece_id, person_id, attempts
"""


@dataclass(frozen=True)
class Result:
    """What to write for one delivery after its send."""

    delivery_id: int
    person_id: int
    channel: str
    state: DeliveryState
    at: datetime
    next_attempt_at: datetime | None = None
    error: str | None = None
    file_id: tuple[int, str] | None = None


class DeliveryStore:
    """Claims and updates deliveries for one engine; ``worker`` names it in ``claimed_by``."""

    def __init__(self, db: Database, worker: str, registry: ValueRegistry | None = None) -> None:
        self.db = db
        self.worker = worker
        self.registry = registry or ValueRegistry()
        self._pieces: dict[int, Piece] = {}
        locking = "" if db.is_sqlite else "FOR UPDATE OF d SKIP LOCKED"
        self._claim_sql = text(_CLAIM.format(
            running=RunState.EN_CURSO.value, finished=RunState.FINALIZADA.value, locking=locking,
        )).bindparams(bindparam("now", type_=UTCDateTime()))

    async def _load_pieces(self, session: AsyncSession, piece_ids: set[int]) -> None:
        missing = [i for i in piece_ids if i not in self._pieces]
        if missing:
            for piece in await session.scalars(select(Piece).where(Piece.id.in_(missing))):
                self._pieces[piece.id] = piece

    async def claim(self, channel: str, limit: int, now: datetime) -> list[OutgoingDelivery]:
        """Mark up to ``limit`` due deliveries 'enviando' for this worker and commit, so the
        claim is durable before anything is sent."""
        if limit <= 0:
            return []
        async with self.db.write_gate(), self.db.session() as session:
            rows = (await session.execute(self._claim_sql, {
                "worker": self.worker, "now": now, "channel": channel, "limit": limit,
            })).all()
            if not rows:
                await session.commit()
                return []
            people = {p.id: p for p in (await session.execute(
                select(Person.id, Person.full_name, Person.telegram_chat_id, Person.email)
                .where(Person.id.in_([r.person_id for r in rows])))).all()}
            await self._load_pieces(session, {r.piece_id for r in rows})
            await session.commit()
            out = []
            for row in sorted(rows, key=lambda r: r.id):
                piece = self._pieces[row.piece_id]
                person = people[row.person_id]
                out.append(OutgoingDelivery.for_piece(
                    piece, self.registry, delivery_id=row.id, channel=channel,
                    person_id=person.id, full_name=person.full_name,
                    chat_id=person.telegram_chat_id, email=person.email, attempts=row.attempts))
            return out

    def remember_file_id(self, piece_id: int, file_id: str) -> None:
        piece = self._pieces.get(piece_id)
        if piece is not None:
            piece.telegram_file_id = file_id

    async def record(self, results: Sequence[Result]) -> None:
        """Write the outcomes of sends in one transaction; only rows still 'enviando' change.
        Sent rows go in one ``UPDATE … WHERE id IN (…)``; the rest one by one."""
        if not results:
            return
        sent = [r for r in results if r.state is DeliveryState.ENVIADA]
        others = [r for r in results if r.state is not DeliveryState.ENVIADA]
        table = Delivery.__table__
        in_flight = table.c.state == DeliveryState.ENVIANDO.value
        async with self.db.write_gate(), self.db.session() as session:
            if sent:
                await session.execute(
                    update(table).where(table.c.id.in_([r.delivery_id for r in sent]), in_flight)
                    .values(state=DeliveryState.ENVIADA.value, sent_at=max(r.at for r in sent),
                            last_error=None))
            if others:
                await session.execute(
                    update(table).where(table.c.id == bindparam("did"), in_flight)
                    .values(state=bindparam("new_state"), last_error=bindparam("err"),
                            next_attempt_at=bindparam("next_at")),
                    [{"did": r.delivery_id, "new_state": r.state.value,
                      "err": r.error[:300] if r.error else None,
                      "next_at": r.next_attempt_at or r.at} for r in others])
            for r in others:
                if r.state is DeliveryState.BLOQUEADA:
                    column = "telegram_blocked_at" if r.channel == "telegram" else \
                        "email_unreachable_at"
                    await session.execute(update(Person).where(Person.id == r.person_id)
                                          .values({column: r.at}))
            for r in results:
                if r.file_id is not None:
                    await session.execute(update(Piece).where(Piece.id == r.file_id[0])
                                          .values(telegram_file_id=r.file_id[1]))
            await session.commit()

    async def recover(self, now: datetime, lease: timedelta) -> int:
        """Rows this worker left 'enviando' (a crash), or any row claimed longer ago than the
        lease, become 'incierta': their outcome is unknown and they are never resent."""
        condition = or_(Delivery.claimed_by == self.worker, Delivery.claimed_at < now - lease)
        async with self.db.write_gate(), self.db.session() as session:
            result = await session.execute(
                update(Delivery)
                .where(Delivery.state == DeliveryState.ENVIANDO.value, condition)
                .values(state=DeliveryState.INCIERTA.value,
                        last_error=msg.DELIVERY_UNCERTAIN))
            await session.commit()
            return int(result.rowcount or 0)
