"""The plan de acción: its activities and the manual evidence attached to them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nucleo.db import Base, UTCDateTime, utcnow


class PlanActivity(Base):
    """One activity of the plan: what, who, when, how its progress is known."""

    __tablename__ = "plan_activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    component: Mapped[str] = mapped_column(String(120))  # e.g. «Código de Integridad»
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(Text, default="")  # the goal, in words
    owner: Mapped[str] = mapped_column(String(200), default="")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    measure_key: Mapped[str | None] = mapped_column(String(60))
    goal_percent: Mapped[int | None] = mapped_column(Integer)  # the measure's % that counts as 100
    progress: Mapped[int] = mapped_column(Integer, default=0)  # manual %, without a measure
    done: Mapped[str] = mapped_column(Text, default="")  # «avance»
    missing: Mapped[str] = mapped_column(Text, default="")  # «¿qué hace falta?»
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    evidence: Mapped[list[ActivityEvidence]] = relationship(
        back_populates="activity", cascade="all, delete-orphan", order_by="ActivityEvidence.id",
        lazy="selectin")


class ActivityEvidence(Base):
    """A note or a small file that shows what was done (kept in the database, so every replica
    serves it)."""

    __tablename__ = "plan_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("plan_activities.id", ondelete="CASCADE"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    file_name: Mapped[str | None] = mapped_column(String(200))
    file_type: Mapped[str | None] = mapped_column(String(100))
    file_size: Mapped[int | None] = mapped_column(Integer)
    content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    created_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    activity: Mapped[PlanActivity] = relationship(back_populates="evidence")
