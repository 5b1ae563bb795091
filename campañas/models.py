"""Campaign tables: campaigns, their pieces, runs (a piece sent at a time), deliveries and
reactions. Deliveries are the outbox: one row per run × person × channel.

A campaign's ``kind`` is ``valor`` (the value of the week: pieces with an image and reaction
buttons) or ``encuesta`` (a survey invitation: one text-only piece, no value, whose buttons
carry their own callback data; ``origin`` names the survey, e.g. ``encuesta:12``). Text-only
pieces keep the image columns empty (``""``) rather than NULL, because relaxing NOT NULL would
mean rebuilding a table that others reference with cascading keys on SQLite."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from nucleo.db import Base, UTCDateTime, utcnow


class Campaign(Base):
    """A campaign: a value (or the weekly rotation of values), an audience, channels, a
    schedule (one-off ``send_at`` or a weekly rule in an explicit time zone) and a status."""

    __tablename__ = "campaigns"
    __table_args__ = (Index("uq_campaigns_origin", "origin", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="valor", server_default="valor")
    origin: Mapped[str | None] = mapped_column(String(60))
    value_key: Mapped[str | None] = mapped_column(String(60))
    rotation: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="borrador", index=True)
    audience: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    channels: Mapped[list[str]] = mapped_column(JSON, default=list)
    schedule_kind: Mapped[str | None] = mapped_column(String(10))
    send_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    weekday: Mapped[int | None] = mapped_column(SmallInteger)
    local_time: Mapped[str | None] = mapped_column(String(5))
    timezone: Mapped[str] = mapped_column(String(64), default="America/Bogota")
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # the approved WhatsApp template its pieces go out as (HR registers it; see whatsapp.md)
    whatsapp_template: Mapped[str | None] = mapped_column(String(512))
    whatsapp_language: Mapped[str | None] = mapped_column(String(15))
    whatsapp_parameters: Mapped[list[str] | None] = mapped_column(JSON)
    # why the engine paused it (e.g. the template was paused by Meta), shown to HR
    pause_reason: Mapped[str | None] = mapped_column(String(300))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("staff_accounts.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Piece(Base):
    """A graphic piece: image on disk (by hash), phrase, author, Telegram-safe caption and
    reaction buttons. ``telegram_file_id`` and ``whatsapp_media_id`` keep each channel's
    upload so the image goes up once (:meth:`media_column`)."""

    __tablename__ = "campaign_pieces"
    __table_args__ = (
        # an automatic declaration reminder: one piece per text (campañas.reminder_rounds)
        Index("uq_campaign_pieces_reminder_text", "campaign_id", "reminder_text", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    value_key: Mapped[str] = mapped_column(String(60))
    phrase: Mapped[str] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(200))
    caption_html: Mapped[str] = mapped_column(Text)
    image_sha256: Mapped[str] = mapped_column(String(64))
    image_path: Mapped[str] = mapped_column(String(200))
    image_mime: Mapped[str] = mapped_column(String(40))
    image_generated: Mapped[bool] = mapped_column(Boolean, default=False)
    telegram_file_id: Mapped[str | None] = mapped_column(String(255))
    whatsapp_media_id: Mapped[str | None] = mapped_column(String(255))  # uploaded once
    # the piece's own WhatsApp template (None: its campaign's; see campañas.whatsapp_template)
    whatsapp_template: Mapped[str | None] = mapped_column(String(512))
    whatsapp_language: Mapped[str | None] = mapped_column(String(15))
    whatsapp_parameters: Mapped[list[str] | None] = mapped_column(JSON)
    buttons: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    # which text of an automatic declaration reminder it is («primero», «de_nuevo», «vencido»,
    # «vencido_de_nuevo»; see campañas.reminder_rounds); None for every other piece
    reminder_text: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def has_image(self) -> bool:
        """False for a text-only piece (a survey invitation)."""
        return bool(self.image_path)

    @staticmethod
    def media_column(channel: str) -> str:
        """The column keeping a channel's uploaded image id: WhatsApp's media id, else
        Telegram's file_id (e-mail attaches the file; the column is never read for it)."""
        return "whatsapp_media_id" if channel == "whatsapp" else "telegram_file_id"

    def media_id(self, channel: str) -> str | None:
        """The channel's id of the uploaded image, if it was uploaded."""
        value: str | None = getattr(self, self.media_column(channel))
        return value


class Run(Base):
    """One send of a piece at a scheduled time. A run missed while the service was down and
    past the grace window is kept with ``missed`` set and no piece, so it shows in the stats."""

    __tablename__ = "campaign_runs"
    __table_args__ = (
        UniqueConstraint("campaign_id", "scheduled_for", "piece_id"),
        # an automatic declaration reminder: one run per round and piece (text), see reminder_rounds
        Index("uq_campaign_runs_reminder_round", "campaign_id", "piece_id", "reminder_round", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    piece_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaign_pieces.id", ondelete="CASCADE"), index=True
    )
    scheduled_for: Mapped[datetime] = mapped_column(UTCDateTime)
    state: Mapped[str] = mapped_column(String(20), default="en_curso", index=True)
    missed: Mapped[bool] = mapped_column(Boolean, default=False)
    targeted: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # the round of an automatic declaration reminder (campañas.reminder_rounds); None otherwise
    reminder_round: Mapped[int | None] = mapped_column(Integer)


class Delivery(Base):
    """One message to one person on one channel; its state says what is known about it."""

    __tablename__ = "campaign_deliveries"
    __table_args__ = (
        # one message per run, person and channel: a rotation sends a piece again in a later run
        UniqueConstraint("run_id", "person_id", "channel"),
        Index("ix_campaign_deliveries_claim", "state", "next_attempt_at"),
        # the reach measures (campañas.measures): sent in a period, counted from the index
        Index("ix_campaign_deliveries_sent", "state", "sent_at", "person_id", "piece_id"),
        # ... and probed per person and per piece (who and what was sent something in a period)
        Index("ix_campaign_deliveries_person_sent", "person_id", "state", "sent_at"),
        Index("ix_campaign_deliveries_piece_sent", "piece_id", "state", "sent_at"),
        # a WhatsApp status webhook finds its delivery by the message id Meta gave it
        Index("uq_campaign_deliveries_wamid", "wamid", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("campaign_runs.id", ondelete="CASCADE"), index=True
    )
    piece_id: Mapped[int] = mapped_column(ForeignKey("campaign_pieces.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(10))
    state: Mapped[str] = mapped_column(String(12), default="pendiente")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_error: Mapped[str | None] = mapped_column(String(300))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    wamid: Mapped[str | None] = mapped_column(String(128))  # WhatsApp only
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # WhatsApp status
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # WhatsApp status
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Reaction(Base):
    """A tap on a piece's reaction button, kept once per person, piece and button."""

    __tablename__ = "campaign_reactions"
    __table_args__ = (UniqueConstraint("person_id", "piece_id", "button"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    piece_id: Mapped[int] = mapped_column(
        ForeignKey("campaign_pieces.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    button: Mapped[str] = mapped_column(String(30))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
