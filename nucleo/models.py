"""Cross-cutting models: departments (dependencias), people, consent, staff and the audit log."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    false,
)
from sqlalchemy import inspect as inspect_state
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nucleo.db import Base, UTCDateTime, utcnow
from nucleo.directory.keys import search_key, sort_key


class PersonKind(enum.StrEnum):
    SERVIDOR = "servidor"
    CONTRATISTA = "contratista"


class PersonStatus(enum.StrEnum):
    ACTIVA = "activa"
    INACTIVA = "inactiva"


class Role(enum.StrEnum):
    ADMIN = "admin"
    TALENTO_HUMANO = "talento_humano"
    ASESOR = "asesor"
    AUDITOR = "auditor"
    JURIDICA = "juridica"  # Jurídica / Control Interno: keeps the declarations register (#18)


class Department(Base):
    """A dependencia of the municipality (Secretaría de Hacienda, Talento Humano, ...)."""

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    normalized_name: Mapped[str] = mapped_column(String(200), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Person(Base):
    """A servidor/a or contratista: from the directory, from the bot, or both."""

    __tablename__ = "people"
    # Ids are never reused (SQLite would hand out the deleted largest id again): a token or
    # a link that names a forgotten person never names somebody else (#17).
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str | None] = mapped_column(String(200))
    document_id: Mapped[str | None] = mapped_column(String(32), unique=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    # E.164 («+573001234567»), kept by nucleo.directory.phones; a contact shared in the bot
    # is matched against it (#17).
    mobile: Mapped[str | None] = mapped_column(String(16), unique=True)
    kind: Mapped[str | None] = mapped_column(String(20))
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="SET NULL"), index=True
    )
    # The person's immediate superior (jefe inmediato) as HR's import names them (#18): the
    # one who decides their impediments (CPACA art. 12). Never the person; no cycles.
    superior_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True)
    telegram_chat_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    telegram_blocked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    email_unreachable_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    subscribed: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[str] = mapped_column(String(20), default=PersonStatus.ACTIVA.value)
    source: Mapped[str] = mapped_column(String(20), default="directorio")
    # Kept by the listeners below (and by the importer's bulk writes): nucleo.directory.keys.
    search_key: Mapped[str | None] = mapped_column(String(600))
    sort_key: Mapped[str | None] = mapped_column(String(400), index=True)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When a chat was linked to this directory row after the person's consent (#17), and the
    # nonce every invitation token carries: rotating it revokes the tokens already issued.
    linked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    token_nonce: Mapped[int | None] = mapped_column(Integer)
    # The portal's own nonce (its login links carry it): a portal logout rotates it, and
    # leaves the invitations alone; /olvidarme rotates both.
    portal_nonce: Mapped[int | None] = mapped_column(Integer)
    # The nonce every unsubscribe link carries (campañas/unsubscribe.py). Empty until it first
    # rotates (then the links e-mailed before nonces existed stop working too): subscribing
    # again or a changed address rotates it (``_rotate_unsubscribe_nonce``), and so do
    # /olvidarme, a merge and a re-import that changes the address.
    unsubscribe_nonce: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    department: Mapped[Department | None] = relationship(lazy="joined")
    consents: Mapped[list[Consent]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )


NONCE_MAX = 999_999  # small enough for an invitation to fit Telegram's 64-character parameter


def new_nonce(old: int | None = None) -> int:
    """A random nonce for one of the person's nonce columns, never ``old``."""
    while (nonce := secrets.randbelow(NONCE_MAX) + 1) == old:
        pass
    return nonce


@event.listens_for(Person, "before_update")
def _rotate_unsubscribe_nonce(_mapper: Any, _connection: Any, person: Person) -> None:
    """An unsubscribe link e-mailed before the person subscribed again, or to an address they
    no longer have, must not unsubscribe them: rotate the nonce those links carry. (Bulk
    UPDATEs skip this; the importer rotates the nonce of the addresses it changes itself.)"""
    state = inspect_state(person)
    subscribed, email = state.attrs.subscribed.history, state.attrs.email.history
    resubscribed = list(subscribed.added) == [True] and True not in subscribed.deleted
    readdressed = bool(email.added) and list(email.added) != list(email.deleted)
    if resubscribed or readdressed:
        person.unsubscribe_nonce = new_nonce(person.unsubscribe_nonce)


@event.listens_for(Person, "before_insert")
@event.listens_for(Person, "before_update")
def _refresh_keys(_mapper: Any, _connection: Any, person: Person) -> None:
    """Keep the search and sort keys in step with the name, cédula and e-mail."""
    person.search_key = search_key(person.full_name, person.document_id, person.email)
    person.sort_key = sort_key(person.full_name)


class Consent(Base):
    """One decision of a person on one purpose of the data-protection notice (Ley 1581)."""

    __tablename__ = "consents"
    __table_args__ = (UniqueConstraint("person_id", "purpose"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    purpose: Mapped[str] = mapped_column(String(40))
    granted: Mapped[bool] = mapped_column(Boolean)
    notice_version: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(20))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    person: Mapped[Person] = relationship(back_populates="consents")


class StaffAccount(Base):
    """A Talento Humano, advisor, auditor or admin account for the console and the API."""

    __tablename__ = "staff_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    token_version: Mapped[int] = mapped_column(Integer, default=0)
    telegram_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set by an admin's password reset: the console asks for a new password before anything else.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False,
                                                       server_default=false())

class AuditEntry(Base):
    """An append-only record of a staff action (database triggers refuse UPDATE and DELETE)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)
    actor_email: Mapped[str | None] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(80), index=True)
    target_type: Mapped[str | None] = mapped_column(String(40))
    target_id: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    summary: Mapped[str | None] = mapped_column(Text)
