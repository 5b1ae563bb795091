"""The declarations table: one row per declared impediment or conflict of interest."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nucleo.db import Base, UTCDateTime, utcnow


class DeclarationKind(enum.StrEnum):
    IMPEDIMENTO = "impedimento"
    CONFLICTO = "conflicto"


class DeclarationState(enum.StrEnum):
    RADICADA = "radicada"
    EN_ESTUDIO = "en_estudio"
    DECIDIDA = "decidida"
    DESISTIDA = "desistida"


class DeclarationOutcome(enum.StrEnum):
    ACEPTADA = "aceptada"
    RECHAZADA = "rechazada"


class Declaration(Base):
    """A declared impediment or conflict of interest, with its radicado (``DI-2026-0001``,
    numbered per year) and the superior's decision."""

    __tablename__ = "declarations"
    __table_args__ = (UniqueConstraint("year", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    radicado: Mapped[str] = mapped_column(String(20), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    matter: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)
    deciding_office: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(20), default=DeclarationState.RADICADA.value,
                                       index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    studied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str | None] = mapped_column(String(20))
    decision: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_accounts.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
