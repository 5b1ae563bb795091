"""Survey tables. Nothing here links an answer to a person (see the package docstring)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nucleo.db import Base, UTCDateTime, utcnow


class Survey(Base):
    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    period_label: Mapped[str] = mapped_column(String(40))
    opens_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="borrador")
    audience: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    intro: Mapped[str] = mapped_column(Text, default="")
    results_where: Mapped[str] = mapped_column(Text, default="")
    max_reminders: Mapped[int] = mapped_column(Integer, default=2)
    reminder_every_hours: Mapped[int] = mapped_column(Integer, default=72)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("surveys.id", ondelete="SET NULL"))
    created_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    launched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Responses still waiting in the pool at close, added in one batch under the minimum.
    closing_batch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    questions: Mapped[list[SurveyQuestion]] = relationship(
        order_by="SurveyQuestion.position", cascade="all, delete-orphan", lazy="selectin")


class SurveyQuestion(Base):
    __tablename__ = "survey_questions"
    __table_args__ = (UniqueConstraint("survey_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    value: Mapped[str | None] = mapped_column(String(40))
    options: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    required: Mapped[bool] = mapped_column(default=True)


class SurveyParticipation(Base):
    """Who was invited and who finished: to avoid double answers and to send reminders.

    Holds no answer and no finishing time.
    """

    __tablename__ = "survey_participation"
    __table_args__ = (UniqueConstraint("survey_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    # None: a finished participation of someone who existed only in the bot and asked to be
    # forgotten; it stays so «terminadas» keeps matching the responses counted (#17).
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="invitada")
    reminders_sent: Mapped[int] = mapped_column(Integer, default=0)
    last_contact_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SurveyDraft(Base):
    """Answers of a person still answering; deleted when they finish or the survey closes.

    UNLOGGED on PostgreSQL (never in the WAL); on SQLite ``secure_delete`` zeroes a deleted draft
    and the WAL is truncated after each batch (``bot.encuestas.tally.scrub``).
    """

    __tablename__ = "survey_drafts"
    __table_args__ = (UniqueConstraint("survey_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    answers: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)


class SurveyTally(Base):
    """How many finished responses chose an option in one group of one dimension.

    ``group_key``: ``*`` (everyone), ``d:<department id>`` / ``d:-``, ``k:<kind>`` / ``k:-``, and
    ``d:otras`` / ``k:otras`` for groups that stayed under the minimum. Every cell exists from the
    launch (or from the invitation of a late joiner), so no row is created by an answer.
    """

    __tablename__ = "survey_tallies"
    __table_args__ = (UniqueConstraint("question_id", "option", "group_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"),
                                           index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("survey_questions.id",
                                                        ondelete="CASCADE"))
    option: Mapped[str] = mapped_column(String(40))
    group_key: Mapped[str] = mapped_column(String(80))
    department_id: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str | None] = mapped_column(String(20))
    count: Mapped[int] = mapped_column(Integer, default=0)


class SurveyRespondents(Base):
    """How many responses were counted per group (same ``group_key`` as the tallies)."""

    __tablename__ = "survey_respondents"
    __table_args__ = (UniqueConstraint("survey_id", "group_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    group_key: Mapped[str] = mapped_column(String(80))
    department_id: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str | None] = mapped_column(String(20))
    count: Mapped[int] = mapped_column(Integer, default=0)


def _random_key() -> str:
    return uuid.uuid4().hex


class SurveyTextAnswer(Base):
    """A free-text answer: random key, no person, no group, no time (shown only to HR)."""

    __tablename__ = "survey_text_answers"
    __table_args__ = {"sqlite_with_rowid": False}

    key: Mapped[str] = mapped_column(String(32), primary_key=True, default=_random_key)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("survey_questions.id",
                                                        ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)


class SurveyPool(Base):
    """A finished response waiting to be counted: random key, no person, no time.

    One entry per dimension (``*`` with the comments, ``d:…``, ``k:…``), each with its own key.
    Entries of a group are added to the counters together once ``MIN_BATCH`` wait, and deleted.
    UNLOGGED on PostgreSQL.
    """

    __tablename__ = "survey_pool"
    __table_args__ = {"sqlite_with_rowid": False}

    key: Mapped[str] = mapped_column(String(32), primary_key=True, default=_random_key)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"),
                                           index=True)
    group_key: Mapped[str] = mapped_column(String(80))
    choices: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    texts: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
