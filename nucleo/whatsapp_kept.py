"""WhatsApp statuses kept for a message id nobody has yet (#20).

A status webhook (``sent``, ``delivered``, ``read``, ``failed``) may arrive before the sender has
committed the message's id (``wamid``): the Cloud API answers the send and, milliseconds later,
reports on it, while the campaign engine or the notices' worker is still recording that answer.
The WhatsApp channel keeps such a status here (``keep``); whoever records a wamid takes the
statuses kept for it (``take``) and applies them, each once. A status for a message the service
never records (a reply of the chat, a message of another app) is forgotten after ``KEPT``
(``purge``, from the bot's housekeeping).

One table for the campaigns and the bot's notices, which both send WhatsApp messages: no number,
no text, only a SHA-256 digest of the message id (a wamid carries the recipient's number in
base64, so it is never stored here as it comes), the status, its time and its first error code;
and only for ``KEPT``, since a status overtakes its send's recording by milliseconds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import Integer, String, delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from nucleo.db import Base, Database, UTCDateTime, affected, insert_new
from nucleo.ports import MessageStatus

KEPT = timedelta(hours=1)  # how long a status waits for its message to be recorded
ORDER = {"sent": 0, "delivered": 1, "read": 2, "failed": 3}


class KeptStatus(Base):
    """A status whose message id no campaign delivery nor bot notice had when it arrived."""

    __tablename__ = "whatsapp_kept_statuses"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)  # ``key_of(wamid)``
    status: Mapped[str] = mapped_column(String(10), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)  # the status's own time
    code: Mapped[int | None] = mapped_column(Integer)  # its first error code (``failed``)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


def key_of(wamid: str) -> str:
    """What is stored for a message id: its SHA-256 digest (hex), found again by the same id."""
    return hashlib.sha256(wamid.encode("utf-8")).hexdigest()


def _keys(wamids: Sequence[str]) -> dict[str, str]:
    return {key_of(w): w for w in wamids if w}


async def keep(db: Database, statuses: Sequence[MessageStatus], now: datetime) -> None:
    """Keep these statuses (an action: it commits); one row per message and status, so a
    replayed webhook keeps nothing more."""
    wanted = {(key_of(s.message_id), s.status): s for s in statuses if s.message_id}
    if not wanted:
        return
    async with db.transaction() as session:  # a replay racing this one adds nothing
        await insert_new(session, KeptStatus, [
            {"key": key, "status": kind, "at": status.at, "received_at": now,
             "code": status.error_codes[0] if status.error_codes else None}
            for (key, kind), status in sorted(wanted.items(), key=lambda item: item[0])])


async def take(session: AsyncSession, wamids: Sequence[str]) -> list[MessageStatus]:
    """The statuses kept for these messages, oldest first, removed in the caller's
    transaction (a rollback keeps them)."""
    ids = _keys(wamids)
    if not ids:
        return []
    rows = (await session.execute(select(KeptStatus).where(KeptStatus.key.in_(sorted(ids)))
                                  .with_for_update())).scalars().all()
    if not rows:
        return []
    await session.execute(delete(KeptStatus).where(KeptStatus.key.in_(sorted(ids))))
    rows = sorted(rows, key=lambda r: (r.at, ORDER.get(r.status, 9)))
    return [MessageStatus(ids[r.key], r.status, r.at,  # type: ignore[arg-type]  # stored from a MessageStatus
                          (r.code,) if r.code is not None else ()) for r in rows]


async def forget(session: AsyncSession, wamids: Sequence[str]) -> int:
    """Drop what is kept for these messages (their statuses were applied directly); returns
    how many rows went."""
    keys = _keys(wamids)
    if not keys:
        return 0
    return affected(await session.execute(
        delete(KeptStatus).where(KeptStatus.key.in_(sorted(keys)))))


async def any_kept(session: AsyncSession, wamids: Sequence[str]) -> bool:
    """Whether anything is kept for these messages (read only)."""
    keys = _keys(wamids)
    return bool(keys) and (await session.execute(
        select(KeptStatus.key).where(KeptStatus.key.in_(sorted(keys))).limit(1))).first() \
        is not None


async def purge(session: AsyncSession, now: datetime) -> None:
    """Forget the statuses kept longer than ``KEPT`` (in the caller's transaction)."""
    await session.execute(delete(KeptStatus).where(KeptStatus.received_at < now - KEPT))
