"""The WhatsApp channel's tables: when each chat last wrote (the 24-hour service window) and
the message ids of the notices sent (for their late ``failed`` statuses; a status that comes
before its notice's ids are stored waits in ``nucleo.whatsapp_kept``).

The window table is keyed like conversations, by the keyed hash of channel and WhatsApp id
(``bot.core.keys``): it never holds a phone number, and it exists for anyone who writes. The
number of each registered person is ``nucleo.directory.models.WhatsAppContact`` (the
directory's link and the campaigns read it too).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from nucleo.db import Base, UTCDateTime


class WhatsAppWindow(Base):
    """The last inbound message of one WhatsApp chat."""

    __tablename__ = "whatsapp_windows"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_inbound_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class WhatsAppNoticeMessage(Base):
    """The message id (``wamid``) the Cloud API gave each message of a bot notice sent over
    WhatsApp, so its later ``failed`` status reaches the notice's outbox row.

    A notice may take several messages (an image, list pages); each has its row. The rows go
    with the notice (``ON DELETE CASCADE``: the outbox is purged, the person forgotten)."""

    __tablename__ = "whatsapp_notice_messages"

    wamid: Mapped[str] = mapped_column(String(200), primary_key=True)
    outbox_id: Mapped[int] = mapped_column(
        ForeignKey("bot_outbox.id", ondelete="CASCADE"), index=True)

