"""WhatsApp status webhooks → campaign deliveries (the ``WHATSAPP_STATUSES`` port, #20).

A delivery sent over WhatsApp keeps the ``wamid`` the Cloud API gave it. Its statuses then:

- ``delivered`` and ``read`` set ``delivered_at`` / ``read_at`` once (a ``read`` also implies
  delivered; a late ``delivered`` never moves a time); a replayed webhook changes nothing;
- ``failed`` (asynchronous errors such as 131049 or 131026) turns a sent delivery into
  ``fallida`` or ``bloqueada`` with the reason of ``whatsapp_outcomes``; a code that pauses the
  campaign (template paused, spam limit...) also pauses it with the reason for HR; a code that
  says «later» gives the row back to the queue through the deliveries' outbox
  (``Outbox.reopen``: WhatsApp did not deliver it, so it is sent once, not twice), or fails it
  when its attempts are used up (``Outbox.retry``);
- a status for a message the service does not know yet is kept by the WhatsApp channel
  (``nucleo.whatsapp_kept``): the send's answer may still be being recorded. Recording the
  wamid takes what is kept for it and applies it in the same transaction (``claim``), and once
  more right after that commit (``claim_later``: a status kept while that transaction ran); a
  status applied by either is gone from the table, so it applies once. One for a message never
  recorded (a bot reply, an «incierta» delivery) is purged after an hour (``KEPT``);
- a status that cannot be recorded is logged (its kind, never the number or the message id)
  and skipped: the others of its notification are kept and the webhook still answers 200.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from campañas import messages as msg
from campañas.actions import pause_in
from campañas.effects import DELIVERIES_QUEUED
from campañas.models import Campaign, Delivery, Piece
from campañas.senders.whatsapp_outcomes import Action, outcome_for
from campañas.states import CampaignStatus, DeliveryState
from campañas.whatsapp_plans import PLAN_COLUMNS, plan_of
from nucleo.db import Database, commit, signal
from nucleo.outbox import Outbox, OutboxState
from nucleo.ports import MessageStatus
from nucleo.whatsapp_kept import any_kept, forget, take

log = logging.getLogger(__name__)
PAUSE_MEMORY = timedelta(seconds=60)  # deliveries in flight at the pause come back within it
PAUSABLE = (CampaignStatus.PROGRAMADA.value, CampaignStatus.EN_CURSO.value)


async def pause_for_whatsapp(session: AsyncSession, campaign_id: int, reason: str) -> bool:
    """Pause a running or scheduled campaign because WhatsApp refuses it for everybody, with
    ``reason`` for HR (in the caller's transaction). False when it was not running."""
    campaign = await session.get(Campaign, campaign_id, with_for_update=True)
    if campaign is None or campaign.status not in PAUSABLE:
        return False
    await pause_in(session, campaign, reason=reason)
    return True


class PauseOnce:
    """The WhatsApp sender's way to pause a campaign WhatsApp refuses for everybody (template
    paused, spam limit...): once, however many of its deliveries in flight come back with the
    refusal. The first one pauses it in a transaction of its own; the others wait for that
    pause and do nothing. A campaign is forgotten when it changes in this process (``forget``
    on ``CAMPAIGN_CHANGED``: HR resumed it) or ``PAUSE_MEMORY`` after its pause (a resume in
    another process), so a refusal after a resume pauses it again."""

    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self.db = db
        self.clock = clock
        self._pauses: dict[int, tuple[asyncio.Future[bool], datetime]] = {}

    async def __call__(self, campaign_id: int, reason: str) -> None:
        now = self.clock()
        kept = self._pauses.get(campaign_id)
        if kept is None or (kept[0].done() and (
                kept[0].cancelled() or kept[0].exception() is not None
                or now - kept[1] >= PAUSE_MEMORY)):
            kept = self._pauses[campaign_id] = (
                asyncio.ensure_future(self._pause(campaign_id, reason)), now)
        await asyncio.shield(kept[0])

    def forget(self, campaign_id: int) -> None:
        """The campaign changed: its next refusal pauses it again (a pause under way stays:
        its own commit is one of these changes)."""
        kept = self._pauses.get(campaign_id)
        if kept is not None and kept[0].done():
            del self._pauses[campaign_id]

    async def _pause(self, campaign_id: int, reason: str) -> bool:
        async with self.db.transaction() as session:
            return await pause_for_whatsapp(session, campaign_id, reason)


class DeliveryStatuses:
    """The port's implementation on the campaigns' database."""

    def __init__(self, db: Database, outbox: Outbox | None = None) -> None:
        self.db = db
        if outbox is None:
            from campañas.store import deliveries_outbox  # the store imports this module

            outbox = deliveries_outbox(db, "whatsapp-statuses")
        self.outbox = outbox

    async def record(self, statuses: Sequence[MessageStatus]) -> frozenset[str]:
        """Apply a notification's statuses in one transaction; if that fails, each one in its
        own, skipping (and logging, without data) those that fail again: Meta resends a whole
        notification that is not answered 200, its people's messages included."""
        try:
            return await self._record(statuses)
        except Exception as exc:
            log.warning("whatsapp statuses: the batch of %d failed (%s); recording them one "
                        "by one", len(statuses), type(exc).__name__)
        known: set[str] = set()
        for status in statuses:
            try:
                known |= await self._record([status])
            except Exception as exc:
                log.warning("whatsapp status %r not recorded (%s)", status.status,
                            type(exc).__name__)
        return frozenset(known)

    async def claim(self, session: AsyncSession, wamids: Sequence[str]) -> int:
        """Deliveries' wamids were just stored in ``session``'s transaction: apply the
        statuses kept for them (they came first), in that transaction. Returns the changes."""
        kept = await take(session, wamids)
        if not kept:
            return 0
        changed, _ = await self.apply_in(session, kept)
        log.info("whatsapp: %d status(es) that came before their delivery was recorded "
                 "taken, %d change(s)", len(kept), changed)
        return changed

    async def claim_later(self, wamids: Sequence[str]) -> int:
        """After the commit that stored these wamids: apply what was kept for them while that
        transaction ran (an action: it commits)."""
        async with self.db.session() as session:  # the usual answer is nothing, read only
            waiting = await any_kept(session, wamids)
        if not waiting:
            return 0
        async with self.db.transaction() as session:
            return await self.claim(session, wamids)

    async def _record(self, statuses: Sequence[MessageStatus]) -> frozenset[str]:
        if not any(s.message_id for s in statuses):
            return frozenset()
        async with self.db.session() as session:
            changed, found = await self.apply_in(session, statuses)
            if found:  # whatever was kept for them is applied or moot now
                changed += await forget(session, sorted(found))
            if changed:
                await commit(session)
        return frozenset(found)

    async def apply_in(self, session: AsyncSession,
                       statuses: Sequence[MessageStatus]) -> tuple[int, set[str]]:
        """Apply the statuses to the deliveries that have their wamids, in ``session``'s
        transaction; returns the changes and the wamids found."""
        ids = sorted({s.message_id for s in statuses if s.message_id})
        if not ids:
            return 0, set()
        found = (await session.execute(
            select(Delivery, *PLAN_COLUMNS).join(Piece, Piece.id == Delivery.piece_id)
            .join(Campaign, Campaign.id == Piece.campaign_id)
            .where(Delivery.wamid.in_(ids)).with_for_update(of=Delivery)
            .execution_options(populate_existing=True))).all()
        rows = {row.Delivery.wamid: row for row in found}
        changed = 0
        for status in statuses:
            row = rows.get(status.message_id)
            if row is not None and await self._apply(session, row.Delivery, row, status):
                changed += 1
        return changed, {wamid for wamid in rows if wamid}

    async def _apply(self, session: AsyncSession, delivery: Delivery, plan_row: Any,
                     status: MessageStatus) -> bool:
        """``plan_row`` has the ``PLAN_COLUMNS`` of the delivery's piece."""
        if status.status in ("delivered", "read"):
            touched = False
            if delivery.delivered_at is None:
                delivery.delivered_at = status.at
                touched = True
            if status.status == "read" and delivery.read_at is None:
                delivery.read_at = status.at
                touched = True
            return touched
        if status.status != "failed" or delivery.state != DeliveryState.ENVIADA.value:
            return False  # "sent" adds nothing; a failure is applied once
        plan = plan_of(plan_row)
        outcome = outcome_for(status.error_codes[0] if status.error_codes else None,
                              status=400, template=plan.name if plan is not None else None)
        if outcome.action is Action.RETRY:
            retry = self.outbox.retry(delivery.id, status.at, outcome.reason,
                                      attempts=delivery.attempts, wait=outcome.retry_after or 0)
            if retry.state is OutboxState.PENDIENTE and retry.next_attempt_at is not None:
                # its old wamid no longer speaks for it: a replayed status finds nothing
                delivery.wamid = None
                await session.flush()
                await self.outbox.reopen(session, delivery.id, retry.next_attempt_at,
                                         outcome.reason)
                await session.refresh(delivery)  # a replay in this batch sees it reopened
                signal(session, DELIVERIES_QUEUED)
                return True
            delivery.state = DeliveryState.FALLIDA.value
            delivery.last_error = msg.WA_LATE_GAVE_UP.format(
                code="—" if outcome.code is None else outcome.code, n=delivery.attempts)
            return True
        delivery.last_error = outcome.reason
        if outcome.action is Action.BLOCKED:
            delivery.state = DeliveryState.BLOQUEADA.value
        else:
            delivery.state = DeliveryState.FALLIDA.value
            if outcome.action is Action.PAUSE and not await pause_for_whatsapp(
                    session, plan_row.plan_campaign_id, outcome.reason):
                # the reason says «Campaña en pausa»: only when this status paused it
                delivery.last_error = msg.WA_OTHER.format(code=outcome.code)
        return True
