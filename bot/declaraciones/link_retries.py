"""A decision-link e-mail the mail server did not take is tried again (#18).

``decision_link.record_email`` leaves a refused or failed send ``RETRYING`` with no time set;
each tick of the daily job (``component``, every 15 minutes from 8:00 to 20:00) first gives
those a time — now plus the backoff of the attempts so far (``BACKOFF``) — then sends the ones
due. The link is the same credential (the same id and nonce, signed again: its 30 days count
from this send); a newer link, a decision or a withdrawal stops the retries (a closed
declaration keeps neither the state nor the address: ``actions.LINK_EMAIL_CLOSED``). Each attempt is audited after the
mail server answered (``declaraciones.enlace.correo`` with ``"intento"``), never with the
address; after ``MAX_EMAIL_ATTEMPTS`` the e-mail is ``FAILED`` and the keepers'
digest lists the declaration every business day until someone makes a new link
(``reminders.digest_html``). A row is claimed (its next attempt pushed ``LEASE`` ahead, if
unchanged) and committed before the send, so two runs never send it twice. Bounces that
arrive later as a message to the sender's mailbox are not read: only what the SMTP server
answered counts. When the service can no longer send at all (SMTP or ``VALOR_PUBLIC_URL``
unset since), the pending ones are ``FAILED`` at once: no retry could reach anyone."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.declaraciones import actions, decision_link, states
from bot.declaraciones.decision_link import (
    EMAIL_AUDIT,
    FAILED,
    MAX_EMAIL_ATTEMPTS,
    PURPOSE,
    RETRYING,
    SENT,
)
from bot.declaraciones.models import Declaration
from nucleo import audit
from nucleo.db import commit, rows_changed
from nucleo.settings import Settings
from nucleo.signing import Signer

log = logging.getLogger(__name__)
BACKOFF = (timedelta(minutes=15), timedelta(hours=1), timedelta(hours=4))  # after attempt 1, 2, 3
LEASE = timedelta(minutes=10)
BATCH = 50


@dataclass
class RetryRun:
    """What one sweep did (radicados)."""

    scheduled: int = 0
    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # tried again and refused
    given_up: list[str] = field(default_factory=list)  # the last attempt failed


def backoff(attempts: int) -> timedelta:
    return BACKOFF[min(max(attempts, 1), len(BACKOFF)) - 1]


async def retry_link_emails(session: AsyncSession, *, now: datetime, settings: Settings,
                            signer: Signer) -> RetryRun:
    """Schedule the new failures, then try each e-mail that is due (one at a time)."""
    run = RetryRun()
    if not decision_link.can_email(settings):  # SMTP or the public address gone meanwhile
        run.given_up = list(await session.scalars(select(Declaration.radicado).where(
            Declaration.link_email_state == RETRYING)))
        await session.execute(update(Declaration).where(
            Declaration.link_email_state == RETRYING).values(
            link_email_state=FAILED, link_email_retry_at=None)
            .execution_options(synchronize_session=False))
        await commit(session)
        if run.given_up:
            log.info("decision link e-mails: %d given up (no SMTP or no public address)",
                     len(run.given_up))
        return run
    await session.execute(update(Declaration).where(  # closed meanwhile: nothing to send
        Declaration.link_email_state == RETRYING, Declaration.state.not_in(states.OPEN))
        .values(**actions.LINK_EMAIL_CLOSED).execution_options(synchronize_session=False))
    fresh = list(await session.execute(select(Declaration.id, Declaration.link_email_attempts)
                                       .where(Declaration.link_email_state == RETRYING,
                                              Declaration.state.in_(states.OPEN),
                                              Declaration.link_email_retry_at.is_(None))))
    for declaration_id, attempts in fresh:
        run.scheduled += await rows_changed(session, update(Declaration).where(
            Declaration.id == declaration_id, Declaration.link_email_state == RETRYING,
            Declaration.state.in_(states.OPEN),
            Declaration.link_email_retry_at.is_(None)).values(
            link_email_retry_at=now + backoff(attempts or 1))
            .execution_options(synchronize_session=False))
    await commit(session)
    due = list(await session.scalars(select(Declaration).where(
        Declaration.link_email_state == RETRYING, Declaration.link_email_retry_at <= now)
        .order_by(Declaration.link_email_retry_at, Declaration.id).limit(BATCH)))
    for declaration in due:
        await _retry(session, declaration, now=now, settings=settings, signer=signer, run=run)
    if run.scheduled or due:
        log.info("decision link e-mails: %d scheduled again, %d sent, %d refused, %d given up",
                 run.scheduled, len(run.sent), len(run.failed), len(run.given_up))
    return run


async def _retry(session: AsyncSession, declaration: Declaration, *, now: datetime,
                 settings: Settings, signer: Signer, run: RetryRun) -> None:
    nonce, when = declaration.link_nonce, declaration.link_email_retry_at
    to = declaration.link_email
    if declaration.state not in states.OPEN or nonce is None or to is None:
        actions.close_link_email(declaration)  # decided, withdrawn: nothing to send
        await commit(session)
        return
    claimed = await rows_changed(session, update(Declaration).where(
        Declaration.id == declaration.id, Declaration.link_nonce == nonce,
        Declaration.link_email_state == RETRYING, Declaration.link_email_retry_at == when)
        .values(link_email_retry_at=now + LEASE).execution_options(synchronize_session=False))
    await commit(session)
    if not claimed:
        return  # another run has it, or a new link replaced it
    token = signer.sign(PURPOSE, [declaration.id, nonce])
    url = decision_link.link_url(settings.public_url, token)
    try:
        sent = await decision_link.email_link(settings, declaration, to=to, url=url)
    except Exception as exc:  # never the message: it may carry the address
        log.warning("decision link e-mail retry failed (%s)", type(exc).__name__)
        sent = False
    await session.refresh(declaration)
    if declaration.link_nonce != nonce or declaration.link_email_state != RETRYING:
        return  # a new link meanwhile: its own e-mail decides
    attempts = declaration.link_email_attempts = (declaration.link_email_attempts or 0) + 1
    if sent:
        declaration.link_email_state, declaration.link_email_retry_at = SENT, None
        run.sent.append(declaration.radicado)
    elif attempts >= MAX_EMAIL_ATTEMPTS:
        declaration.link_email_state, declaration.link_email_retry_at = FAILED, None
        run.given_up.append(declaration.radicado)
    else:
        declaration.link_email_retry_at = now + backoff(attempts)
        run.failed.append(declaration.radicado)
    audit.record(session, None, EMAIL_AUDIT, target_type="declaracion",
                 target_id=declaration.id, details={
                     "radicado": declaration.radicado, "enviado": sent, "intento": attempts,
                     "agotado": declaration.link_email_state == FAILED})
    await commit(session)
