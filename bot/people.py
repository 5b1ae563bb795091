"""Actions on a person's data from the bot: register with consent, update, describe, forget.

Each action ends with ``nucleo.db.commit``: inside the dialogue core's unit of work that only
flushes, and the core commits the whole step once.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.types import TELEGRAM, WEB, WHATSAPP, PersonRef
from bot.declaraciones.actions import LINK_EMAIL_CLOSED
from bot.models import Conversation, OutboxMessage, PendingQuestion, WebMessage
from bot.privacy import CAMPAIGNS, NOTICE_VERSION
from nucleo import audit
from nucleo.db import Base, commit, rows_changed
from nucleo.directory.link import DIRECTORY_SOURCE, new_nonce
from nucleo.directory.models import WhatsAppContact
from nucleo.models import Consent, Department, Person
from nucleo.outbox import OutboxState

SOURCES = {TELEGRAM: "bot", WEB: "chat_web", WHATSAPP: "whatsapp"}
_CHAT_ID = re.compile(r"-?[0-9]{1,19}")  # ASCII digits only; Telegram ids fit 64 bits


def telegram_chat_id(ref: PersonRef) -> int | None:
    """The Telegram chat id a chat ref names; None off Telegram or for a non-numeric id."""
    if ref.channel != TELEGRAM or not _CHAT_ID.fullmatch(ref.user_id):
        return None
    return int(ref.user_id)


async def find_person(session: AsyncSession, ref: PersonRef,
                      conversation: Conversation) -> Person | None:
    """The person behind a chat: by Telegram chat id, or linked to the web conversation."""
    if conversation.person_id is not None:
        return await session.get(Person, conversation.person_id)
    chat_id = telegram_chat_id(ref)
    if chat_id is None:
        return None
    result = await session.execute(select(Person).where(Person.telegram_chat_id == chat_id))
    return result.scalars().first()


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
        person.telegram_chat_id = telegram_chat_id(PersonRef(channel, user_id))
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


@dataclass(frozen=True)
class StoredData:
    """What the bot itself keeps about a person, for /misdatos (each module adds its own
    section through ``nucleo.personal_data``)."""

    person: Person
    department: str | None
    consents: list[Consent]
    pending_questions: int
    queued_messages: int
    whatsapp_number: str | None = None  # the number notices go to (``whatsapp_contacts``)
    tickets: int = 0  # consultations to HR under their name (anonymous ones keep no person)
    declarations: int = 0  # declarations and recusals filed under their name (kept by law)


async def stored_data(session: AsyncSession, person: Person) -> StoredData:
    """Collect what is stored about this person in the bot's and the core's tables: the
    consents, then every count and the dependencia's name in one statement."""
    consents = list((await session.execute(
        select(Consent).where(Consent.person_id == person.id).order_by(Consent.purpose))).scalars())

    def count(model: Any, *where: Any) -> Any:
        return select(func.count()).select_from(model).where(*where).scalar_subquery()

    tables = [(name, tbl) for name in UNMIGRATED_COUNTS if (tbl := _table(name)) is not None]
    row = (await session.execute(select(
        select(Department.name).where(Department.id == person.department_id).scalar_subquery(),
        count(PendingQuestion, PendingQuestion.person_id == person.id),
        count(OutboxMessage, OutboxMessage.person_id == person.id,
              OutboxMessage.chat_id.is_(None),  # not replies
              OutboxMessage.state == OutboxState.PENDIENTE),
        select(WhatsAppContact.wa_id).where(WhatsAppContact.person_id == person.id)
        .limit(1).scalar_subquery(),
        *[count(tbl, tbl.c.person_id == person.id) for _name, tbl in tables]))).one()
    department, questions, queued, number, *counts = row
    found = {name: int(n) for (name, _tbl), n in zip(tables, counts, strict=True)}
    return StoredData(person, department, consents, int(questions), int(queued), number,
                      tickets=found.get("consultation_tickets", 0),
                      declarations=found.get("declarations", 0))


