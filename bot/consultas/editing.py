"""Actions of HR on the knowledge base: write or edit an entry, undo an edit, promote a ticket.

Each action checks the whole merged base before committing, then reloads the engine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from nucleo import audit
from nucleo.db import commit
from nucleo.errors import Conflict, InvalidInput, NotFound
from nucleo.models import StaffAccount
from nucleo.text import clean_text

from . import ticket_messages as msg
from .knowledge import parse_entry
from .models import MAX_ANSWER_CHARS, MIN_PHRASINGS, Entry
from .store import KnowledgeStore
from .tables import EntryOverride
from .tickets import get_ticket

PHRASING_CHARS = 300


async def save_entry(
    session: AsyncSession, store: KnowledgeStore, data: Mapping[str, Any], *,
    staff: StaffAccount, now: datetime, create: bool,
) -> Entry:
    """Create (``create=True``, 409 if the id exists) or replace an entry, then reload."""
    entry = parse_entry(dict(data), origin="API")
    await store.refresh(session)
    if create and entry.id in store.kb:
        raise Conflict(msg.ENTRY_EXISTS.format(entry=entry.id))
    payload = entry.model_dump(mode="json")
    overrides = store.override_data()
    overrides[entry.id] = payload
    store.merge(overrides.values())  # raises InvalidInput if related ids or sources do not fit
    row = await session.scalar(select(EntryOverride).where(EntryOverride.entry_id == entry.id))
    if row is None:
        row = EntryOverride(entry_id=entry.id, data=payload, version=1, updated_at=now,
                            updated_by_id=staff.id)
        session.add(row)
    else:
        row.data, row.version = payload, row.version + 1
        row.updated_at, row.updated_by_id = now, staff.id
    audit.record(session, staff, "consulta.entrada.crear" if create else "consulta.entrada.editar",
                 target_type="entrada", target_id=entry.id)
    await commit(session)
    await store.refresh(session)
    return entry


async def delete_override(session: AsyncSession, store: KnowledgeStore, entry_id: str, *,
                          staff: StaffAccount) -> None:
    """Undo HR's edit of an entry: the file version comes back (a new entry disappears)."""
    row = await session.scalar(select(EntryOverride).where(EntryOverride.entry_id == entry_id))
    if row is None:
        raise NotFound(msg.NO_OVERRIDE.format(entry=entry_id[:64]))
    await store.refresh(session)
    overrides = store.override_data()
    overrides.pop(entry_id, None)
    store.merge(overrides.values())
    await session.delete(row)
    audit.record(session, staff, "consulta.entrada.deshacer", target_type="entrada",
                 target_id=entry_id)
    await commit(session)
    await store.refresh(session)


def _phrasings(question: str, extra: Sequence[str], include_question: bool) -> list[str]:
    phrasings: list[str] = []
    if include_question:
        first = clean_text(question)
        phrasings.append(first if len(first) <= PHRASING_CHARS else first[:PHRASING_CHARS])
    phrasings += [clean_text(p) for p in extra if isinstance(p, str) and clean_text(p)]
    if len(phrasings) < MIN_PHRASINGS:
        raise InvalidInput(msg.NOT_ENOUGH_PHRASINGS.format(
            needed=MIN_PHRASINGS, have=len(phrasings), missing=MIN_PHRASINGS - len(phrasings)))
    return phrasings


async def promote_ticket(
    session: AsyncSession, store: KnowledgeStore, ticket_id: int, fields: Mapping[str, Any], *,
    staff: StaffAccount, now: datetime,
) -> Entry:
    """Turn an answered ticket into a new entry in one step (question as the first phrasing)."""
    ticket = await get_ticket(session, ticket_id)
    if ticket.promoted_entry_id:
        raise Conflict(msg.ALREADY_PROMOTED.format(ticket_id=ticket.id,
                                                   entry=ticket.promoted_entry_id))
    answer = fields.get("answer") or ticket.answer
    if not answer:
        raise Conflict(msg.NOT_ANSWERED_YET.format(ticket_id=ticket.id))
    if len(clean_text(answer, keep_newlines=True)) > MAX_ANSWER_CHARS:
        raise InvalidInput(msg.ANSWER_TOO_LONG.format(limit=MAX_ANSWER_CHARS))
    data = {k: v for k, v in fields.items()
            if k not in {"phrasings", "include_question", "answer"} and v is not None}
    data["answer"] = answer
    data["phrasings"] = _phrasings(ticket.question, fields.get("phrasings") or (),
                                   fields.get("include_question", True))
    entry = parse_entry(data, origin="API")
    # save_entry commits; mark the ticket first so both land in the same transaction.
    ticket.promoted_entry_id = entry.id
    try:
        return await save_entry(session, store, data, staff=staff, now=now, create=True)
    except Exception:
        await session.rollback()
        raise
