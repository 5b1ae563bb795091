"""The value-of-the-week calendar for the coming weeks."""

from __future__ import annotations

from datetime import date, timedelta

from campañas import actions
from campañas.calendar import value_calendar
from tests.campañas.conftest import NOW, add_people, campaign_with_pieces, settings_for

FAKE_TELEGRAM = type("T", (), {"token": "123:abc", "base_url": "http://127.0.0.1:9/bot"})()
WEEKLY = {"weekday": "miércoles", "time": "09:30", "timezone": "America/Bogota"}


async def test_reference_rotation_without_weekly_campaigns(db, settings):
    async with db.session() as session:
        plan = await value_calendar(session, now=NOW, tz="America/Bogota", weeks=6)
    assert [e.week_start for e in plan] == [date(2025, 3, 3) + timedelta(weeks=i)
                                            for i in range(6)]
    assert [e.value.key for e in plan][:2] == ["honestidad", "respeto"]
    assert plan[5].value.key == "honestidad" and plan[0].state == "referencia"


async def test_rotating_campaign_weeks_and_pieces(db, settings):
    settings = settings_for(settings, telegram=FAKE_TELEGRAM)
    await add_people(db, 2)
    campaign_id = await campaign_with_pieces(db, settings, pieces=2, rotation=True, value=None)
    async with db.session() as session:
        await actions.schedule_campaign(session, settings=settings, campaign_id=campaign_id,
                                        now=NOW, weekly=WEEKLY)
        plan = await value_calendar(session, now=NOW, tz="America/Bogota", weeks=3)
    assert [e.value.key for e in plan] == ["honestidad", "respeto", "honestidad"]
    assert [e.state for e in plan] == ["programada", "programada", "sin_pieza"]
    assert plan[0].send_at.hour == 14 and plan[0].send_at.minute == 30  # 09:30 in Bogotá
    assert plan[1].phrase.startswith("Frase número 2") and plan[2].piece_id is None
    async with db.session() as session:
        await actions.pause(session, campaign_id=campaign_id)
        plan = await value_calendar(session, now=NOW + timedelta(days=3), tz="America/Bogota",
                                    weeks=2)
    assert [e.state for e in plan] == ["perdida", "pausada"]