# Counted here by table name until their modules (bot.consultas, bot.declaraciones) add their
# own /misdatos section (``nucleo.personal_data``), as campañas, foro, encuestas and sesiones do.
UNMIGRATED_COUNTS = ("consultation_tickets", "declarations")


# What /olvidarme does, for a person of HR's directory, with each table that points to people
# (a test checks that every such table in the metadata is named here, so a new module has to
# decide). "delete": the rows go; "unlink": the rows stay without the person; "keep": the rows
# stay as they are (records the entity keeps by law or that the survey design needs).
DELETE, UNLINK, KEEP = "delete", "unlink", "keep"
DIRECTORY_POLICY: dict[tuple[str, str], str] = {
    ("consents", "person_id"): DELETE,
    ("conversations", "person_id"): DELETE,
    ("bot_outbox", "person_id"): DELETE,
    ("bot_pending_questions", "person_id"): DELETE,
    ("link_token_uses", "person_id"): DELETE,
    ("link_codes", "person_id"): DELETE,
    ("portal_sessions", "person_id"): DELETE,
    # The replay guard of portal login links (a token id, purged 30 minutes after use): deleting
    # it would let a used link log in again.
    ("portal_login_uses", "person_id"): KEEP,
    ("campaign_reactions", "person_id"): DELETE,
    # The WhatsApp number the bot stored after consent (bot/whatsapp, #20).
    ("whatsapp_contacts", "person_id"): DELETE,
    # Deliveries go, except the e-mail invitations of HR's directory (campaigns of kind
    # ``vinculo``): see _forget_deliveries.
    ("campaign_deliveries", "person_id"): DELETE,
    ("survey_drafts", "person_id"): DELETE,
    # Participation goes unless it says «terminada»: see _forget_participation.
    ("survey_participation", "person_id"): DELETE,
    ("consultation_tickets", "person_id"): UNLINK,
    ("suggestions", "author_person_id"): UNLINK,
    ("forum_posts", "author_person_id"): UNLINK,
    # Declarations of conflicts of interest and recusals are legal records of the entity.
    ("declarations", "person_id"): KEEP,
    ("declarations", "recused_person_id"): KEEP,
    # The jefe inmediato a decision link was routed to: part of the same record (who was asked).
    ("declarations", "link_person_id"): KEEP,
    # So are HR's contracts register, the cross-check flags HR reviewed and the Ley 2013 /
    # bienes y rentas filings (the employer's compliance record, #18).
    ("contracts", "supervisor_person_id"): KEEP,
    # The contractor and its legal representative as the directory knows them (decl14_001):
    # the same contracts register.
    ("contracts", "contractor_person_id"): KEEP,
    ("contracts", "representative_person_id"): KEEP,
    ("contract_flags", "person_id"): KEEP,
    ("asset_filings", "person_id"): KEEP,
    # Attendance to sensitization sessions stays without the person (bot.sesiones): the
    # report's counts keep it, nobody can tell whose it was.
    ("sensitization_attendance", "person_id"): UNLINK,
}
# Plain e-mail columns (no foreign key to people) that may hold a person's address: a test
# checks every String column named ``email`` or ``*_email`` outside ``people`` is named here.
# "clear": emptied where it is the forgotten person's (``_forget_emails``); "keep": not a
# person's of the directory (staff accounts, the audit's actor: the console's own record).
CLEAR = "clear"
EMAIL_POLICY: dict[tuple[str, str], str] = {
    ("staff_accounts", "email"): KEEP,
    ("audit_log", "actor_email"): KEEP,
    # The address a decision link was e-mailed to (declaraciones, #18): with it go its delivery
    # state and next retry; the link itself (and the name it was made for) stays.
    ("declarations", "link_email"): CLEAR,
}
INVITATION_KIND = "vinculo"  # campañas: the kind of the directory invitation campaigns
# A table kept UNLINK with a column of this name gets, in every row /olvidarme unlinks, one
# random key per forgotten person: the rows still count as one person (sessions' attendance in
# the report) and nothing says whose they were.
FORGOTTEN_KEY = "forgotten_key"


