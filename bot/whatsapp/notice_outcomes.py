"""What a Cloud API error makes of a bot notice: at once, when the send is refused
(``outcome_of``: an outbox outcome), or later, when a ``failed`` status webhook says a sent
notice was not delivered (``late_failure``: the row's new state). One mapping for both: the
error's kind (``bot.whatsapp.client.ERROR_KINDS``) gives the reason HR reads
(``messages.NOTICE_REASONS``) and whether it says «later» (``RETRYABLE``)."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import NamedTuple

from bot.notify import Outcome
from bot.whatsapp import messages
from bot.whatsapp.client import ERROR_KINDS, RETRYABLE, WhatsAppError
from nucleo.outbox import OutboxState

log = logging.getLogger(__name__)
PAIR_LIMIT = 131056  # too many messages to this one person: wait a minute
PAIR_LIMIT_WAIT = timedelta(seconds=60)
RETRY_WAIT = timedelta(seconds=30)  # a late failure that says «later»


def reason_of(kind: str, code: int | None, template: str | None) -> str:
    """Why WhatsApp refused or did not deliver a notice, in Spanish for HR."""
    text = messages.NOTICE_REASONS.get(kind, messages.NOTICE_REASONS["failed"])
    return text.format(code="—" if code is None else code, name=template or "—")


def outcome_of(exc: WhatsAppError, template: str | None) -> Outcome:
    """The outbox outcome of a send the Cloud API refused (rejected credentials are retried
    too: they are the service's to fix, not the notice's)."""
    reason = reason_of(exc.kind, exc.code, template)
    if exc.kind in RETRYABLE or exc.kind == "auth":
        return Outcome("retry", error=messages.NOTICE_RETRY.format(reason=reason),
                       retry_after=PAIR_LIMIT_WAIT.total_seconds() if exc.code == PAIR_LIMIT
                       else None, rate_limited=exc.kind == "rate_limit")
    if exc.kind not in messages.NOTICE_REASONS or exc.kind == "failed":  # no reason of its own
        log.warning("whatsapp notice refused: %s (code %s)", exc.kind, exc.code)
    return Outcome("failed", error=messages.NOTICE_NOT_SENT.format(reason=reason))


class LateFailure(NamedTuple):
    """What a ``failed`` status does to a sent notice: its new state and reason, for
    «pendiente» how long to wait, and the reason should no attempt be left (``final``)."""

    state: OutboxState
    reason: str
    wait: timedelta
    final: str


def late_failure(code: int | None, template: str | None) -> LateFailure:
    """A ``failed`` status with ``code`` for a sent notice; ``template`` is the notices'
    template when one is configured (a closed window then sends the notice as it)."""
    kind = ERROR_KINDS.get(code, "failed") if code is not None else "failed"
    late = messages.NOTICE_LATE.format(reason=reason_of(kind, code, template))
    if kind in RETRYABLE:
        wait = PAIR_LIMIT_WAIT if code == PAIR_LIMIT else RETRY_WAIT
        return LateFailure(OutboxState.PENDIENTE, messages.NOTICE_RETRY.format(reason=late),
                           wait, late)
    if kind == "reengagement" and template is not None:
        return LateFailure(OutboxState.PENDIENTE,
                           messages.NOTICE_AS_TEMPLATE.format(reason=late), timedelta(0), late)
    return LateFailure(OutboxState.FALLIDA, late, timedelta(0), late)
