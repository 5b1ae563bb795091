"""Forum tables: suggestions, official answers, portal posts, forum links, outbox, webhook keys."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from nucleo.db import Base, UTCDateTime, utcnow
from nucleo.text import normalize_key


class Suggestion(Base):
    """A suggestion to improve how the Código de Integridad is lived.

    ``author_person_id`` is NULL for anonymous suggestions: nothing links them to a person.
    ``ref`` is random and stable; Discourse knows the topic by it (``external_id``).
    ``search_key`` is title and text folded (``suggestion_search_key``), kept in step by the
    validator below whenever either changes, so a search for «sanción» finds «sancion».
    """

    __tablename__ = "suggestions"
    __table_args__ = (Index("ix_suggestions_status_value", "status", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(32), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    value: Mapped[str | None] = mapped_column(String(40))
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="SET NULL"), index=True)
    author_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True)
    forum_username: Mapped[str | None] = mapped_column(String(60))
    source: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), default="recibida")
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hidden_reason: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    search_key: Mapped[str | None] = mapped_column(Text)

    @validates("title", "text")
    def _keep_search_key(self, field: str, value: str) -> str:
        title = value if field == "title" else self.title
        text = value if field == "text" else self.text
        self.search_key = suggestion_search_key(title, text)
        return value

    answers: Mapped[list[SuggestionAnswer]] = relationship(
        back_populates="suggestion", order_by="SuggestionAnswer.revision",
        cascade="all, delete-orphan", passive_deletes=True,
        foreign_keys="SuggestionAnswer.suggestion_id")


def suggestion_search_key(title: str | None, text: str | None) -> str:
    """What a text search looks into: title and text without accents, case or extra spaces."""
    return normalize_key(f"{title or ''} {text or ''}")


class SuggestionAnswer(Base):
    """One revision of HR's official answer: a draft until ``published_at`` is set.

    The decision details depend on the status: plan and due date (adoptada), reason
    (no_adoptada), the other suggestion (ya_existe).
    """

    __tablename__ = "suggestion_answers"
    __table_args__ = (UniqueConstraint("suggestion_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    suggestion_id: Mapped[int] = mapped_column(ForeignKey("suggestions.id", ondelete="CASCADE"))
    revision: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    action_plan: Mapped[str | None] = mapped_column(Text)
    action_due: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)
    duplicate_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("suggestions.id", ondelete="SET NULL"))
    drafted_by: Mapped[int | None] = mapped_column(
        ForeignKey("staff_accounts.id", ondelete="SET NULL"))
    drafted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_by: Mapped[int | None] = mapped_column(
        ForeignKey("staff_accounts.id", ondelete="SET NULL"))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    suggestion: Mapped[Suggestion] = relationship(back_populates="answers",
                                                  foreign_keys=[suggestion_id])


class ForumPost(Base):
    """A reply under a suggestion: written in the portal, or imported from Discourse."""

    __tablename__ = "forum_posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    suggestion_id: Mapped[int] = mapped_column(
        ForeignKey("suggestions.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    author_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True)
    author_staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_accounts.id", ondelete="SET NULL"))
    author_label: Mapped[str] = mapped_column(String(80))
    external_post_id: Mapped[int | None] = mapped_column(Integer, unique=True)
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hidden_reason: Mapped[str | None] = mapped_column(String(20))
    hidden_by: Mapped[int | None] = mapped_column(
        ForeignKey("staff_accounts.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ForumLink(Base):
    """Where a suggestion lives in the external forum (one topic per suggestion)."""

    __tablename__ = "forum_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    suggestion_id: Mapped[int] = mapped_column(
        ForeignKey("suggestions.id", ondelete="CASCADE"), unique=True)
    backend: Mapped[str] = mapped_column(String(20))
    external_topic_id: Mapped[int] = mapped_column(Integer)
    first_post_id: Mapped[int | None] = mapped_column(Integer)
    url: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("backend", "external_topic_id"),)


class ForumOutbox(Base):
    """A forum write to perform after commit; ``key`` makes queuing it twice impossible."""

    __tablename__ = "forum_outbox"
    __table_args__ = (Index("ix_forum_outbox_due", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    suggestion_id: Mapped[int] = mapped_column(
        ForeignKey("suggestions.id", ondelete="CASCADE"), index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    state: Mapped[str] = mapped_column(String(12), default="pendiente")  # nucleo.outbox words
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ProcessedWebhook(Base):
    """A webhook already handled, keyed by the ids in its payload (not the event id)."""

    __tablename__ = "forum_webhook_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    outcome: Mapped[str] = mapped_column(String(20))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PortalLoginUse(Base):
    """A magic portal link already used (single use): its token id."""

    __tablename__ = "portal_login_uses"

    id: Mapped[int] = mapped_column(primary_key=True)
    jti: Mapped[str] = mapped_column(String(64), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    used_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PortalSession(Base):
    """A portal session kept on the server: the cookie names it, logout deletes it."""

    __tablename__ = "portal_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"),
                                           index=True)
    csrf_secret: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


__all__ = ["ForumLink", "ForumOutbox", "ForumPost", "PortalLoginUse", "PortalSession",
           "ProcessedWebhook", "Suggestion", "SuggestionAnswer"]
