"""«failed» status webhooks → the bot's notices (``bot_outbox`` rows sent over WhatsApp).

The Cloud API accepts a message (an id, ``wamid``) and may say later, in a status webhook, that
it could not deliver it (the 24-hour window had closed, the number left WhatsApp, the template
was paused...). ``bot.whatsapp.notices`` keeps each notice's message ids in
``whatsapp_notice_messages``; here a ``failed`` status for one of them turns its row from
«enviada» into:

- «fallida», with the reason in Spanish for HR, for what no retry fixes;
- «pendiente» again (after a wait) for what says «later» (throughput, Meta's temporary
  failures): the notices' outbox resends (a duplicate notice is better than a lost one);
- for 131047 (Meta saw the 24-hour window closed while the service's clock had it open), with
  the notice template configured: the chat's window is marked closed as of the failure and the
  row goes back to «pendiente», so it leaves again as the template (once: the window is closed
  now). Without the template it fails.

A ``failed`` status may arrive before the worker has committed the notice's message ids (they
are stored with the send's outcome): the channel keeps a status nobody claims
(``nucleo.whatsapp_kept``) and looks again after keeping it; the notice takes what is kept for
its ids right after its own commit (``claim_early``). Each side looks again after its own
commit, so one of them always sees the other.

Only a row still «enviada» changes, and a row sent again forgets its old message ids, so a
replayed webhook changes nothing; a status for a
message that is not a notice (a reply of the chat, a campaign piece) is left to the others.
Nothing here logs a number or a message id.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import OutboxMessage
from bot.notify import MAX_ATTEMPTS, notices_outbox, wake_worker
from bot.whatsapp import messages
from bot.whatsapp.models import WhatsAppNoticeMessage, WhatsAppWindow
from bot.whatsapp.notice_outcomes import late_failure
from bot.whatsapp.window import WINDOW, ServiceWindow
from nucleo.db import Database
from nucleo.directory.models import WhatsAppContact
from nucleo.outbox import OutboxState
from nucleo.ports import MessageStatus
from nucleo.whatsapp_kept import forget, take

log = logging.getLogger(__name__)
WINDOW_CLOSED = 131047


class NoticeStatuses:
    """Applies ``failed`` statuses to the notices they concern (an action: it commits)."""

    def __init__(self, db: Database, template: Callable[[], str | None],
                 window: ServiceWindow, *, max_attempts: int = MAX_ATTEMPTS) -> None:
        self.db = db
        self.template = template  # the notices' template (as configured now)
        self.window = window  # marked closed by a late 131047 (with the template only)
        # the give-up path and wording of the notices' outbox (``OutboxWorker.max_attempts``)
        self.outbox = notices_outbox(db, max_attempts=max_attempts,
                                     gave_up_note=messages.NOTICE_LATE_GAVE_UP)

    async def record(self, statuses: Sequence[MessageStatus]) -> frozenset[str]:
        """Apply the ``failed`` statuses of notices; returns the ids of the notices' messages
        among them (whatever their status), so the channel keeps only the others."""
        by_id = {s.message_id: s for s in statuses if s.message_id}
        if not by_id:
            return frozenset()
        changed, found = await self._match(by_id)
        if changed:
            log.info("whatsapp: %d sent notice(s) reported failed", changed)
        return frozenset(found)

    async def claim_early(self, wamids: Sequence[str]) -> int:
        """After a notice's message ids are committed: apply the statuses kept for them (they
        arrived first); returns how many rows changed."""
        async with self.db.transaction() as session:
            kept = await take(session, wamids)
            failed = {k.message_id: k for k in kept if k.status == "failed"}
            changed = await self._apply_found(session, failed) if failed else 0
        if changed:
            log.info("whatsapp: %d sent notice(s) reported failed before they were stored",
                     changed)
        return changed

    async def _match(self, statuses: dict[str, MessageStatus]) -> tuple[int, set[str]]:
        """Apply the ``failed`` statuses to the notices that have their ids (one transaction,
        which also drops what is kept for those ids); returns the rows changed and the ids
        found."""
        async with self.db.transaction() as session:
            found = set((await session.execute(select(WhatsAppNoticeMessage.wamid).where(
                WhatsAppNoticeMessage.wamid.in_(sorted(statuses))))).scalars())
            failed = {w: s for w, s in statuses.items() if w in found and s.status == "failed"}
            changed = await self._apply_found(session, failed) if failed else 0
            await forget(session, sorted(found))
        return changed, found

    async def _apply_found(self, session: AsyncSession,
                           failed: dict[str, MessageStatus]) -> int:
        rows = (await session.execute(
            select(WhatsAppNoticeMessage.wamid, OutboxMessage)
            .join(OutboxMessage, OutboxMessage.id == WhatsAppNoticeMessage.outbox_id)
            .where(WhatsAppNoticeMessage.wamid.in_(sorted(failed)))
            .with_for_update(of=OutboxMessage))).all()
        changed: set[int] = set()  # a notice's other messages change nothing more
        for wamid, row in rows:
            if row.id not in changed and await self._apply(session, row, failed[wamid]):
                changed.add(row.id)
        return len(changed)

    async def _apply(self, session: AsyncSession, row: OutboxMessage,
                     status: MessageStatus) -> bool:
        if row.state != OutboxState.ENVIADA.value:
            return False  # applied already (another message of the notice, a replay)
        code = status.error_codes[0] if status.error_codes else None
        state, reason, wait, final = late_failure(code, self.template())
        if state is OutboxState.PENDIENTE:
            given_up = self.outbox.retry(row.id, status.at, final, attempts=row.attempts)
            if given_up.state is OutboxState.FALLIDA:
                state, reason = OutboxState.FALLIDA, given_up.error or final
        if state is OutboxState.FALLIDA:
            row.state = state.value
            row.last_error = reason[:200]
            return True
        if code == WINDOW_CLOSED and row.person_id is not None:
            await self._close_window(session, row.person_id, status.at)
        # its old messages no longer speak for it: a replayed status of one of them must not
        # send the notice a third time once it went again
        await session.execute(delete(WhatsAppNoticeMessage).where(
            WhatsAppNoticeMessage.outbox_id == row.id))
        await self.outbox.reopen(session, row.id, status.at + wait, reason)
        wake_worker(session)
        return True

    async def _close_window(self, session: AsyncSession, person_id: int,
                            at: datetime) -> None:
        """Meta says the window was closed at ``at``: move the chat's last inbound back so
        the service sees it closed too (a message the person writes later opens it again)."""
        wa_id = (await session.execute(select(WhatsAppContact.wa_id).where(
            WhatsAppContact.person_id == person_id))).scalar()
        if wa_id is None:
            return
        await session.execute(update(WhatsAppWindow).where(
            WhatsAppWindow.key == self.window.key(wa_id),
            WhatsAppWindow.last_inbound_at > at - WINDOW,
            WhatsAppWindow.last_inbound_at <= at)  # written since: the person reopened it
            .values(last_inbound_at=at - WINDOW))
