"""The delivery engine against the real python-telegram-bot and the Telegram double."""

from __future__ import annotations

from sqlalchemy import func, select

from campañas import actions
from campañas.models import Delivery
from campañas.runtime import CampaignRuntime
from nucleo.services import Services
from tests.campañas.conftest import NOW, add_people, campaign_with_pieces, settings_for


async def test_send_now_reaches_everyone_once(db, settings, telegram_double_unlimited):
    tg = telegram_double_unlimited
    settings = settings_for(settings, telegram=tg)
    await add_people(db, 20)
    campaign_id = await campaign_with_pieces(db, settings)
    async with db.session() as session:
        runs = await actions.send_now(session, settings=settings, campaign_id=campaign_id, now=NOW)
    assert runs[0].targeted == 20
    runtime = CampaignRuntime(Services(settings=settings, db=db, clock=lambda: NOW), worker="t")
    await runtime.engine.drain()
    await runtime.close()
    assert tg.uploads_count == 1
    for chat in range(1000, 1020):
        assert len(tg.messages_to(chat)) == 1
    async with db.session() as session:
        states = dict((await session.execute(
            select(Delivery.state, func.count()).group_by(Delivery.state))).all())
    assert states == {"enviada": 20}
