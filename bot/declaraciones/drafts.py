"""Declarations and recusals left halfway in the chat. Nothing is stored before «Radicar»: what
the person typed lives only in their conversation (``bot.models.Conversation``), so they can
come back and go on where they left off. After ``DRAFT_TTL`` without a word the draft is
forgotten without a trace: the conversation leaves the flow and its data (the matter and the
facts typed) is dropped; a later tap on an old button is a stale button for the core."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.flow import DECLARATION_FLOW
from bot.models import Conversation
from nucleo.db import commit, rows_changed

DRAFT_TTL = timedelta(days=7)
RECUSAL_FLOW = "recu"  # bot/declaraciones/recusal_flow.py NAME (imported there from here)
ASSETS_FLOW = "bienes"  # bot/declaraciones/assets_flow.py NAME: the day being asked
FLOWS = (DECLARATION_FLOW, RECUSAL_FLOW, ASSETS_FLOW)


async def expire_drafts(session: AsyncSession, now: datetime, ttl: timedelta = DRAFT_TTL) -> int:
    """Forget every declaration or recusal draft untouched for ``ttl``; returns how many. The
    version goes up, so a chat answering at that very moment retries on the fresh state."""
    forgotten = await rows_changed(session, update(Conversation).where(
        Conversation.flow.in_(FLOWS), Conversation.updated_at < now - ttl).values(
        flow=None, step=None, data={}, version=Conversation.version + 1, updated_at=now)
        .execution_options(synchronize_session=False))
    await commit(session)
    return forgotten
