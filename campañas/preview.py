"""Preview a piece (its image and caption) and send a test of it to the staff member's own
Telegram chat or e-mail before scheduling. A test send leaves no delivery row."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from campañas import messages as msg
from campañas.audience import EMAIL, TELEGRAM, parse_channels
from campañas.models import Piece
from campañas.pieces import image_file, thumbnail_file
from campañas.senders.base import OutgoingDelivery, Sender
from campañas.states import Verdict
from campañas.values import ValueRegistry
from nucleo import audit
from nucleo.db import commit
from nucleo.errors import InvalidInput, NotFound
from nucleo.models import StaffAccount
from nucleo.settings import Settings


@dataclass(frozen=True)
class Preview:
    piece: Piece
    value_name: str
    image: Path | None  # None for a text-only piece


async def get_piece(session: AsyncSession, campaign_id: int, piece_id: int) -> Piece:
    """The piece of that campaign, or NotFound."""
    piece = await session.get(Piece, piece_id)
    if piece is None or piece.campaign_id != campaign_id:
        raise NotFound(msg.PIECE_NOT_FOUND.format(piece_id=piece_id))
    return piece


async def preview(session: AsyncSession, settings: Settings, campaign_id: int,
                  piece_id: int) -> Preview:
    """What people will see: the stored image and the caption."""
    piece = await get_piece(session, campaign_id, piece_id)
    registry = ValueRegistry()
    name = registry.get(piece.value_key).name if piece.value_key in registry else piece.value_key
    image = image_file(settings, piece.image_path) if piece.has_image else None
    return Preview(piece, name, image)


async def preview_image(session: AsyncSession, settings: Settings, campaign_id: int,
                        piece_id: int) -> tuple[Path, str]:
    """The stored image of a piece and its media type; NotFound for a text-only piece (an
    invitation)."""
    seen = await preview(session, settings, campaign_id, piece_id)
    if seen.image is None:
        raise NotFound(msg.PIECE_NO_IMAGE)
    return seen.image, seen.piece.image_mime


async def preview_thumbnail(session: AsyncSession, settings: Settings, campaign_id: int,
                            piece_id: int) -> Path:
    """The small copy of a piece's image (WebP), made and kept the first time it is asked
    for; NotFound for a text-only piece."""
    piece = await get_piece(session, campaign_id, piece_id)
    if not piece.has_image:
        raise NotFound(msg.PIECE_NO_IMAGE)
    return await asyncio.to_thread(thumbnail_file, settings, piece.image_sha256,
                                   piece.image_path)


async def test_send(session: AsyncSession, *, senders: Mapping[str, Sender], campaign_id: int,
                    piece_id: int, staff: StaffAccount, channel: object = TELEGRAM) -> str:
    """Send the piece, marked as a test, to the staff member; returns a Spanish summary."""
    chosen = parse_channels(channel)[0]
    piece = await get_piece(session, campaign_id, piece_id)
    sender = senders.get(chosen)
    if sender is None:
        raise InvalidInput(msg.TEST_CHANNEL_OFF.format(channel=chosen), code="canal_no_configurado")
    if chosen == TELEGRAM and staff.telegram_chat_id is None:
        raise InvalidInput(msg.TEST_NO_TELEGRAM, code="sin_chat")
    target = staff.email if chosen == EMAIL else f"Telegram ({staff.telegram_chat_id})"
    delivery = OutgoingDelivery.for_piece(
        piece, ValueRegistry(), delivery_id=None, channel=chosen, person_id=None,
        full_name=staff.full_name, chat_id=staff.telegram_chat_id, email=staff.email, test=True)
    await sender.ready(delivery)
    outcome = await sender.send(delivery)
    if outcome.verdict is not Verdict.SENT:
        raise InvalidInput(msg.TEST_FAILED.format(reason=outcome.error or outcome.verdict.value),
                           code="prueba_fallida")
    if outcome.file_id and not piece.telegram_file_id:
        piece.telegram_file_id = outcome.file_id
    audit.record(session, staff, "campaign.test_sent", target_type="campaign",
                 target_id=campaign_id, details={"piece_id": piece_id, "channel": chosen})
    await commit(session)
    return msg.TEST_SENT.format(target=target)
