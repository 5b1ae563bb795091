"""The value-of-the-week calendar for the coming weeks."""

from __future__ import annotations

from datetime import date, timedelta

from campañas import actions, calendar
from campañas.calendar import value_calendar
from nucleo.business_days import BusinessCalendar
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
    assert [e.state for e in plan] == ["programada", "programada", "programada"]
    assert plan[0].send_at.hour == 14 and plan[0].send_at.minute == 30  # 09:30 in Bogotá
    assert plan[1].phrase.startswith("Frase número 2")
    assert plan[2].piece_id == plan[0].piece_id  # the rotation starts over
    async with db.session() as session:
        await actions.pause(session, campaign_id=campaign_id)
        plan = await value_calendar(session, now=NOW + timedelta(days=3), tz="America/Bogota",
                                    weeks=2)
    assert [e.state for e in plan] == ["perdida", "pausada"]


async def test_a_rotation_scheduled_the_week_before_starts_with_its_first_piece(db, settings):
    settings = settings_for(settings, telegram=FAKE_TELEGRAM)
    await add_people(db, 2)
    campaign_id = await campaign_with_pieces(db, settings, pieces=3, rotation=True, value=None)
    sunday = NOW - timedelta(days=1)
    async with db.session() as session:
        await actions.schedule_campaign(session, settings=settings, campaign_id=campaign_id,
                                        now=sunday, weekly={**WEEKLY, "weekday": "lunes"})
        plan = await value_calendar(session, now=sunday, tz="America/Bogota", weeks=5)
    sent = [e for e in plan if e.send_at is not None]
    assert [e.value.key for e in sent] == ["honestidad", "respeto", "compromiso", "honestidad"]
    assert sent[0].phrase.startswith("Frase número 1") and sent[3].piece_id == sent[0].piece_id


async def test_the_calendar_page_projects_the_weeks_once(db, settings, monkeypatch):
    """The weekly list and the month view read one projection, long enough for both, and
    show what each shows on its own."""
    settings = settings_for(settings, telegram=FAKE_TELEGRAM)
    await add_people(db, 2)
    campaign_id = await campaign_with_pieces(db, settings, pieces=3, rotation=True, value=None)
    projected: list[int] = []
    original = calendar.project

    async def counted(session, first, weeks, now, registry):
        projected.append(weeks)
        return await original(session, first, weeks, now, registry)

    async with db.session() as session:
        await actions.schedule_campaign(session, settings=settings, campaign_id=campaign_id,
                                        now=NOW, weekly=WEEKLY)
        for weeks, month in ((4, date(2025, 5, 1)), (12, date(2025, 3, 1)),
                             (8, date(2025, 1, 1))):
            apart = (await value_calendar(session, now=NOW, tz="America/Bogota", weeks=weeks),
                     await calendar.month_calendar(session, month=month, now=NOW,
                                                   tz="America/Bogota",
                                                   holidays=BusinessCalendar()))
            monkeypatch.setattr(calendar, "project", counted)
            together = await calendar.calendars(session, now=NOW, tz="America/Bogota",
                                                weeks=weeks, month=month,
                                                holidays=BusinessCalendar())
            monkeypatch.setattr(calendar, "project", original)
            assert together == apart
            assert len(projected) == 1
            assert projected.pop() == max(weeks, calendar.month_weeks(month, NOW,
                                                                     "America/Bogota"))
