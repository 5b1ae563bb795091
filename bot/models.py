"""Tables of the bot: conversation state, outbox, web chat inbox, processed inputs, questions.

None of them holds a raw channel id: conversations are keyed by a keyed hash of channel and
channel user id (see ``bot.core.keys``), and everything of a person cascades on deletion.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from nucleo.db import Base, UTCDateTime, utcnow


class Conversation(Base):
    """Where a chat is in its dialogue: flow, step and a small JSON payload."""

    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    channel: Mapped[str] = mapped_column(String(16))
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True)
    flow: Mapped[str | None] = mapped_column(String(40))
    step: Mapped[str | None] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    __mapper_args__ = {"version_id_col": version}


class OutboxMessage(Base):
    """A message queued in the caller's transaction and sent after commit: a notice for a
    person (``person_id``, sent through the person's channel), or a reply on Telegram
    (``chat_id``: the chat that wrote, whose ``person_id`` is set when it is linked)."""

    __tablename__ = "bot_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True)
    chat_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    text_html: Mapped[str] = mapped_column(Text)
    buttons: Mapped[list[list[dict[str, str]]]] = mapped_column(JSON, default=list)
    image: Mapped[str | None] = mapped_column(String(500))
    state: Mapped[str] = mapped_column(String(12), default="pendiente", index=True)  # outbox
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(200))


class WebMessage(Base):
    """A bot message waiting in a web chat for the browser to fetch."""

    __tablename__ = "bot_web_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_key: Mapped[str] = mapped_column(String(64), index=True)
    text_html: Mapped[str] = mapped_column(Text)
    buttons: Mapped[list[list[dict[str, str]]]] = mapped_column(JSON, default=list)
    image: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class ProcessedInput(Base):
    """A delivery already processed (e.g. ``telegram:<update_id>``): recorded in the same
    transaction as its effects, so a replay is ignored and a crash never half-applies one."""

    __tablename__ = "bot_processed_inputs"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class PendingQuestion(Base):
    """A question passed to Talento Humano while the consultation engine is not available."""

    __tablename__ = "bot_pending_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True)
    question: Mapped[str] = mapped_column(Text)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=True)
    code: Mapped[str | None] = mapped_column(String(16), unique=True)
    status: Mapped[str] = mapped_column(String(12), default="pendiente")
    answer_html: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
