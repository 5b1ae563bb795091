"""The CAMPAIGNS port: /valor's current piece, the piece on subscribing, reactions once."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from campañas import actions
from campañas.effects import DELIVERIES_QUEUED
from campañas.models import Delivery, Reaction
from campañas.port import CampaignsPort, parse_reaction
from nucleo.models import Person
from tests.campañas.conftest import NOW, add_people, campaign_with_pieces, settings_for


async def sent_campaign(db, settings):
    await add_people(db, 2)
    campaign_id = await campaign_with_pieces(db, settings, pieces=2)
    async with db.session() as session:
        runs = await actions.send_now(session, settings=settings, campaign_id=campaign_id, now=NOW)
    return runs


def test_parse_reaction_refuses_anything_odd():
    assert parse_reaction("rx:12:identifica") == (12, "identifica")
    for data in ("rx:12", "rx:a:b", "xx:1:b", "rx:1:", None, 5, "rx:1:b:c", "rx:" + "9" * 70):
        assert parse_reaction(data) is None


async def test_current_piece_and_reactions(db, settings, telegram_double_unlimited):
    settings = settings_for(settings, telegram=telegram_double_unlimited)
    port = CampaignsPort(settings)
    async with db.session() as session:
        assert await port.current_piece(session, NOW) is None
    runs = await sent_campaign(db, settings)
    async with db.session() as session:
        view = await port.current_piece(session, NOW + timedelta(days=2))
        assert view is not None and view.value == "Honestidad"
        assert view.image_path.endswith(".png") and view.buttons[0][0].data.startswith("rx:")
        assert await port.current_piece(session, NOW + timedelta(days=8)) is None  # next week
        person_id = await session.scalar(select(Person.id).limit(1))
        data = view.buttons[0][0].data
        first = await port.record_reaction(session, callback_data=data, person_id=person_id)
        again = await port.record_reaction(session, callback_data=data, person_id=person_id)
        assert "Registramos" in first and "Ya habías" in again
        assert await port.record_reaction(session, callback_data="menu:1",
                                          person_id=person_id) is None
        assert await port.record_reaction(session, callback_data=f"rx:{view.piece_id}:nada",
                                          person_id=person_id) is None
        assert "ya no está" in await port.record_reaction(
            session, callback_data="rx:99999:identifica", person_id=person_id)
        await session.commit()
        assert await session.scalar(select(func.count()).select_from(Reaction)) == 1
    assert len(runs) == 2


async def test_a_new_subscriber_gets_this_weeks_piece(db, settings, telegram_double_unlimited):
    settings = settings_for(settings, telegram=telegram_double_unlimited)
    woken = []
    db.listen(DELIVERIES_QUEUED, lambda: woken.append(1))
    port = CampaignsPort(settings)
    await sent_campaign(db, settings)
    async with db.session() as session:
        newcomer = Person(full_name="Nueva", telegram_chat_id=9999, subscribed=True)
        session.add(newcomer)
        await port.on_subscribed(session, newcomer.id if newcomer.id else 0, NOW)
        await session.flush()
        await port.on_subscribed(session, newcomer.id, NOW + timedelta(hours=1))
        await port.on_subscribed(session, newcomer.id, NOW + timedelta(hours=2))  # idempotent
        await session.commit()
        rows = (await session.execute(select(Delivery.piece_id).where(
            Delivery.person_id == newcomer.id))).scalars().all()
    assert len(rows) == 1 and woken


async def test_a_reminder_to_pending_filers_is_not_the_value_of_the_week(
        db, settings, telegram_double_unlimited):
    settings = settings_for(settings, telegram=telegram_double_unlimited)
    port = CampaignsPort(settings)
    await sent_campaign(db, settings)  # the value of the week, to everyone
    reminder = await campaign_with_pieces(
        db, settings, value="compromiso",
        # the year's preventive declaration, owed by everyone; its window (the whole year)
        # is open on the day of the send, as a send outside it is refused (#18)
        audience={"type": "pendientes_bienes", "year": 2025, "declaracion": "preventiva"})
    async with db.session() as session:
        await actions.send_now(session, settings=settings, campaign_id=reminder,
                               now=NOW + timedelta(hours=1))
        view = await port.current_piece(session, NOW + timedelta(days=2))
    assert view is not None and view.value == "Honestidad"
