"""Pieces: validate the phrase, caption and buttons, check or generate the image, store it by
hash under the data folder and add the row; all checks run before anything is written."""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from campañas import messages as msg
from campañas.captions import escape, validate_caption
from campañas.graphics import GraphicRenderer, render_card
from campañas.images import THUMBNAIL_SIDE, image_size, thumbnail, validate_image, write_whole
from campañas.logo import load_logo
from campañas.models import Campaign, Piece, Run
from campañas.states import CampaignKind, CampaignStatus
from campañas.values import Value, ValueRegistry, value_key
from nucleo import audit
from nucleo.db import commit
from nucleo.errors import Conflict, InvalidInput, NotFound
from nucleo.models import StaffAccount
from nucleo.services import Key
from nucleo.settings import Settings
from nucleo.text import clean_text

MAX_PHRASE = 500
MAX_AUTHOR = 120
MAX_BUTTONS = 4
MAX_BUTTON_LABEL = 30
IMAGES_DIR = Path("campaigns") / "images"
THUMBNAILS_DIR = Path("campaigns") / "thumbnails"
THUMBNAIL_SIZES_KEPT = 4096  # thumbnails whose size a process remembers
_OPEN = {CampaignStatus.BORRADOR, CampaignStatus.PROGRAMADA, CampaignStatus.PAUSADA,
         CampaignStatus.EN_CURSO}


@dataclass(frozen=True)
class StoredImage:
    sha256: str
    path: str
    mime: str
    generated: bool


def image_file(settings: Settings, relative: str) -> Path:
    """Where a piece's image lives on disk."""
    return Path(settings.data_dir) / relative


def store_image(settings: Settings, data: bytes, extension: str, mime: str,
                generated: bool) -> StoredImage:
    """Write the image once under its SHA-256 (atomic rename); the same image is kept once."""
    digest = hashlib.sha256(data).hexdigest()
    relative = IMAGES_DIR / f"{digest}.{extension}"
    target = Path(settings.data_dir) / relative
    if not target.exists():
        write_whole(target, data)
    return StoredImage(digest, relative.as_posix(), mime, generated)


def thumbnail_path(settings: Settings, sha256: str) -> Path:
    """Where the small copy of the image stored under ``sha256`` lives (it may not exist)."""
    return Path(settings.data_dir) / THUMBNAILS_DIR / f"{sha256}-{THUMBNAIL_SIDE}.webp"


class ThumbnailSizes:
    """Each kept thumbnail's width and height, by its image's hash. A thumbnail never changes
    for a hash (its file is named by it), so a process reads its header at most once: the
    campaign page asks here instead of opening every thumbnail on every render. One per service
    (``THUMBNAIL_SIZES``), the ``THUMBNAIL_SIZES_KEPT`` most recently used."""

    def __init__(self, settings: Settings, *, kept: int = THUMBNAIL_SIZES_KEPT) -> None:
        self.settings = settings
        self.kept = kept
        self._sizes: OrderedDict[str, tuple[int, int]] = OrderedDict()
        self.reads = 0  # headers read from disk (for tests and curiosity)

    async def size(self, sha256: str) -> tuple[int, int] | None:
        """The thumbnail's width and height; None while it is not made (nothing remembered,
        so it is read once it is)."""
        known = self._sizes.get(sha256)
        if known is not None:
            self._sizes.move_to_end(sha256)
            return known
        try:
            self.reads += 1
            found = await asyncio.to_thread(image_size, thumbnail_path(self.settings, sha256))
        except OSError:
            return None
        self._sizes[sha256] = found
        while len(self._sizes) > self.kept:
            self._sizes.popitem(last=False)
        return found


THUMBNAIL_SIZES: Key[ThumbnailSizes] = Key("campaign_thumbnail_sizes")


def thumbnail_file(settings: Settings, sha256: str, relative: str) -> Path:
    """The small copy (WebP, at most ``THUMBNAIL_SIDE`` px a side) of the image stored at
    ``relative``, made the first time and kept on disk under the image's hash. CPU-bound the
    first time: call it through ``asyncio.to_thread``."""
    target = thumbnail_path(settings, sha256)
    if not target.exists():
        data, _width, _height = thumbnail(image_file(settings, relative).read_bytes())
        write_whole(target, data)
    return target


def parse_buttons(labels: object) -> list[dict[str, str]]:
    """Reaction buttons as ``[{key, label}]``; None gives the default ones."""
    if labels is None:
        return [{"key": k, "label": label} for k, label in msg.DEFAULT_BUTTONS]
    if isinstance(labels, str):
        labels = [part for part in labels.split("|")]
    problem = InvalidInput(msg.BUTTONS_INVALID.format(limit=MAX_BUTTONS, length=MAX_BUTTON_LABEL),
                           code="botones_invalidos")
    if not isinstance(labels, (list, tuple)) or len(labels) > MAX_BUTTONS:
        raise problem
    buttons: list[dict[str, str]] = []
    for index, raw in enumerate(labels):
        label = clean_text(raw) if isinstance(raw, str) else ""
        if not label or len(label) > MAX_BUTTON_LABEL:
            raise problem
        key = value_key(label)[:16] or f"b{index}"
        if any(b["key"] == key for b in buttons):
            key = f"b{index}"
        buttons.append({"key": key, "label": label})
    return buttons


