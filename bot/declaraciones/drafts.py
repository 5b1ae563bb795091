"""Declarations and recusals left halfway in the chat. Nothing is stored before «Radicar»: what
the person typed lives only in their conversation (``bot.models.Conversation``), so they can
come back and go on where they left off. After ``draft_days`` (``DeclarationSettings``,
``VALOR_DECLARACIONES_DRAFT_DAYS``, 2 by default) without a word the draft is forgotten without
a trace: the conversation leaves the flow and its data (the matter and the facts typed) is
dropped, and so are the bot's settled replies to that person's Telegram chat from before then
(the summary to review repeats the matter and the facts; housekeeping would drop them a day
after they settled anyway). The web chat and WhatsApp keep no copy of the replies. A later tap
on an old button is a stale button for the core."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.flow import DECLARATION_FLOW
from bot.models import Conversation, OutboxMessage
from nucleo.db import commit, rows_changed
from nucleo.models import Person
from nucleo.outbox import FINISHED, OutboxState

DRAFT_TTL = timedelta(days=2)  # the default of DeclarationSettings.draft_days
RECUSAL_FLOW = "recu"  # bot/declaraciones/recusal_flow.py NAME (imported there from here)
ASSETS_FLOW = "bienes"  # bot/declaraciones/assets_flow.py NAME: the day being asked
FLOWS = (DECLARATION_FLOW, RECUSAL_FLOW, ASSETS_FLOW)
SETTLED = (*FINISHED, OutboxState.INCIERTA.value, OutboxState.CANCELADA.value)


async def expire_drafts(session: AsyncSession, now: datetime, ttl: timedelta = DRAFT_TTL) -> int:
    """Forget every declaration or recusal draft untouched for ``ttl``; returns how many. The
    version goes up, so a chat answering at that very moment retries on the fresh state."""
    cutoff = now - ttl
    stale = (Conversation.flow.in_(FLOWS), Conversation.updated_at < cutoff)
    chats = [c for c in await session.scalars(select(Person.telegram_chat_id).join(
        Conversation, Conversation.person_id == Person.id).where(*stale)) if c is not None]
    forgotten = await rows_changed(session, update(Conversation).where(*stale).values(
        flow=None, step=None, data={}, version=Conversation.version + 1, updated_at=now)
        .execution_options(synchronize_session=False))
    if chats:  # the replies that showed the draft (a reply has a chat; a notice has none)
        await session.execute(delete(OutboxMessage).where(
            OutboxMessage.chat_id.in_(chats),
            OutboxMessage.state.in_(SETTLED), OutboxMessage.created_at < cutoff)
            .execution_options(synchronize_session=False))
    await commit(session)
    return forgotten