def _table(name: str) -> Table | None:
    """A table of the metadata by name (None when its feature is not installed)."""
    from nucleo.registry import import_all_models

    import_all_models()
    return Base.metadata.tables.get(name)


async def forget_person(session: AsyncSession, person_id: int, *, extra_keys: list[str],
                        now: datetime) -> bool:
    """/olvidarme (an action). A person the bot created (source bot, chat_web, whatsapp) is
    deleted with every personal row: conversations, web inbox, outbox, questions, consents and
    what cascades. A person of HR's directory keeps the directory row (the employer's record)
    but loses everything the bot collected or linked (see ``DIRECTORY_POLICY``), and every
    invitation or code sent before stops working. Returns whether the directory row was kept.
    The audit entry has the id and counts only."""
    person = await session.get(Person, person_id, populate_existing=True)
    if person is None:
        return False
    directory = person.source == DIRECTORY_SOURCE
    keys = set(extra_keys)
    keys.update((await session.execute(
        select(Conversation.key).where(Conversation.person_id == person_id))).scalars())
    if keys:
        await session.execute(delete(WebMessage).where(WebMessage.conversation_key.in_(keys)))
        await session.execute(delete(Conversation).where(Conversation.key.in_(keys)))
    outbox = OutboxMessage.person_id == person_id
    if person.telegram_chat_id is not None:  # replies to the chat, also from before it linked
        outbox = or_(outbox, OutboxMessage.chat_id == person.telegram_chat_id)
    await session.execute(delete(OutboxMessage).where(outbox))
    await session.execute(delete(PendingQuestion).where(PendingQuestion.person_id == person_id))
    await session.execute(delete(Consent).where(Consent.person_id == person_id))
    codes = _table("link_codes")
    if codes is not None and keys:
        # /vincular codes this chat asked for, also those for an address outside the directory.
        await session.execute(delete(codes).where(codes.c.chat_key.in_(keys)))
    await _forget_emails(session, person)
    details: dict[str, object] = {"directorio": directory}
    if directory:
        details.update(await _forget_directory_person(session, person, now=now))
    else:
        participation = _table("survey_participation")
        if participation is not None:  # the finished ones stay, without the person
            await _forget_participation(session, participation, person_id)
            await session.execute(update(participation).where(
                participation.c.person_id == person_id).values(person_id=None))
        forgotten = secrets.token_hex(16)
        for (name, col), action in DIRECTORY_POLICY.items():
            tbl = _table(name)  # the rest goes with the person (its foreign keys)
            if action == UNLINK and tbl is not None and FORGOTTEN_KEY in tbl.c:
                await _unlink(session, tbl, col, person_id, forgotten)
        await session.execute(delete(Person).where(Person.id == person_id))
    audit.record(session, None, "persona.olvidar", target_type="persona", target_id=person_id,
                 details=details)
    await commit(session)
    return directory


async def _forget_emails(session: AsyncSession, person: Person) -> None:
    """Empty the ``EMAIL_POLICY`` "clear" columns holding the person's address (any case) and,
    for a decision link, also the one routed to them from the directory (``link_person_id``)."""
    for (name, col), action in EMAIL_POLICY.items():
        tbl = _table(name)
        if tbl is None or action != CLEAR:
            continue
        matches = []
        if person.email:
            matches.append(func.lower(tbl.c[col]) == person.email.lower())
        if name == "declarations":
            matches.append(tbl.c.link_person_id == person.id)
        if not matches:
            continue
        values: dict[str, object] = {col: None}
        if name == "declarations":  # the link's e-mail goes whole: address, state, retries
            values.update(LINK_EMAIL_CLOSED)
        await session.execute(update(tbl).where(or_(*matches)).values(values))


