"""Preview and test sends to the staff member's own Telegram chat or e-mail (no delivery row)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from campañas.models import Delivery, Piece
from campañas.preview import preview
from campañas.preview import test_send as send_test
from campañas.runtime import CampaignRuntime
from nucleo.errors import InvalidInput, NotFound
from nucleo.services import Services
from tests.campañas.conftest import campaign_with_pieces, make_staff, settings_for


async def test_test_send_by_telegram_and_email(db, settings, telegram_double_unlimited,
                                               smtp_server):
    tg, (controller, inbox) = telegram_double_unlimited, smtp_server
    settings = settings_for(settings, telegram=tg, smtp=controller)
    campaign_id = await campaign_with_pieces(db, settings)
    staff = await make_staff(db, chat_id=4242)
    runtime = CampaignRuntime(Services(settings=settings, db=db), worker="p")
    try:
        async with db.session() as session:
            piece_id = await session.scalar(select(Piece.id))
            seen = await preview(session, settings, campaign_id, piece_id)
            assert seen.image.is_file() and seen.value_name == "Honestidad"
            text = await send_test(session, senders=runtime.senders, campaign_id=campaign_id,
                                   piece_id=piece_id, staff=staff, channel="telegram")
            assert "4242" in text
            text = await send_test(session, senders=runtime.senders, campaign_id=campaign_id,
                                   piece_id=piece_id, staff=staff, channel="email")
            assert staff.email in text
            with pytest.raises(NotFound):
                await send_test(session, senders=runtime.senders, campaign_id=campaign_id + 1,
                                piece_id=piece_id, staff=staff)
            assert await session.scalar(select(func.count()).select_from(Delivery)) == 0
            assert await session.scalar(select(Piece.telegram_file_id)) is not None
    finally:
        await runtime.close()
    assert tg.last_message(4242).caption.startswith("[PRUEBA]")
    assert inbox.messages[0]["Subject"].startswith("[PRUEBA]")
    assert "List-Unsubscribe" not in inbox.messages[0]


async def test_test_send_on_a_channel_that_is_off(db, settings, telegram_double_unlimited):
    settings = settings_for(settings, telegram=telegram_double_unlimited)
    campaign_id = await campaign_with_pieces(db, settings)
    staff = await make_staff(db)
    async with db.session() as session:
        piece_id = await session.scalar(select(Piece.id))
        with pytest.raises(InvalidInput, match="no está configurado"):
            await send_test(session, senders={}, campaign_id=campaign_id, piece_id=piece_id,
                            staff=staff, channel="correo")
