"""Where the bot's notices reach a person on WhatsApp: ``whatsapp_contacts``.

Conversations are keyed by a hash, so the number a notice must go to is stored here, and only
for a registered person (registration needs consent): a chat that never registered leaves no
number behind. A number now linked to another person is taken from the previous one (a number
that changes owner must not carry the old owner's notices), and the row goes with the person.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.keys import ConversationKeys
from bot.core.types import WHATSAPP, PersonRef
from bot.models import Conversation
from nucleo import audit
from nucleo.db import Database
from nucleo.directory import link
from nucleo.directory.models import WhatsAppContact
from nucleo.models import Person

log = logging.getLogger(__name__)


class Contacts:
    """Keeps ``whatsapp_contacts`` in step with the person behind each WhatsApp chat."""

    def __init__(self, db: Database, keys: ConversationKeys,
                 clock: Callable[[], datetime]) -> None:
        self.db = db
        self.keys = keys
        self.clock = clock

    async def sync(self, wa_id: str) -> None:
        """Link the chat's number to its person, if the chat has one. A read first; the write
        (its own transaction) only when the link is missing or changed. Two messages of one
        chat racing to write the same link: the loser's insert conflicts and is dropped."""
        key = self.keys.key(PersonRef(WHATSAPP, wa_id))
        async with self.db.session() as session:
            if await _linked(session, key, wa_id):
                return
        try:
            await self._write(key, wa_id)
        except IntegrityError:
            log.info("whatsapp contact linked concurrently; kept the other write")

    async def _write(self, key: str, wa_id: str) -> None:
        async with self.db.transaction() as session:
            if await _linked(session, key, wa_id):  # someone else linked it meanwhile
                return
            person_id = await _person_of(session, key)
            assert person_id is not None
            await session.execute(delete(WhatsAppContact).where(
                WhatsAppContact.wa_id == wa_id, WhatsAppContact.person_id != person_id))
            current = await session.get(WhatsAppContact, person_id)
            if current is None:
                session.add(WhatsAppContact(person_id=person_id, wa_id=wa_id,
                                            linked_at=self.clock()))
            else:
                current.wa_id, current.linked_at = wa_id, self.clock()


    async def number_changed(self, old: str, new: str | None) -> bool:
        """WhatsApp says the user of ``old`` now uses ``new`` (``user_changed_number``): the
        old number may go to somebody else, so it leaves the person (no notice or campaign
        follows it) and its chat becomes anonymous, at its first step. The person, their
        consents and history stay. When WhatsApp gives the new number the person moves there
        (their number and their chat, at its first step): Meta vouches it is the same user, so
        whoever else still held the new number held it stale and is detached from it the same
        way as the old number (else their notices would reach this person, and this person
        writing would pass for them). Returns whether the person moved; a replay changes
        nothing. Audit entries have people's ids only."""
        now = self.clock()
        old_key = self.keys.key(PersonRef(WHATSAPP, old))
        async with self.db.transaction() as session:
            contact = (await session.execute(select(WhatsAppContact).where(
                WhatsAppContact.wa_id == old))).scalar()
            chat = (await session.execute(select(Conversation).where(
                Conversation.key == old_key))).scalar()
            person_id = contact.person_id if contact is not None else (
                chat.person_id if chat is not None else None)
            if person_id is None:
                return False
            if contact is not None:
                await session.delete(contact)
            if chat is not None and chat.person_id is not None:
                _restart(chat, None, now)
            await session.flush()
            moved = new is not None and new != old and await self._move(
                session, person_id, new, now)
            await _unlink_if_chatless(session, person_id)
            audit.record(session, None, "whatsapp.numero_cambiado", target_type="persona",
                         target_id=person_id, details={"movido": moved})
        return moved

    async def _move(self, session: AsyncSession, person_id: int, new: str,
                    now: datetime) -> bool:
        key = self.keys.key(PersonRef(WHATSAPP, new))
        held = (await session.execute(select(WhatsAppContact).where(
            WhatsAppContact.wa_id == new))).scalar()
        chat = (await session.execute(select(Conversation).where(
            Conversation.key == key))).scalar()
        stale = {p for p in (held.person_id if held is not None else None,
                             chat.person_id if chat is not None else None)
                 if p not in (None, person_id)}
        if held is not None and held.person_id != person_id:
            await session.delete(held)  # Meta says the number is this person's now
            held = None
        if held is None:
            await session.execute(delete(WhatsAppContact).where(
                WhatsAppContact.person_id == person_id))
            await session.flush()
            session.add(WhatsAppContact(person_id=person_id, wa_id=new, linked_at=now))
        if chat is None:
            session.add(Conversation(key=key, channel=WHATSAPP, person_id=person_id,
                                     data={}, updated_at=now))
        elif chat.person_id != person_id:
            _restart(chat, person_id, now)  # another's or anonymous: its dialogue is not hers
        await session.flush()
        for other in sorted(stale):
            await _unlink_if_chatless(session, other)
            audit.record(session, None, "whatsapp.numero_reasignado", target_type="persona",
                         target_id=other, details={})
        return True


def _restart(chat: Conversation, person_id: int | None, now: datetime) -> None:
    """The chat now belongs to ``person_id`` (None: nobody), from its first step."""
    chat.person_id, chat.flow, chat.step, chat.data = person_id, None, None, {}
    chat.updated_at = now


async def _unlink_if_chatless(session: AsyncSession, person_id: int) -> None:
    """A directory person left without any chat is no longer linked (like unlinking the last
    channel)."""
    person = await session.get(Person, person_id)
    if link.is_linked(person) and person is not None \
            and not await link.linked_channels(session, person):
        person.linked_at = None


async def _person_of(session: AsyncSession, key: str) -> int | None:
    return (await session.execute(
        select(Conversation.person_id).where(Conversation.key == key))).scalar()


async def _linked(session: AsyncSession, key: str, wa_id: str) -> bool:
    """True when there is nothing to write: no person behind the chat, or already linked."""
    person_id = await _person_of(session, key)
    if person_id is None:
        return True
    return (await session.execute(select(WhatsAppContact.wa_id).where(
        WhatsAppContact.person_id == person_id))).scalar() == wa_id


async def wa_id_of(session: AsyncSession, person_id: int) -> str | None:
    """The WhatsApp id a person's notices go to, or None."""
    row = await session.get(WhatsAppContact, person_id)
    return row.wa_id if row is not None else None
