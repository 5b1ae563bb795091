"""The WhatsApp channel's table: when each chat last wrote (the 24-hour service window).

Keyed like conversations, by the keyed hash of channel and WhatsApp id (``bot.core.keys``): the
table never holds a phone number.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from nucleo.db import Base, UTCDateTime


class WhatsAppWindow(Base):
    """The last inbound message of one WhatsApp chat."""

    __tablename__ = "whatsapp_windows"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_inbound_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
