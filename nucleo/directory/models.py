"""Tables of the link between a chat and a directory row (#17): the invitation tokens already
used (each works once), the e-mail codes of ``/vincular`` (hashed, with attempts and expiry)
and the staff «Vincular mi Telegram» links already used (each works once too); and the
WhatsApp number of each linked person (written by ``bot.whatsapp``, read by the campaigns and
removed by ``link.unlink_channel`` when the person unlinks WhatsApp).

The first three hold no personal data in clear: a used token is kept as its SHA-256, a chat as
the bot's keyed conversation hash, a code as an HMAC under the service's secret.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from nucleo.db import Base, UTCDateTime, utcnow


class LinkTokenUse(Base):
    """An invitation token that was used: a second use of it is refused."""

    __tablename__ = "link_token_uses"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"),
                                           index=True)
    used_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class StaffLinkUse(Base):
    """A staff «Vincular mi Telegram» link that was used (``nucleo.staff``): it never works
    again, even after the account loses its chat."""

    __tablename__ = "staff_link_uses"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_accounts.id", ondelete="CASCADE"),
                                          index=True)
    used_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LinkCode(Base):
    """A 6-digit code sent to an institutional e-mail for ``/vincular``. ``person_id`` is None
    when the address is not in the directory: the chat is told the same and no code can match."""

    __tablename__ = "link_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_key: Mapped[str] = mapped_column(String(64), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"),
                                                  index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class WhatsAppContact(Base):
    """The WhatsApp id (the phone number WhatsApp gives) of a registered person, so the bot's
    notices can reach a person whose chat is WhatsApp.

    Written only once the person exists, that is after they authorised at least one purpose;
    one row per person and per number (a number that reaches a new person leaves the old one);
    removed with the person (``ON DELETE CASCADE``, so «olvidarme» erases it too).
    """

    __tablename__ = "whatsapp_contacts"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    wa_id: Mapped[str] = mapped_column(String(20), unique=True)
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime)
