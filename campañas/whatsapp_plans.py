"""The WhatsApp template each piece goes out as, read once per piece (#20).

The WhatsApp sender asks for a piece's plan (its campaign's template name, language and body
parameters, with the piece's phrase and author) before every message; :class:`TemplatePlans`
reads it from the database once per piece and keeps it until the campaign changes:

- ``CAMPAIGN_CHANGED`` in this process (``register_template``, pause, resume...) drops the
  campaign's plans (``forget``), so the next send reads the new template;
- a change made by another process (the console running apart from the workers) is seen after
  at most ``PLAN_TTL``.

Deliveries of one piece in flight together share one read."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from campañas.models import Campaign, Piece
from nucleo.db import Database

PLAN_TTL = timedelta(seconds=60)


@dataclass(frozen=True)
class TemplatePlan:
    """What a piece needs to go out as its campaign's template."""

    campaign_id: int
    name: str
    language: str
    parameters: tuple[str, ...]
    phrase: str
    author: str | None


@dataclass(frozen=True)
class _Read:
    campaign_id: int
    plan: TemplatePlan | None  # None: the campaign has no template


@dataclass
class _Kept:
    read: asyncio.Future[_Read | None]  # None: the piece is gone
    at: datetime


class TemplatePlans:
    """Piece id → its template plan (None: its campaign has none, or the piece is gone)."""

    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self.db = db
        self.clock = clock
        self._kept: dict[int, _Kept] = {}

    async def __call__(self, piece_id: int) -> TemplatePlan | None:
        now = self.clock()
        kept = self._kept.get(piece_id)
        if kept is None or now - kept.at >= PLAN_TTL or _failed(kept.read):
            kept = self._kept[piece_id] = _Kept(asyncio.ensure_future(self._read(piece_id)), now)
        try:
            read = await asyncio.shield(kept.read)
        except Exception:
            if self._kept.get(piece_id) is kept:
                del self._kept[piece_id]  # the next send reads again
            raise
        return read.plan if read is not None else None

    def forget(self, campaign_id: int) -> None:
        """Drop the campaign's plans (and reads under way, which may predate the change)."""
        for piece_id, kept in list(self._kept.items()):
            if not kept.read.done() or _failed(kept.read) or (
                    (read := kept.read.result()) is None or read.campaign_id == campaign_id):
                del self._kept[piece_id]

    async def _read(self, piece_id: int) -> _Read | None:
        async with self.db.session() as session:
            row = (await session.execute(
                select(Campaign.id, Campaign.whatsapp_template, Campaign.whatsapp_language,
                       Campaign.whatsapp_parameters, Piece.phrase, Piece.author)
                .join(Piece, Piece.campaign_id == Campaign.id).where(Piece.id == piece_id))
                   ).first()
        if row is None:
            return None
        if not row.whatsapp_template:
            return _Read(row.id, None)
        return _Read(row.id, TemplatePlan(
            row.id, row.whatsapp_template, row.whatsapp_language or "es",
            tuple(row.whatsapp_parameters or ()), row.phrase, row.author))


def _failed(read: asyncio.Future[_Read | None]) -> bool:
    return read.done() and (read.cancelled() or read.exception() is not None)
