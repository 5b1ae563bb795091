"""Database tables of the consultation desk: tickets, HR's entry edits and "¿Te sirvió?" votes."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from nucleo.db import Base, UTCDateTime, utcnow


class TicketStatus(enum.StrEnum):
    ABIERTO = "abierto"
    RESPONDIDO = "respondido"
    CERRADO = "cerrado"


class ConsultationTicket(Base):
    """A question the bot could not answer safely, waiting for an advisor.

    Anonymous tickets keep no person and no department: only the hash of the receipt code.
    """

    __tablename__ = "consultation_tickets"

    id: Mapped[int] = mapped_column(primary_key=True)
    question: Mapped[str] = mapped_column(Text)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True)
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="SET NULL"), index=True)
    code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    reason: Mapped[str | None] = mapped_column(String(40))
    # the office that should answer (bot.consultas.routing.Route); advisors may change it
    route: Mapped[str] = mapped_column(String(40), default="talento_humano",
                                       server_default="talento_humano", index=True)
    suggested_entry_id: Mapped[str | None] = mapped_column(String(64))
    # the advisor in charge (None: anyone of the office); advisors may change it
    assigned_to_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_accounts.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=TicketStatus.ABIERTO.value,
                                        index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_accounts.id", ondelete="SET NULL"))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminded_on: Mapped[date | None] = mapped_column(Date)
    promoted_entry_id: Mapped[str | None] = mapped_column(String(64))


class EntryOverride(Base):
    """An entry HR wrote or edited through the API; it replaces the file entry with that id."""

    __tablename__ = "consultation_entry_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[str] = mapped_column(String(64), unique=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_accounts.id", ondelete="SET NULL"))


class EntryFeedback(Base):
    """One "¿Te sirvió?" vote. No person, and only the day (not the time), so it cannot be
    matched with a chat; the question text is kept only for unhelpful answers."""

    __tablename__ = "consultation_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[str] = mapped_column(String(64), index=True)
    helpful: Mapped[bool] = mapped_column(Boolean)
    question: Mapped[str | None] = mapped_column(Text)
    created_on: Mapped[date] = mapped_column(Date, index=True)