def default_caption(value: Value, phrase: str, author: str | None) -> str:
    """The caption used when HR writes none: value, phrase and author, escaped."""
    caption = f"<b>{escape(value.name)}</b>\n\n«{escape(phrase)}»"
    if author:
        caption += f"\n— <i>{escape(author)}</i>"
    return caption


def _text(value: object, limit: int, required_message: str | None, too_long: str) -> str | None:
    text = clean_text(value, keep_newlines=True) if isinstance(value, str) else ""
    if not text:
        if required_message:
            raise InvalidInput(required_message, code="frase_requerida")
        return None
    if len(text) > limit:
        raise InvalidInput(too_long.format(limit=limit), code="texto_largo")
    return text


def refuse_invitation(campaign: Campaign) -> None:
    """A survey invitation's text and button come from the survey: they are not edited here."""
    if campaign.kind != CampaignKind.VALOR.value:
        raise Conflict(msg.INVITATION_NOT_EDITABLE)


async def add_piece(session: AsyncSession, *, settings: Settings, campaign_id: int,
                    phrase: object, author: object = None, caption: object = None,
                    image: bytes | None = None, buttons: object = None, value: str | None = None,
                    actor: StaffAccount | None = None, registry: ValueRegistry | None = None,
                    renderer: GraphicRenderer | None = None) -> Piece:
    """Add a piece to a campaign (uploaded image validated, or one generated) and commit."""
    campaign = await session.get(Campaign, campaign_id)
    if campaign is None:
        raise NotFound(msg.CAMPAIGN_NOT_FOUND.format(campaign_id=campaign_id))
    if CampaignStatus(campaign.status) not in _OPEN:
        raise InvalidInput(msg.CAMPAIGN_NOT_EDITABLE, code="campana_cerrada")
    refuse_invitation(campaign)
    registry = registry or ValueRegistry()
    key = value or campaign.value_key
    if not key:
        raise InvalidInput(msg.CAMPAIGN_VALUE_OR_ROTATION, code="valor_requerido")
    try:
        the_value = registry.get(key)
    except NotFound as exc:
        raise InvalidInput(exc.message, code="valor_desconocido") from None
    phrase_text = _text(phrase, MAX_PHRASE, msg.PHRASE_REQUIRED, msg.PHRASE_TOO_LONG)
    assert phrase_text is not None
    author_text = _text(author, MAX_AUTHOR, None, msg.AUTHOR_TOO_LONG)
    markup = caption if isinstance(caption, str) and caption.strip() else None
    checked = validate_caption(markup or default_caption(the_value, phrase_text, author_text))
    reaction_buttons = parse_buttons(buttons)
    if image:
        upload = await asyncio.to_thread(validate_image, image)
        stored = store_image(settings, upload.data, upload.extension, upload.mime_type, False)
    else:
        png = await asyncio.to_thread(  # the logo is read and decoded off the event loop too
            lambda: render_card(the_value, phrase_text, author_text, settings.entity_name,
                                renderer=renderer, whole=True, logo=load_logo(settings)))
        stored = store_image(settings, png, "png", "image/png", True)
    await asyncio.to_thread(thumbnail_file, settings, stored.sha256, stored.path)
    position = await session.scalar(
        select(func.coalesce(func.max(Piece.position), 0)).where(Piece.campaign_id == campaign_id))
    piece = Piece(
        campaign_id=campaign_id, position=int(position or 0) + 1, value_key=the_value.key,
        phrase=phrase_text, author=author_text, caption_html=checked.html,
        image_sha256=stored.sha256, image_path=stored.path, image_mime=stored.mime,
        image_generated=stored.generated, buttons=reaction_buttons,
    )
    session.add(piece)
    await session.flush()
    audit.record(session, actor, "campaign.piece_added", target_type="campaign",
                 target_id=campaign_id, details={"piece_id": piece.id,
                                                 "generated": stored.generated})
    await commit(session)
    return piece


async def update_caption(session: AsyncSession, *, campaign_id: int, piece_id: int,
                         caption: object, actor: StaffAccount | None = None,
                         registry: ValueRegistry | None = None) -> Piece:
    """Replace a piece's caption (empty: back to the default one) before it is sent, and
    commit. A piece a run already took keeps the text people received."""
    piece = await session.get(Piece, piece_id)
    campaign = await session.get(Campaign, campaign_id)
    if piece is None or campaign is None or piece.campaign_id != campaign_id:
        raise NotFound(msg.PIECE_NOT_FOUND.format(piece_id=piece_id))
    if CampaignStatus(campaign.status) not in _OPEN:
        raise InvalidInput(msg.CAMPAIGN_NOT_EDITABLE, code="campana_cerrada")
    refuse_invitation(campaign)
    taken = await session.scalar(select(func.count()).select_from(Run).where(
        Run.piece_id == piece_id))
    if taken:
        raise InvalidInput(msg.PIECE_ALREADY_SENT, code="pieza_enviada")
    markup = caption if isinstance(caption, str) and caption.strip() else None
    if markup is None:
        registry = registry or ValueRegistry()
        the_value = registry.get(piece.value_key)
        markup = default_caption(the_value, piece.phrase, piece.author)
    piece.caption_html = validate_caption(markup).html
    audit.record(session, actor, "campaign.piece_caption_changed", target_type="campaign",
                 target_id=campaign_id, details={"piece_id": piece_id})
    await commit(session)
    return piece
