"""The delivery engine's storage on the shared outbox (``nucleo.outbox``): claim due rows of
running runs with a lease, mark them 'enviando' only when their send starts, record outcomes
in batches, and reclaim expired leases (rows in flight then become 'incierta')."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from campañas import messages as msg
from campañas.audience import WHATSAPP
from campañas.models import Campaign, Delivery, Piece, Run
from campañas.senders.base import OutgoingDelivery
from campañas.states import CampaignStatus, DeliveryState, RunState
from campañas.values import ValueRegistry
from campañas.whatsapp_plans import PLAN_COLUMNS, plan_of
from campañas.whatsapp_status import DeliveryStatuses
from nucleo.db import Database, after_commit, table_of
from nucleo.directory.models import WhatsAppContact
from nucleo.models import Person
from nucleo.outbox import Outbox, Reclaimed, Settle

DELIVERIES = table_of(Delivery)
RUNS = table_of(Run)
CAMPAIGNS = table_of(Campaign)
# A paused or cancelled campaign sends nothing, not even to the late subscribers of its runs
# already finished (or the «incierta» rows HR chose to resend).
HELD = (CampaignStatus.PAUSADA.value, CampaignStatus.CANCELADA.value)

log = logging.getLogger(__name__)


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
    wamid: str | None = None  # the WhatsApp message id, for its status webhooks


# How long a claim (and then a send) belongs to its worker. Claims are made only ~0.1 s ahead of
# the limiter's slots and a send gives up within its HTTP/SMTP time-outs (seconds), so a dead
# worker's rows come back to the queue (or become «incierta») two minutes later at most; a live
# worker whose claim expired is refused at ``begin`` and never sends that row.
LEASE = timedelta(minutes=2)


def deliveries_outbox(db: Database, worker: str = "campaigns",
                      lease: timedelta = LEASE) -> Outbox:
    """The outbox of ``campaign_deliveries``: the engine's claims and outcomes, and a status
    webhook that reopens a delivery WhatsApp did not deliver after all."""
    return Outbox(db, DELIVERIES, worker=worker, lease=lease, sent_column="sent_at",
                  uncertain_error=msg.DELIVERY_UNCERTAIN)


class DeliveryStore:
    """Claims and updates deliveries for one engine; ``worker`` labels its claims (``claimed_by``)."""

    def __init__(self, db: Database, worker: str, registry: ValueRegistry | None = None, *,
                 lease: timedelta = LEASE) -> None:
        self.db = db
        self.registry = registry or ValueRegistry()
        self.outbox = deliveries_outbox(db, worker, lease)
        self.statuses = DeliveryStatuses(db, self.outbox)  # kept WhatsApp statuses
        self._pieces: dict[int, Piece] = {}
        self._source = DELIVERIES.join(RUNS, RUNS.c.id == DELIVERIES.c.run_id).join(
            CAMPAIGNS, CAMPAIGNS.c.id == RUNS.c.campaign_id)
        # A campaign paused after its rows were claimed: they are not started, the engine
        # gives them back (claims may reach a fraction of a second ahead of the sends).
        self._not_held = DELIVERIES.c.run_id.in_(
            select(RUNS.c.id).join(CAMPAIGNS, CAMPAIGNS.c.id == RUNS.c.campaign_id)
            .where(CAMPAIGNS.c.status.not_in(HELD)))

    async def _load_pieces(self, session: AsyncSession, piece_ids: set[int]) -> None:
        missing = [i for i in piece_ids if i not in self._pieces]
        if missing:
            for piece in await session.scalars(select(Piece).where(Piece.id.in_(missing))):
                self._pieces[piece.id] = piece

    async def claim(self, channel: str, limit: int, now: datetime) -> list[OutgoingDelivery]:
        """Claim up to ``limit`` due deliveries of running runs for this worker (a lease; they
        stay 'pendiente' until ``begin``). ``attempts`` counts the attempt about to be made."""
        rows = await self.outbox.claim(
            now, limit, source=self._source,
            where=(DELIVERIES.c.channel == channel,
                   RUNS.c.state.in_((RunState.EN_CURSO.value, RunState.FINALIZADA.value)),
                   CAMPAIGNS.c.status.not_in(HELD)),
            returning=(DELIVERIES.c.piece_id,))
        if not rows:
            return []
        whatsapp = channel == WHATSAPP  # also the number and the piece's template, as now
        query = (select(DELIVERIES.c.id.label("delivery_id"), Person.id, Person.full_name,
                        Person.telegram_chat_id, Person.email, Person.token_nonce,
                        Person.unsubscribe_nonce)
                 .select_from(DELIVERIES).join(Person, Person.id == DELIVERIES.c.person_id)
                 .where(DELIVERIES.c.id.in_([r.id for r in rows])))
        if whatsapp:
            query = (query.add_columns(WhatsAppContact.wa_id, *PLAN_COLUMNS)
                     .outerjoin(WhatsAppContact, WhatsAppContact.person_id == Person.id)
                     .join(Piece, Piece.id == DELIVERIES.c.piece_id)
                     .join(Campaign, Campaign.id == Piece.campaign_id))
        async with self.db.session() as session:  # each delivery's person (number, plan)
            found = (await session.execute(query)).all()
            await self._load_pieces(session, {r.piece_id for r in rows})
        people = {p.delivery_id: p for p in found}
        out = []
        for row in rows:
            person = people.get(row.id)
            if person is None:  # deleted since: its deliveries cascade away
                continue
            out.append(OutgoingDelivery.for_piece(
                self._pieces[row.piece_id], self.registry, delivery_id=row.id, channel=channel,
                person_id=person.id, full_name=person.full_name,
                chat_id=person.telegram_chat_id, email=person.email, attempts=row.attempts + 1,
                token_nonce=person.token_nonce, unsubscribe_nonce=person.unsubscribe_nonce,
                wa_id=person.wa_id if whatsapp else None,
                whatsapp_template=plan_of(person) if whatsapp else None))
        return out

    async def begin(self, delivery_ids: Sequence[int], now: datetime,
                    results: Sequence[Result] = ()) -> set[int]:
        """Mark claimed deliveries 'enviando' right before their send; the ones that are still
        this worker's (not cancelled, not reclaimed, their campaign not paused since the
        claim) come back and may be sent. ``results`` of earlier sends are written in the same
        transaction: one commit (one ``fsync``) for both."""
        if not results:
            return set(await self.outbox.begin(delivery_ids, now, where=(self._not_held,)))
        async with self.db.write_gate(), self.db.session() as session:
            await self._record_in(session, results)
            started = await self.outbox.begin_in(session, delivery_ids, now,
                                                 where=(self._not_held,))
            await session.commit()
        return set(started)

    async def release(self, delivery_ids: Sequence[int]) -> int:
        """Give back claimed deliveries that were never sent."""
        return await self.outbox.release(delivery_ids)

    def remember_file_id(self, piece_id: int, file_id: str, channel: str = "telegram") -> None:
        piece = self._pieces.get(piece_id)
        if piece is not None:
            setattr(piece, Piece.media_column(channel), file_id)

    async def record(self, results: Sequence[Result]) -> None:
        """Write the outcomes of sends in one transaction; only rows still in flight for this
        worker change. Blocked people and uploaded files are remembered too."""
        if not results:
            return
        async with self.db.write_gate(), self.db.session() as session:
            await self._record_in(session, results)
            await session.commit()

    async def _record_in(self, session: AsyncSession, results: Sequence[Result]) -> None:
        """``record`` in the caller's transaction."""
        await self.outbox.settle(session, [
            Settle(r.delivery_id, r.state, r.at, r.next_attempt_at, r.error)
            for r in results])
        for r in results:
            if r.state is DeliveryState.BLOQUEADA and r.channel != WHATSAPP:
                # (a WhatsApp opt-out is the person's, kept on the delivery: the number
                # still serves the bot's replies)
                column = "telegram_blocked_at" if r.channel == "telegram" else \
                    "email_unreachable_at"
                await session.execute(update(Person).where(Person.id == r.person_id)
                                      .values({column: r.at}))
        for r in results:
            if r.file_id is not None:
                await session.execute(update(Piece).where(Piece.id == r.file_id[0])
                                      .values({Piece.media_column(r.channel): r.file_id[1]}))
        sent = [r for r in results if r.wamid and r.state is DeliveryState.ENVIADA]
        if sent:  # one executemany for the batch; a row deleted meanwhile (the person
            # asked to be forgotten) is simply not there, never an error for the batch
            await session.execute(
                update(DELIVERIES).where(DELIVERIES.c.id == bindparam("row_id"))
                .values(wamid=bindparam("message_id"))
                .execution_options(synchronize_session=False),
                [{"row_id": r.delivery_id, "message_id": r.wamid} for r in sent])
            # statuses that came before their wamid was stored: applied with it, and what
            # was kept while this transaction ran, right after it (on PostgreSQL: on SQLite
            # the write gate puts the keeping before or after this transaction, never inside)
            recorded = tuple(r.wamid for r in sent if r.wamid)
            try:  # in a savepoint: a status that cannot apply never undoes the batch's record
                async with session.begin_nested():
                    await self.statuses.claim(session, recorded)
            except Exception as exc:  # its kind only: the error's text may carry wamids
                log.warning("whatsapp: kept statuses could not be applied with their "
                            "deliveries (%s); they stay kept until purged", type(exc).__name__)
            if not self.db.is_sqlite:
                after_commit(session, partial(self.statuses.claim_later, recorded))

    async def reclaim(self, now: datetime) -> Reclaimed:
        """Expired leases, whoever held them: rows in flight become 'incierta' (outcome
        unknown, never resent), claims never started go back to the queue. The engine runs it
        at start and every ``reclaim_interval`` seconds."""
        return await self.outbox.reclaim(now)
