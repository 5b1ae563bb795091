"""A whole weekly campaign: scheduled by rule, fired by the scheduler week after week, sent
through the real python-telegram-bot to the Telegram double and over real SMTP (aiosmtpd).
Every subscriber gets exactly one message per week and channel; a rotation starts over with
its first piece after the last one."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from campañas import actions
from campañas.models import Campaign, Delivery
from campañas.runtime import CampaignRuntime
from campañas.stats import campaign_stats, stats_csv
from nucleo.services import Services
from tests.campañas.conftest import NOW, add_people, campaign_with_pieces, settings_for


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


@pytest.mark.slow
async def test_four_weeks_of_a_three_piece_rotation_by_telegram_and_email(db, settings, telegram_double, smtp_server):
    tg, (controller, inbox) = telegram_double, smtp_server
    settings = settings_for(settings, telegram=tg, smtp=controller, rate=30)
    people = await add_people(db, 12, email=True)
    await add_people(db, 3, start_chat=5000, email=True, telegram=False)  # e-mail only
    campaign_id = await campaign_with_pieces(db, settings, pieces=3, rotation=True,
                                             value=None, channels=("telegram", "correo"))
    clock = Clock(NOW - timedelta(days=1))  # Sunday
    async with db.session() as session:
        await actions.schedule_campaign(
            session, settings=settings, campaign_id=campaign_id, now=clock(),
            weekly={"weekday": "lunes", "time": "08:00", "timezone": "America/Bogota"})
    runtime = CampaignRuntime(Services(settings=settings, db=db, clock=clock), worker="w1")
    scheduler = runtime.scheduler
    scheduler.scheduler.start(paused=True)
    try:
        for week in range(4):
            clock.now = NOW + timedelta(weeks=week, minutes=1)
            await scheduler.rebuild()  # the occurrence just passed: inside the grace window
            assert scheduler.scheduler.get_job(f"campaign:{campaign_id}:run") is not None
            await runtime.engine.drain()
            await scheduler.rebuild()  # a second look must not start the week again
            await runtime.engine.drain()
    finally:
        await scheduler.stop()
        await runtime.close()

    per_chat = Counter(m.chat_id for msgs in tg.sent_messages.values() for m in msgs)
    assert set(per_chat) == {1000 + i for i in range(12)}
    assert set(per_chat.values()) == {4}
    assert tg.uploads_count == 3  # the fourth week reuses the first piece's uploaded file
    captions = [m.caption for m in tg.messages_to(1000)]
    assert len(set(captions)) == 3 and captions[3] == captions[0]
    mails = Counter(str(m["To"]).split("<")[-1].rstrip(">") for m in inbox.messages)
    assert len(mails) == 15 and set(mails.values()) == {4}
    async with db.session() as session:
        states = dict((await session.execute(
            select(Delivery.state, func.count()).group_by(Delivery.state))).all())
        campaign = await session.get(Campaign, campaign_id)
        stats = await campaign_stats(session, campaign_id)
    assert states == {"enviada": 4 * (12 + 15)}
    assert campaign.status == "programada"  # a rotation goes on until HR stops it
    assert stats["totals"]["sent"] == 108 and stats["missed_runs"] == 0
    assert [p["value"] for p in stats["pieces"]] == ["honestidad", "respeto", "compromiso"]
    assert "enviadas" in stats_csv(stats).splitlines()[0]
    assert len(people) == 12


async def test_email_has_html_inline_image_text_and_unsubscribe(db, settings, smtp_server):
    controller, inbox = smtp_server
    settings = settings_for(settings, smtp=controller)
    await add_people(db, 2, email=True, telegram=False)
    campaign_id = await campaign_with_pieces(db, settings, channels=("correo",))
    async with db.session() as session:
        await actions.send_now(session, settings=settings, campaign_id=campaign_id, now=NOW)
    runtime = CampaignRuntime(Services(settings=settings, db=db, clock=lambda: NOW), worker="m")
    await runtime.engine.drain()
    await runtime.close()
    assert len(inbox.messages) == 2
    message = inbox.messages[0]
    assert str(message["List-Unsubscribe"]).strip().startswith("<http") and \
        message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.get_content_type() == "multipart/alternative"
    plain = message.get_body(preferencelist=("plain",))
    html_part = message.get_body(preferencelist=("html",))
    assert "Frase número 1" in plain.get_content() and "/api/v1/unsubscribe/" in plain.get_content()
    related = next(p for p in message.walk() if p.get_content_type() == "multipart/related")
    image = next(p for p in related.iter_parts() if p.get_content_maintype() == "image")
    cid = image["Content-ID"].strip("<>")
    assert f"cid:{cid}" in html_part.get_content()
    assert image.get_content()[:8] == b"\x89PNG\r\n\x1a\n"
