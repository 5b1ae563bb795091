""""¿Te sirvió?": anonymous votes per entry, and what HR should improve in the base."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from .tables import ConsultationTicket, EntryFeedback
from .tickets import clean_question


@dataclass(frozen=True)
class EntryCounts:
    entry_id: str
    helpful: int
    unhelpful: int


@dataclass(frozen=True)
class UnhelpfulQuestion:
    entry_id: str
    question: str | None
    day: date


@dataclass(frozen=True)
class EscalatedQuestion:
    ticket_id: int
    question: str
    reason: str | None
    suggested_entry_id: str | None
    status: str
    created_at: datetime
    promoted_entry_id: str | None


async def record_vote(session: AsyncSession, *, entry_id: str, helpful: bool,
                      question: str | None, day: date) -> None:
    """Store one vote with no person; the question only for an unhelpful answer (caller commits)."""
    text = None
    if not helpful and isinstance(question, str) and question.strip():
        try:
            text = clean_question(question)
        except Exception:
            text = None
    session.add(EntryFeedback(entry_id=entry_id, helpful=helpful, question=text,
                              created_on=day))
    await session.flush()


async def _counts(session: AsyncSession, *conditions: ColumnElement[bool]) -> dict[str, EntryCounts]:
    rows = await session.execute(
        select(EntryFeedback.entry_id,
               func.sum(case((EntryFeedback.helpful.is_(True), 1), else_=0)),
               func.sum(case((EntryFeedback.helpful.is_(False), 1), else_=0)))
        .where(*conditions).group_by(EntryFeedback.entry_id))
    return {e: EntryCounts(e, int(h or 0), int(u or 0)) for e, h, u in rows.all()}


async def counts_by_entry(session: AsyncSession) -> dict[str, EntryCounts]:
    """Helpful and unhelpful votes for every entry that has any."""
    return await _counts(session)


async def counts_between(session: AsyncSession, since: date,
                         until: date) -> dict[str, EntryCounts]:
    """Helpful and unhelpful votes per entry cast between two days (inclusive)."""
    return await _counts(session, EntryFeedback.created_on >= since,
                         EntryFeedback.created_on <= until)


async def unhelpful_questions(session: AsyncSession, *, limit: int = 200) -> list[UnhelpfulQuestion]:
    """The latest unhelpful votes, with the question when it was kept."""
    rows = await session.scalars(
        select(EntryFeedback).where(EntryFeedback.helpful.is_(False))
        .order_by(EntryFeedback.created_on.desc(), EntryFeedback.id.desc()).limit(limit))
    return [UnhelpfulQuestion(r.entry_id, r.question, r.created_on) for r in rows]


async def escalated_questions(session: AsyncSession, *, limit: int = 200) -> list[EscalatedQuestion]:
    """The latest escalated questions not yet turned into entries (no person shown)."""
    rows = await session.scalars(
        select(ConsultationTicket).where(ConsultationTicket.promoted_entry_id.is_(None))
        .order_by(ConsultationTicket.created_at.desc(), ConsultationTicket.id.desc())
        .limit(limit))
    return [EscalatedQuestion(t.id, t.question, t.reason, t.suggested_entry_id, t.status,
                              t.created_at, t.promoted_entry_id) for t in rows]
