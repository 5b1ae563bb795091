"""«failed» status webhooks → the bot's notices (``bot_outbox`` rows sent over WhatsApp).

The Cloud API accepts a message (an id, ``wamid``) and may say later, in a status webhook, that
it could not deliver it (the 24-hour window had closed, the number left WhatsApp, the template
was paused...). ``bot.whatsapp.notices`` keeps each notice's message ids in
``whatsapp_notice_messages``; here a ``failed`` status for one of them turns its row from
«enviada» into:

- «fallida», with the reason in Spanish for HR, for what no retry fixes;
- «pendiente» again (after a wait) for what says «later» (throughput, Meta's temporary
  failures): the notices' outbox resends (a duplicate notice is better than a lost one).

Only a row still «enviada» changes, so a replayed webhook changes nothing; a status for a
message that is not a notice (a reply of the chat, a campaign piece) is left to the others.
Nothing here logs a number or a message id.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import OutboxMessage
from bot.notify import QUEUED
from bot.whatsapp import messages
from bot.whatsapp.client import ERROR_KINDS, RETRYABLE
from bot.whatsapp.models import WhatsAppNoticeMessage
from nucleo.db import Database, signal
from nucleo.outbox import OutboxState
from nucleo.ports import MessageStatus

log = logging.getLogger(__name__)
PAIR_LIMIT_WAIT = timedelta(seconds=60)  # 131056: too many messages to this one person
RETRY_WAIT = timedelta(seconds=30)


def late_failure(code: int | None, template: str | None) -> tuple[OutboxState, str, timedelta]:
    """What a ``failed`` status with ``code`` does to a sent notice: its new state, the reason
    and, for «pendiente», how long to wait."""
    kind = ERROR_KINDS.get(code, "failed") if code is not None else "failed"
    shown = "—" if code is None else str(code)
    if kind in RETRYABLE:
        wait = PAIR_LIMIT_WAIT if code == 131056 else RETRY_WAIT
        return OutboxState.PENDIENTE, messages.NOTICE_LATE_RETRY.format(code=shown), wait
    if kind == "reengagement":
        return OutboxState.FALLIDA, messages.NOTICE_LATE_WINDOW, timedelta(0)
    if kind == "not_on_whatsapp":
        return OutboxState.FALLIDA, messages.NOTICE_LATE_NOT_ON_WHATSAPP, timedelta(0)
    if kind == "template_paused":
        return OutboxState.FALLIDA, messages.NOTICE_LATE_TEMPLATE.format(
            name=template or "—", code=shown), timedelta(0)
    return OutboxState.FALLIDA, messages.NOTICE_LATE_REFUSED.format(code=shown), timedelta(0)


class NoticeStatuses:
    """Applies ``failed`` statuses to the notices they concern (an action: it commits)."""

    def __init__(self, db: Database, template: str | None = None) -> None:
        self.db = db
        self.template = template  # the notices' template, named in its reason

    async def record(self, statuses: Sequence[MessageStatus]) -> int:
        """Apply the ``failed`` statuses of notices; returns how many rows changed."""
        failed = {s.message_id: s for s in statuses if s.status == "failed" and s.message_id}
        if not failed:
            return 0
        async with self.db.transaction() as session:
            rows = (await session.execute(
                select(WhatsAppNoticeMessage.wamid, OutboxMessage)
                .join(OutboxMessage, OutboxMessage.id == WhatsAppNoticeMessage.outbox_id)
                .where(WhatsAppNoticeMessage.wamid.in_(sorted(failed)))
                .with_for_update(of=OutboxMessage))).all()
            changed = 0
            for wamid, row in rows:
                if self._apply(session, row, failed[wamid]):
                    changed += 1
        if changed:
            log.info("whatsapp: %d sent notice(s) reported failed", changed)
        return changed

    def _apply(self, session: AsyncSession, row: OutboxMessage, status: MessageStatus) -> bool:
        if row.state != OutboxState.ENVIADA.value:
            return False  # applied already (another message of the notice, a replay)
        state, reason, wait = late_failure(
            status.error_codes[0] if status.error_codes else None, self.template)
        row.state = state.value
        row.last_error = reason[:200]
        if state is OutboxState.PENDIENTE:
            row.sent_at = None
            row.claimed_by = None
            row.lease_until = None
            row.next_attempt_at = status.at + wait
            signal(session, QUEUED)
        return True
