"""The daily reminder to a jefe inmediato without a console account (#18): whoever got a
declaration's decision link from the directory (``Declaration.link_person_id``, set by
``decision_link.route_to_superior``) hears, once a business day while it is due within the
reminders' advance or overdue, which of theirs are waiting — radicados, kinds and dates only,
never the facts or the declarant's name. By the bot's chat when they use it (queued in the
caller's transaction, through the outbox), otherwise by e-mail after the commit. A retired
superior, or one the directory no longer has, gets nothing (the register's digest still lists
the declaration). The key ``superior:<person>:<day>`` keeps it to once a day.

A superior linked by hand in the console (``decision_link.issue_link``: a jefe outside the
directory, or one the service cannot reach) gets the same reminder by e-mail at the address the
link was e-mailed to (``Declaration.link_email``), once the mail server took that link
(``link_email_state`` ``enviado``): one e-mail a day per address, keyed per declaration
(``superior-link:<declaration>:<day>``, never the address). Nobody is told to decide "with the
link that reached you" while the link's own e-mail is being retried or failed
(``link_retries``): the keepers' digest lists those instead."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.declaraciones import keepers, messages
from bot.declaraciones.decision_link import FAILED, RETRYING, SENT, with_chat
from bot.declaraciones.models import Declaration, DeclarationNotice, DeclarationState
from nucleo import mail
from nucleo.business_days import BusinessCalendar
from nucleo.directory.link import DIRECTORY_ACTIVE
from nucleo.models import Person
from nucleo.ports import Notifier
from nucleo.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Email:
    to: str
    text: str


def key(person_id: int, today: date) -> str:
    return f"superior:{person_id}:{today.isoformat()}"


def link_key(declaration_id: int, today: date) -> str:
    return f"superior-link:{declaration_id}:{today.isoformat()}"


def _lines(rows: list[Declaration], calendar: BusinessCalendar, today: date) -> list[str]:
    return [messages.SUPERIOR_REMINDER_LINE.format(
        radicado=d.radicado, kind=messages.KIND_LOWER.get(d.kind, d.kind),
        due=messages.long_day(d.due_on), left=messages.time_left(calendar, today, d.due_on))
        for d in rows if d.due_on is not None]


async def queue(session: AsyncSession, rows: list[Declaration], *, today: date,
                calendar: BusinessCalendar, notifier: Notifier | None,
                settings: Settings | None) -> tuple[list[int], list[Email]]:
    """Queue today's reminders in the caller's transaction: (people reached by chat, e-mails
    to send after the commit)."""
    theirs: dict[int, list[Declaration]] = defaultdict(list)
    by_hand: dict[str, list[Declaration]] = defaultdict(list)
    for d in rows:
        waiting = d.state != DeclarationState.POR_RESPONDER or (
            d.answer_due_on is not None and d.answer_due_on < today)
        if d.due_on is None or not waiting:
            continue
        if d.link_person_id is not None:
            theirs[d.link_person_id].append(d)
        elif d.link_email and d.link_email_state == SENT:
            by_hand[d.link_email.casefold()].append(d)
    if not theirs and not by_hand:
        return [], []
    keys = [key(pid, today) for pid in theirs] + [
        link_key(d.id, today) for ds in by_hand.values() for d in ds]
    given = set(await session.scalars(select(DeclarationNotice.key).where(
        DeclarationNotice.key.in_(keys))))
    people = {p.id: p for p in await session.scalars(select(Person).where(
        Person.id.in_(list(theirs)), *DIRECTORY_ACTIVE))}
    reachable = await with_chat(session, list(people.values())) if notifier is not None \
        else set()
    email_on = keepers.email_on(settings)
    chats: list[int] = []
    emails: list[Email] = []
    for person_id, declarations in sorted(theirs.items()):
        person = people.get(person_id)
        if person is None or key(person_id, today) in given:
            continue
        lines = _lines(declarations, calendar, today)
        if notifier is not None and person_id in reachable:
            await notifier.notify(session, person_id, "\n".join(
                [messages.SUPERIOR_REMINDER_TITLE, *lines, messages.SUPERIOR_REMINDER_FOOTER]))
            chats.append(person_id)
        elif email_on and person.email and (arrived := [
                d for d in declarations if d.link_email_state not in (RETRYING, FAILED)]):
            assert settings is not None
            emails.append(_email(settings, person.email, person.full_name,
                                 _lines(arrived, calendar, today)))
        else:
            continue  # no way to reach them: the register's digest still lists it
        session.add(DeclarationNotice(key=key(person_id, today), day=today))
    for address, declarations in sorted(by_hand.items()) if email_on else ():
        assert settings is not None
        due = [d for d in declarations if link_key(d.id, today) not in given]
        if not due:
            continue
        emails.append(_email(settings, due[0].link_email or address, due[0].link_name,
                             _lines(due, calendar, today)))
        session.add_all(DeclarationNotice(key=link_key(d.id, today), day=today) for d in due)
    return chats, emails


def _email(settings: Settings, to: str, name: str | None, lines: list[str]) -> Email:
    return Email(to, messages.SUPERIOR_REMINDER_EMAIL.format(
        name=name or messages.LINK_SUPERIOR, entity=settings.entity_name,
        lines="\n".join(keepers.plain(line) for line in lines)))


async def send_emails(settings: Settings | None, emails: list[Email]) -> int:
    """Send the e-mails queued by ``queue`` (after its commit); how many the server took."""
    if settings is None:
        return 0
    sent = 0
    for email in emails:
        try:
            ok = await mail.send(settings, to=email.to,
                                 subject=messages.SUPERIOR_REMINDER_SUBJECT, text=email.text)
        except Exception as exc:  # never the message: it may carry the address
            log.warning("superior reminder e-mail failed (%s)", type(exc).__name__)
            ok = False
        sent += ok
    return sent
