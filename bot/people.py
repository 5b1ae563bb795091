"""Actions on a person's data from the bot: register with consent, update, describe, forget.

Each action ends with ``nucleo.db.commit``: inside the dialogue core's unit of work that only
flushes, and the core commits the whole step once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.types import TELEGRAM, WEB, WHATSAPP
from bot.models import Conversation, OutboxMessage, PendingQuestion, WebMessage
from bot.privacy import CAMPAIGNS, NOTICE_VERSION
from nucleo.db import commit, rows_changed
from nucleo.models import Consent, Department, Person
from nucleo.outbox import OutboxState

SOURCES = {TELEGRAM: "bot", WEB: "chat_web", WHATSAPP: "whatsapp"}


async def find_person(session: AsyncSession, channel: str, user_id: str,
                      conversation: Conversation) -> Person | None:
    """The person behind a chat: by Telegram chat id, or linked to the web conversation."""
    if conversation.person_id is not None:
        return await session.get(Person, conversation.person_id)
    if channel == TELEGRAM and user_id.lstrip("-").isdigit():
        result = await session.execute(
            select(Person).where(Person.telegram_chat_id == int(user_id)))
        return result.scalars().first()
    return None


async def consents_of(session: AsyncSession, person_id: int) -> dict[str, bool]:
    """Purpose -> granted, for one person."""
    rows = await session.execute(
        select(Consent.purpose, Consent.granted).where(Consent.person_id == person_id))
    return {purpose: granted for purpose, granted in rows.all()}


async def register_person(session: AsyncSession, *, channel: str, user_id: str,
                          decisions: dict[str, bool], now: datetime) -> Person:
    """Create the person who granted at least one purpose and record every decision."""
    person = Person(source=SOURCES.get(channel, channel), subscribed=decisions.get(CAMPAIGNS, False),
                    created_at=now, updated_at=now)
    if channel == TELEGRAM:
        person.telegram_chat_id = int(user_id)
    session.add(person)
    await session.flush()
    await _store_consents(session, person, decisions, channel=channel, now=now)
    await commit(session)
    return person


async def record_consents(session: AsyncSession, person: Person, decisions: dict[str, bool], *,
                          channel: str, now: datetime) -> None:
    """Store (or replace) the person's decision on each purpose, with time and notice version."""
    await _store_consents(session, person, decisions, channel=channel, now=now)
    await commit(session)


async def _store_consents(session: AsyncSession, person: Person, decisions: dict[str, bool], *,
                          channel: str, now: datetime) -> None:
    existing = {c.purpose: c for c in (await session.execute(
        select(Consent).where(Consent.person_id == person.id))).scalars()}
    for code, granted in decisions.items():
        row = existing.get(code)
        if row is None:
            session.add(Consent(person_id=person.id, purpose=code, granted=granted,
                                notice_version=NOTICE_VERSION, channel=channel, recorded_at=now))
        else:
            row.granted, row.notice_version = granted, NOTICE_VERSION
            row.channel, row.recorded_at = channel, now
    if CAMPAIGNS in decisions:
        person.subscribed = decisions[CAMPAIGNS]


async def set_department(session: AsyncSession, person: Person, department_id: int | None) -> None:
    """Record the person's dependencia (None: prefers not to say)."""
    if department_id is not None and await session.get(Department, department_id) is None:
        department_id = None
    person.department_id = department_id
    await commit(session)


async def search_departments(session: AsyncSession, key: str, limit: int = 8) -> list[Department]:
    """Active departments whose normalised name contains every word of the key."""
    query = select(Department).where(Department.active.is_(True))
    for word in key.split()[:6]:
        query = query.where(Department.normalized_name.contains(word, autoescape=True))
    return list((await session.execute(query.order_by(Department.name).limit(limit))).scalars())


async def department_page(session: AsyncSession, page: int,
                          size: int) -> tuple[list[Department], int]:
    """One page of active departments by name, and the total count."""
    total = (await session.execute(select(func.count()).select_from(Department)
                                   .where(Department.active.is_(True)))).scalar_one()
    rows = await session.execute(select(Department).where(Department.active.is_(True))
                                 .order_by(Department.name).offset(page * size).limit(size))
    return list(rows.scalars()), int(total)


@dataclass(frozen=True)
class StoredData:
    """Everything the bot keeps about a person, for /misdatos."""

    person: Person
    department: str | None
    consents: list[Consent]
    pending_questions: int
    queued_messages: int


async def stored_data(session: AsyncSession, person: Person) -> StoredData:
    """Collect what is stored about this person in the bot's and the core's tables."""
    consents = list((await session.execute(
        select(Consent).where(Consent.person_id == person.id).order_by(Consent.purpose))).scalars())
    department = None
    if person.department_id is not None:
        row = await session.get(Department, person.department_id)
        department = row.name if row else None
    questions = (await session.execute(select(func.count()).select_from(PendingQuestion)
                                       .where(PendingQuestion.person_id == person.id))).scalar_one()
    queued = (await session.execute(select(func.count()).select_from(OutboxMessage)
                                    .where(OutboxMessage.person_id == person.id,
                                           OutboxMessage.state == OutboxState.PENDIENTE))).scalar_one()
    return StoredData(person, department, consents, int(questions), int(queued))


async def forget_person(session: AsyncSession, person_id: int, *, extra_keys: list[str]) -> None:
    """Delete every personal row of the person: conversations, web inbox, outbox, questions,
    consents and the person. Anonymous aggregates elsewhere stay."""
    keys = set(extra_keys)
    keys.update((await session.execute(
        select(Conversation.key).where(Conversation.person_id == person_id))).scalars())
    if keys:
        await session.execute(delete(WebMessage).where(WebMessage.conversation_key.in_(keys)))
        await session.execute(delete(Conversation).where(Conversation.key.in_(keys)))
    await session.execute(delete(OutboxMessage).where(OutboxMessage.person_id == person_id))
    await session.execute(delete(PendingQuestion).where(PendingQuestion.person_id == person_id))
    await session.execute(delete(Consent).where(Consent.person_id == person_id))
    await session.execute(delete(Person).where(Person.id == person_id))
    await commit(session)


async def mark_blocked(session: AsyncSession, chat_id: int, blocked_at: datetime | None) -> bool:
    """Mark (or clear, with None) a Telegram chat as unreachable; False if nobody has it."""
    changed = await rows_changed(session, update(Person).where(Person.telegram_chat_id == chat_id)
                                 .values(telegram_blocked_at=blocked_at))
    await commit(session)
    return bool(changed)