async def _unlink(session: AsyncSession, table: Table, column: str, person_id: int,
                  forgotten: str) -> int:
    """Leave the person's rows without the person (and with ``forgotten`` as their
    ``FORGOTTEN_KEY`` when the table has one); returns how many."""
    values: dict[str, object] = {column: None}
    if FORGOTTEN_KEY in table.c:
        values[FORGOTTEN_KEY] = forgotten
    return await rows_changed(session, update(table).where(table.c[column] == person_id)
                              .values(values))


async def _forget_directory_person(session: AsyncSession, person: Person, *,
                                   now: datetime) -> dict[str, object]:
    """Clear what the bot collected about a directory person; the row and HR's fields stay."""
    person_id = person.id
    unlinked: dict[str, int] = {}
    forgotten = secrets.token_hex(16)
    for (name, col), action in DIRECTORY_POLICY.items():
        tbl = _table(name)
        if tbl is None or action == KEEP or name in {"consents", "conversations", "bot_outbox",
                                                     "bot_pending_questions"}:
            continue
        where = tbl.c[col] == person_id
        if name == "campaign_deliveries":
            await _forget_deliveries(session, tbl, person_id)
        elif name == "survey_participation":
            await _forget_participation(session, tbl, person_id)
        elif action == UNLINK:
            unlinked[name] = await _unlink(session, tbl, col, person_id, forgotten)
        else:
            await session.execute(delete(tbl).where(where))
    person.token_nonce = new_nonce(person.token_nonce)  # invitations
    person.portal_nonce = new_nonce(person.portal_nonce)  # the portal's login links
    person.unsubscribe_nonce = new_nonce(person.unsubscribe_nonce)  # e-mailed unsubscribe links
    person.telegram_chat_id = None
    person.telegram_blocked_at = None
    person.linked_at = None
    person.subscribed = False
    person.updated_at = now
    await session.flush()
    return {"tiquetes": unlinked.get("consultation_tickets", 0),
            "sugerencias": unlinked.get("suggestions", 0),
            "respuestas_foro": unlinked.get("forum_posts", 0)}


async def _forget_deliveries(session: AsyncSession, deliveries: Table, person_id: int) -> None:
    """Delete the person's campaign deliveries except HR's directory invitations (so a round
    does not invite them again); an invitation still waiting is cancelled, never sent."""
    runs, campaigns = _table("campaign_runs"), _table("campaigns")
    condition = deliveries.c.person_id == person_id
    if runs is not None and campaigns is not None:
        invitations = select(runs.c.id).join(campaigns, campaigns.c.id == runs.c.campaign_id) \
            .where(campaigns.c.kind == INVITATION_KIND)
        await session.execute(update(deliveries).where(
            condition, deliveries.c.run_id.in_(invitations),
            deliveries.c.state == OutboxState.PENDIENTE.value)
            .values(state=OutboxState.CANCELADA.value))
        condition = condition & deliveries.c.run_id.not_in(invitations)
    await session.execute(delete(deliveries).where(condition))


async def _forget_participation(session: AsyncSession, participation: Table,
                                person_id: int) -> None:
    """Delete the person's survey invitations not finished (their drafts go too); a finished
    one stays: it holds no answer, keeps «terminadas» equal to the responses counted, and stops
    a second answer to the same survey. (A person who exists only in the bot is deleted: their
    finished ones stay without the person.)"""
    await session.execute(delete(participation).where(
        participation.c.person_id == person_id, participation.c.status != "terminada"))


async def mark_blocked(session: AsyncSession, chat_id: int, blocked_at: datetime | None) -> bool:
    """Mark (or clear, with None) a Telegram chat as unreachable; False if nobody has it."""
    changed = await rows_changed(session, update(Person).where(Person.telegram_chat_id == chat_id)
                                 .values(telegram_blocked_at=blocked_at))
    await commit(session)
    return bool(changed)
