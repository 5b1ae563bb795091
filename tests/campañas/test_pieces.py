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
