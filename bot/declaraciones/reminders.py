"""The declarations' daily reminders, once per business day:

- one digest to the register's keepers (``keepers``: the staff who decide, by their Telegram
  chat, by e-mail when they have none or also per ``digest_email``) listing the open
  declarations and recusals whose decision, or whose recused official's answer, is due within
  ``days_before`` business days or already overdue, and first those whose decision-link e-mail
  failed for good (``link_retries``) — only radicados, kinds and dates, never names or facts;
- to each declarant (or recusant) whose decision is overdue, one notice through the bot's
  outbox; it says the case is in the keepers' digest only when this run's digest is addressed
  to at least one keeper (chat or e-mail);
- to a recused official in the directory, one reminder when their 5 days are about to end, with
  the answer buttons again;
- to each jefe inmediato who got a decision link from the directory (no console account
  needed), one reminder of theirs by chat or e-mail (``superior_reminders``).

Each reminder is a ``DeclarationNotice`` row with a unique key, written in the same transaction
as the outbox message it accompanies: a second run the same day (another tick, a restart) finds
the keys and sends nothing twice. The staff digest is sent after that commit (like the
consultation desk's reminders: a crash may lose one, never double it); its failed sends are
audited (``keepers.deliver``)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.consultas.reminders import StaffSender
from bot.declaraciones import (
    keepers,
    messages,
    recusal_routing,
    recusals,
    states,
    superior_reminders,
)
from bot.declaraciones.decision_link import FAILED
from bot.declaraciones.models import Declaration, DeclarationNotice, DeclarationState
from nucleo.business_days import BusinessCalendar
from nucleo.db import commit
from nucleo.ports import Notifier
from nucleo.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class ReminderRun:
    """What one run did."""

    digest: list[str] = field(default_factory=list)  # radicados in the staff digest
    chats: int = 0  # staff chats the digest went to
    emails: int = 0  # keepers' e-mails of the digest the mail server took
    failed: int = 0  # the digest's failed sends (audited)
    overdue: list[str] = field(default_factory=list)  # declarants told of an overdue decision
    answer: list[str] = field(default_factory=list)  # recused officials reminded
    superior_chats: list[int] = field(default_factory=list)  # jefes told in the chat
    superior_emails: int = 0  # jefes' reminders the mail server took


def digest_html(rows: list[Declaration], calendar: BusinessCalendar, today: date,
                marked: frozenset[int] | set[int] = frozenset(),
                unsent: list[Declaration] | None = None) -> str:
    """The staff digest: one line per declaration, no person and no facts; ``marked``: the
    recusals no superior could be given the link for (``recusal_routing.KEEPERS``);
    ``unsent``: the open ones whose link e-mail failed for good (``link_retries``), listed
    first: a person has to act."""
    lines = [messages.REMINDER_TITLE]
    for d in unsent or ():
        lines.append(messages.REMINDER_LINK_UNSENT.format(
            radicado=d.radicado, attempts=d.link_email_attempts or 0))
    for d in rows:
        if d.id in marked and d.due_on is not None:
            lines.append(messages.REMINDER_KEEPERS.format(
                radicado=d.radicado, due=messages.long_day(d.due_on),
                left=messages.time_left(calendar, today, d.due_on)))
            continue
        if d.state == DeclarationState.POR_RESPONDER and d.answer_due_on is not None \
                and d.answer_due_on >= today:
            lines.append(messages.REMINDER_ANSWER.format(
                radicado=d.radicado, due=messages.long_day(d.answer_due_on),
                left=messages.time_left(calendar, today, d.answer_due_on)))
        elif d.due_on is not None:
            lines.append(messages.REMINDER_DECIDE.format(
                radicado=d.radicado, kind=messages.KINDS.get(d.kind, d.kind).lower(),
                due=messages.long_day(d.due_on), left=messages.time_left(calendar, today, d.due_on)))
    lines.append(messages.REMINDER_FOOTER)
    return "\n".join(lines)


async def _given(session: AsyncSession, keys: list[str]) -> set[str]:
    if not keys:
        return set()
    return set(await session.scalars(select(DeclarationNotice.key)
                                     .where(DeclarationNotice.key.in_(keys))))


async def send_reminders(session: AsyncSession, *, today: date, calendar: BusinessCalendar,
                         days_before: int, sender: StaffSender | None,
                         notifier: Notifier | None, settings: Settings | None = None,
                         email_mode: keepers.EmailMode = "sin_chat") -> ReminderRun:
    """Give today's reminders that were not given yet (nothing on a non-business day)."""
    run = ReminderRun()
    if not calendar.is_business_day(today):
        return run
    horizon = calendar.add(today, days_before)
    unsent = list(await session.scalars(select(Declaration).where(
        Declaration.state.in_(states.OPEN), Declaration.link_email_state == FAILED)
        .order_by(Declaration.id)))
    rows = list(await session.scalars(
        select(Declaration).where(
            Declaration.state.in_(states.OPEN),
            or_(Declaration.due_on <= horizon, Declaration.answer_due_on <= horizon))
        .order_by(Declaration.due_on, Declaration.id)))
    digest_key = f"digest:{today.isoformat()}"
    overdue = [d for d in rows if d.due_on is not None and d.due_on < today
               and d.person_id is not None]
    answering = [d for d in rows if d.state == DeclarationState.POR_RESPONDER
                 and d.recused_person_id is not None and d.answer_due_on is not None
                 and today <= d.answer_due_on <= calendar.add(today, 1)]
    given = await _given(session, [digest_key, *(f"overdue:{d.id}" for d in overdue),
                                   *(f"answer:{d.id}" for d in answering),
                                   *(recusal_routing.keepers_key(d.id) for d in rows)])
    marked = {d.id for d in rows  # a link the register made by hand since: no longer marked
               if recusal_routing.keepers_key(d.id) in given and d.link_nonce is None}
    found: list[keepers.Keeper] = []
    if (rows or unsent) and digest_key not in given:
        found = await keepers.keepers(session)
    # the overdue ones are in this run's digest: say so only if it is addressed to a keeper
    told = messages.OVERDUE_TOLD if any(keepers.channels(
        k, sender=sender, settings=settings, mode=email_mode) for k in found) \
        else messages.OVERDUE_NOT_TOLD
    if notifier is not None:
        for d in overdue:
            if f"overdue:{d.id}" in given or d.person_id is None:
                continue
            await notifier.notify(session, d.person_id, messages.OVERDUE_NOTICE.format(
                kind=messages.KIND_LOWER.get(d.kind, d.kind), radicado=d.radicado,
                matter=messages.escape(d.matter), due=messages.long_day(d.due_on), told=told))
            session.add(DeclarationNotice(key=f"overdue:{d.id}", day=today))
            run.overdue.append(d.radicado)
        for d in answering:
            if f"answer:{d.id}" in given or d.recused_person_id is None:
                continue
            _notice, buttons = recusals.recused_notice(d)
            await notifier.notify(session, d.recused_person_id, messages.ANSWER_REMINDER.format(
                radicado=d.radicado, matter=messages.escape(d.matter),
                due=messages.long_day(d.answer_due_on)), buttons)
            session.add(DeclarationNotice(key=f"answer:{d.id}", day=today))
            run.answer.append(d.radicado)
    run.superior_chats, emails = await superior_reminders.queue(
        session, rows, today=today, calendar=calendar, notifier=notifier, settings=settings)
    if (rows or unsent) and digest_key not in given:
        session.add(DeclarationNotice(key=digest_key, day=today))
        run.digest = list(dict.fromkeys(d.radicado for d in [*unsent, *rows]))
    try:
        await commit(session)
    except IntegrityError:  # another process gave them first: it sends, this one does not
        await session.rollback()
        log.info("declaration reminders: already given by another run")
        return ReminderRun()
    run.superior_emails = await superior_reminders.send_emails(settings, emails)
    if run.digest:
        delivery = await keepers.deliver(
            session, found, digest_html(rows, calendar, today, marked, unsent), day=today,
            sender=sender, settings=settings, mode=email_mode)
        run.chats, run.emails, run.failed = delivery.chats, delivery.emails, delivery.failed
    log.info("declaration reminders: %d in the digest to %d staff chats and %d e-mails (%d "
             "failed), %d overdue notices, %d answer reminders, %d superiors by chat and %d by "
             "e-mail", len(run.digest), run.chats, run.emails, run.failed, len(run.overdue),
             len(run.answer), len(run.superior_chats), run.superior_emails)
    return run
