"""Sessions, the dependencias each is for, and who attended (one row per session and person)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nucleo.db import Base, UTCDateTime, utcnow


class SensitizationSession(Base):
    """One sensitization session: what, where, when and who leads it. A cancelled one keeps its
    row (and its attendance) but is never counted as held."""

    __tablename__ = "sensitization_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    topic: Mapped[str] = mapped_column(String(40))  # a key of ``messages.TOPICS``
    place: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    facilitator: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str] = mapped_column(Text, default="")
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_accounts.id", ondelete="SET NULL"))


class SessionDepartment(Base):
    """A dependencia a session is for (none: the whole entity)."""

    __tablename__ = "sensitization_session_departments"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("sensitization_sessions.id", ondelete="CASCADE"), primary_key=True)
    department_id: Mapped[int] = mapped_column(
        ForeignKey("departments.id", ondelete="CASCADE"), primary_key=True, index=True)


class Attendance(Base):
    """A person who attended a session, once. ``department_id`` is the person's dependencia at
    check-in (the report counts by it, also after /olvidarme leaves the row without person and
    with a ``forgotten_key``)."""

    __tablename__ = "sensitization_attendance"
    __table_args__ = (UniqueConstraint("session_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sensitization_sessions.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True)
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="SET NULL"))
    # Set by /olvidarme with person_id = NULL: one random key for all of that person's rows, so
    # the report still counts the person once (``bot.people.FORGOTTEN_KEY``).
    forgotten_key: Mapped[str | None] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(20))  # telegram, web, whatsapp, manual
    checked_in_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    recorded_by_id: Mapped[int | None] = mapped_column(  # manual: who added it
        ForeignKey("staff_accounts.id", ondelete="SET NULL"))
