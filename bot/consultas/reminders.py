"""Daily reminders to advisors about open tickets near (or past) their due date."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from nucleo.business_days import BusinessCalendar
from nucleo.db import commit
from nucleo.formats import long_date_text
from nucleo.models import Role, StaffAccount
from nucleo.ratelimit import Priority

from . import ticket_messages as msg
from .tables import ConsultationTicket, TicketStatus

log = logging.getLogger(__name__)
ADVISOR_ROLES = (Role.ADMIN.value, Role.TALENTO_HUMANO.value, Role.ASESOR.value)


class StaffSender(Protocol):
    """Sends a short HTML message to a staff member's own chat; whether it was sent."""

    async def send(self, chat_id: int, text_html: str) -> bool: ...


class TelegramStaffSender:
    """A StaffSender over a python-telegram-bot ``Bot`` (errors are logged without the chat and
    returned as False, never raised); its messages wait behind the bot's replies and ahead of
    campaigns (``Priority.NOTICE``)."""

    def __init__(self, bot: Any) -> None:
        self.bot = bot

    async def send(self, chat_id: int, text_html: str) -> bool:
        try:
            await self.bot.send_message(chat_id=chat_id, text=text_html, parse_mode="HTML",
                                        rate_limit_args=Priority.NOTICE)
        except Exception as exc:
            log.warning("reminder to a staff chat failed: %s", type(exc).__name__)
            return False
        return True


@dataclass(frozen=True)
class ReminderRun:
    """What one run did: the tickets it reminded about and how many chats got the digest."""

    ticket_ids: list[int]
    chats: int


def _days_label(calendar: BusinessCalendar, today: date, due: date) -> str:
    if due < today:
        return msg.REMINDER_OVERDUE
    left = calendar.between(today, due)
    if left == 0:
        return msg.REMINDER_TODAY
    return msg.REMINDER_ONE_DAY if left == 1 else msg.REMINDER_DAYS.format(n=left)


def digest_html(tickets: list[ConsultationTicket], calendar: BusinessCalendar,
                today: date) -> str:
    """The reminder message: one line per ticket, no question text and no person."""
    lines = [msg.REMINDER_TITLE]
    lines += [msg.REMINDER_LINE.format(ticket_id=t.id, due=long_date_text(t.due_on),
                                       days=_days_label(calendar, today, t.due_on))
              for t in tickets]
    return "\n".join(lines)


async def send_reminders(session: AsyncSession, *, today: date, calendar: BusinessCalendar,
                         days_before: int, sender: StaffSender | None) -> ReminderRun:
    """Remind once a day about open tickets due within ``days_before`` business days."""
    if not calendar.is_business_day(today):
        return ReminderRun([], 0)
    horizon = calendar.add(today, days_before)
    tickets = list(await session.scalars(
        select(ConsultationTicket).where(
            ConsultationTicket.status == TicketStatus.ABIERTO.value,
            ConsultationTicket.due_on <= horizon,
            or_(ConsultationTicket.reminded_on.is_(None),
                ConsultationTicket.reminded_on < today))
        .order_by(ConsultationTicket.due_on, ConsultationTicket.id)))
    if not tickets:
        return ReminderRun([], 0)
    chats = [chat for chat in await session.scalars(
        select(StaffAccount.telegram_chat_id).where(
            StaffAccount.active.is_(True), StaffAccount.role.in_(ADVISOR_ROLES),
            StaffAccount.telegram_chat_id.is_not(None))) if chat is not None]
    for ticket in tickets:
        ticket.reminded_on = today
    await commit(session)
    text = digest_html(tickets, calendar, today)
    sent = 0
    if sender is not None:
        for chat_id in chats:
            sent += await sender.send(chat_id, text)
    log.info("consultation reminders: %d tickets near their due date, %d staff chats",
             len(tickets), sent)
    return ReminderRun([t.id for t in tickets], sent)


def reminder_due(now_local: datetime, hour: int, last_day: date | None) -> bool:
    """Whether the daily run should happen now (after ``hour``, once per local day)."""
    return now_local.hour >= hour and last_day != now_local.date()
