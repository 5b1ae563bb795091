"""Editing a piece's caption before it goes out."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from campañas import actions
from campañas.models import Piece
from nucleo.errors import InvalidInput, NotFound
from tests.campañas.conftest import NOW, add_people, campaign_with_pieces, settings_for


async def test_caption_changes_until_the_piece_is_sent(db, settings):
    settings = settings_for(settings, telegram=type("T", (), {
        "token": "123:abc", "base_url": "http://127.0.0.1:9/bot"})())
    await add_people(db, 2)
    campaign_id = await campaign_with_pieces(db, settings)
    async with db.session() as session:
        piece_id = await session.scalar(select(Piece.id))
        piece = await actions.update_caption(session, campaign_id=campaign_id, piece_id=piece_id,
                                             caption="<b>Nuevo</b> texto &amp; más")
        assert piece.caption_html == "<b>Nuevo</b> texto &amp; más"
        with pytest.raises(InvalidInput, match="etiqueta <script>"):
            await actions.update_caption(session, campaign_id=campaign_id, piece_id=piece_id,
                                         caption="<script>x</script>")
        await session.rollback()
        piece = await actions.update_caption(session, campaign_id=campaign_id, piece_id=piece_id,
                                             caption="   ")
        assert piece.caption_html.startswith("<b>Honestidad</b>")  # back to the default
        with pytest.raises(NotFound):
            await actions.update_caption(session, campaign_id=campaign_id + 1,
                                         piece_id=piece_id, caption="x")
        await actions.send_now(session, settings=settings, campaign_id=campaign_id, now=NOW)
        with pytest.raises(InvalidInput, match="ya se envió"):
            await actions.update_caption(session, campaign_id=campaign_id, piece_id=piece_id,
                                         caption="tarde")


async def test_a_thumbnail_made_by_many_at_once_is_whole(db, settings):
    """Eight requests making the same missing thumbnail at once leave one whole WebP."""
    import asyncio
    import io

    from PIL import Image

    from campañas.pieces import thumbnail_file, thumbnail_path

    campaign_id = await campaign_with_pieces(db, settings)
    async with db.session() as session:
        piece = await session.scalar(select(Piece).where(Piece.campaign_id == campaign_id))
    assert piece is not None
    made = thumbnail_path(settings, piece.image_sha256)
    assert made.exists()  # made when the piece was added
    made.unlink()
    paths = await asyncio.gather(*(asyncio.to_thread(thumbnail_file, settings,
                                                     piece.image_sha256, piece.image_path)
                                   for _ in range(8)))
    assert set(paths) == {made}
    with Image.open(io.BytesIO(made.read_bytes())) as image:
        image.load()
        assert image.format == "WEBP" and image.size == (480, 480)
    assert not list(made.parent.glob("*.tmp"))


async def test_a_thumbnail_s_size_is_read_once_per_process(db, settings):
    """The campaign page's thumbnail sizes: read from the header the first time, remembered by
    the image's hash after; a thumbnail not made yet is not remembered (read once it is); the
    oldest sizes are forgotten past the limit."""
    from campañas.pieces import ThumbnailSizes, thumbnail_file, thumbnail_path

    campaign_id = await campaign_with_pieces(db, settings)
    async with db.session() as session:
        piece = await session.scalar(select(Piece).where(Piece.campaign_id == campaign_id))
    assert piece is not None
    sizes = ThumbnailSizes(settings, kept=2)
    made = thumbnail_path(settings, piece.image_sha256)
    made.unlink()
    assert await sizes.size(piece.image_sha256) is None and sizes.reads == 1
    thumbnail_file(settings, piece.image_sha256, piece.image_path)
    for _ in range(3):
        assert await sizes.size(piece.image_sha256) == (480, 480)
    assert sizes.reads == 2
    made.unlink()  # remembered: the file is not opened again
    assert await sizes.size(piece.image_sha256) == (480, 480) and sizes.reads == 2
    for odd in ("", "../../etc/passwd", "ñ" * 300, "<b>x</b>"):
        assert await sizes.size(odd) is None
    assert sizes.reads == 6
    thumbnail_file(settings, piece.image_sha256, piece.image_path)
    assert await sizes.size(piece.image_sha256) == (480, 480) and sizes.reads == 6
