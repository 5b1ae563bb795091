"""Survey invitations through the campaign engine: the port's ``invite`` queues one text-only
delivery per reachable person in the caller's transaction, wakes the engine after the commit
only, stays out of "this week's piece" and of reactions, and the engine sends, blocks, paces
and resumes them like any piece."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from campañas import actions
from campañas.effects import DELIVERIES_QUEUED
from campañas.invitations import find_invitation, survey_origin
from campañas.models import Campaign, Delivery, Piece, Reaction, Run
from campañas.port import CampaignsPort
from campañas.runtime import CampaignRuntime
from campañas.stats import campaign_stats
from nucleo.errors import Conflict
from nucleo.models import Person, PersonStatus
from nucleo.ports import Button
from nucleo.services import Services
from tests.campañas.conftest import NOW, add_people, campaign_with_pieces, settings_for

TEXT = "📋 <b>Percepción 2026</b>\n\nSon 3 preguntas cortas."
BUTTONS = [[Button("Responder la encuesta", "encuesta:start:7")]]


@dataclass
class FakeSurvey:
    id: int
    title: str


SURVEY = FakeSurvey(7, "Percepción <2026> & más")


async def _invite(db, port, people, survey=SURVEY) -> None:
    async with db.session() as session:
        await port.invite(session, survey, people, TEXT, BUTTONS)
        await session.commit()


async def _states(db) -> dict[str, int]:
    async with db.session() as session:
        return dict((await session.execute(
            select(Delivery.state, func.count()).group_by(Delivery.state))).all())


async def test_invite_queues_one_text_delivery_per_reachable_person(db, settings,
                                                                    telegram_double_unlimited):
    settings = settings_for(settings, telegram=telegram_double_unlimited)
    woken: list[int] = []
    db.listen(DELIVERIES_QUEUED, lambda: woken.append(1))
    port = CampaignsPort(settings, clock=lambda: NOW)
    people = await add_people(db, 4)
    no_chat = await add_people(db, 1, telegram=False, email=True)
    async with db.session() as session:  # one left, one blocked the bot: neither is queued
        await session.execute(update(Person).where(Person.id == people[2])
                              .values(status=PersonStatus.INACTIVA.value))
        await session.execute(update(Person).where(Person.id == people[3])
                              .values(telegram_blocked_at=NOW))
        await session.execute(update(Person).values(subscribed=False))  # not needed to be invited
        await session.commit()
    await _invite(db, port, people + no_chat + people[:1])
    assert woken == [1]
    async with db.session() as session:
        found = await find_invitation(session, survey_origin(7))
        assert found is not None
        campaign, piece, run = found
        rows = list(await session.scalars(select(Delivery).order_by(Delivery.person_id)))
    assert campaign.kind == "encuesta" and campaign.origin == "encuesta:7"
    assert campaign.status == "en_curso" and campaign.channels == ["telegram"]
    assert "Percepción <2026> & más" in campaign.name and piece.phrase == SURVEY.title
    assert not piece.has_image and piece.caption_html == TEXT and piece.value_key == ""
    assert piece.buttons == [{"key": "b0", "label": "Responder la encuesta",
                              "data": "encuesta:start:7"}]
    assert [(d.person_id, d.channel, d.state) for d in rows] == [
        (people[0], "telegram", "pendiente"), (people[1], "telegram", "pendiente")]
    assert run.targeted == 2 and run.state == "en_curso"

    await _invite(db, port, people)  # inviting again adds nobody and reuses the campaign
    async with db.session() as session:
        assert await session.scalar(select(func.count()).select_from(Delivery)) == 2
        assert await session.scalar(select(func.count()).select_from(Campaign)) == 1
        assert await session.scalar(select(func.count()).select_from(Run)) == 1


async def test_nothing_is_queued_or_woken_when_the_launch_rolls_back(db, settings,
                                                                    telegram_double_unlimited):
    settings = settings_for(settings, telegram=telegram_double_unlimited)
    woken: list[int] = []
    db.listen(DELIVERIES_QUEUED, lambda: woken.append(1))
    port = CampaignsPort(settings, clock=lambda: NOW)
    people = await add_people(db, 2)
    async with db.session() as session:
        await port.invite(session, SURVEY, people, TEXT, BUTTONS)
        await session.rollback()
    assert woken == []
    async with db.session() as session:
        assert await session.scalar(select(func.count()).select_from(Delivery)) == 0
        assert await session.scalar(select(func.count()).select_from(Campaign)) == 0


async def test_invite_without_telegram_is_refused_in_spanish(db, settings):
    port = CampaignsPort(settings, clock=lambda: NOW)
    people = await add_people(db, 1)
    async with db.session() as session:
        with pytest.raises(Conflict, match="Telegram no está configurado"):
            await port.invite(session, SURVEY, people, TEXT, BUTTONS)


async def test_invitations_are_not_the_weeks_piece_nor_reactions(db, settings,
                                                               telegram_double_unlimited):
    settings = settings_for(settings, telegram=telegram_double_unlimited)
    port = CampaignsPort(settings, clock=lambda: NOW + timedelta(hours=1))
    people = await add_people(db, 2)
    campaign_id = await campaign_with_pieces(db, settings)
    async with db.session() as session:
        await actions.send_now(session, settings=settings, campaign_id=campaign_id, now=NOW)
    await _invite(db, port, people)  # a later run, in the same week
    async with db.session() as session:
        view = await port.current_piece(session, NOW + timedelta(hours=2))
        assert view is not None and view.value == "Honestidad"
        piece = (await find_invitation(session, survey_origin(7)))[1]
        forged = f"rx:{piece.id}:b0"
        assert await port.record_reaction(session, callback_data=forged,
                                          person_id=people[0]) is None
        newcomer = Person(full_name="Nueva", telegram_chat_id=9999, subscribed=True)
        session.add(newcomer)
        await session.flush()
        await port.on_subscribed(session, newcomer.id, NOW + timedelta(hours=2))
        await session.commit()
        queued = list(await session.scalars(select(Delivery.piece_id).where(
            Delivery.person_id == newcomer.id)))
        assert piece.id not in queued and len(queued) == 1
        assert await session.scalar(select(func.count()).select_from(Reaction)) == 0
        stats = await campaign_stats(session, piece.campaign_id)
    assert stats["kind"] == "encuesta" and stats["pieces"][0]["reactions"] == {}


async def test_engine_sends_paces_blocks_and_counts_invitations(db, settings, telegram_double):
    tg = telegram_double  # Telegram's flood limits are on: the engine must never hit them
    settings = settings_for(settings, telegram=tg, rate=30)
    people = await add_people(db, 6)
    tg.block(1003)
    runtime = CampaignRuntime(Services(settings=settings, db=db, clock=lambda: NOW), worker="w")
    await _invite(db, runtime.port, people)
    try:
        await runtime.engine.drain()
    finally:
        await runtime.close()
    assert tg.count_429 == 0
    for chat in (1000, 1001, 1002, 1004, 1005):
        [message] = tg.messages_to(chat)
        assert message.method == "sendMessage" and message.photo is None
        assert "Percepción 2026" in message.text
        assert message.buttons[0][0]["callback_data"] == "encuesta:start:7"
    assert tg.messages_to(1003) == [] and tg.uploads_count == 0
    assert await _states(db) == {"enviada": 5, "bloqueada": 1}
    async with db.session() as session:
        blocked = await session.get(Person, people[3])
        campaign = (await find_invitation(session, survey_origin(7)))[0]
        stats = await campaign_stats(session, campaign.id)
    assert blocked.telegram_blocked_at is not None
    assert stats["totals"]["targeted"] == 6 and stats["totals"]["sent"] == 5
    assert stats["totals"]["blocked"] == 1 and stats["status"] == "finalizada"
    assert stats["runs"][0]["state"] == "finalizada"


async def test_invitations_retry_and_resume_after_a_crash(db, settings,
                                                         telegram_double_unlimited):
    tg = telegram_double_unlimited
    settings = settings_for(settings, telegram=tg)
    people = await add_people(db, 4)
    clock = [NOW]
    runtime = CampaignRuntime(Services(settings=settings, db=db, clock=lambda: clock[0]),
                              worker="w1")
    await _invite(db, runtime.port, people)
    async with db.session() as session:  # a crash left one row in flight, its lease expired
        first, lost = (await session.execute(select(Delivery.id, Delivery.person_id)
                                             .order_by(Delivery.id).limit(1))).one()
        await session.execute(update(Delivery).where(Delivery.id == first).values(
            state="enviando", claimed_by="w0", lease_until=NOW - timedelta(seconds=1),
            attempts=1))
        await session.commit()
    tg.fail_next("sendMessage", status=502)  # one 5xx: retried later, not lost
    await runtime.engine.start()  # any worker reclaims the expired lease first
    await runtime.engine.stop()
    await runtime.close()
    assert runtime.engine.recovered == 1
    again = CampaignRuntime(Services(settings=settings, db=db, clock=lambda: clock[0]),
                            worker="w1")
    try:
        await again.engine.drain()
        clock[0] = NOW + timedelta(minutes=5)  # the retry's back-off has passed
        await again.engine.drain()
    finally:
        await again.close()
    assert await _states(db) == {"enviada": 3, "incierta": 1}
    sent = [len(tg.messages_to(1000 + i)) for i in range(4)]
    lost_chat = people.index(lost)  # the uncertain one is never resent; nobody gets two
    assert sent == [0 if i == lost_chat else 1 for i in range(4)]


async def test_a_text_piece_has_no_image_to_preview(db, settings, telegram_double_unlimited,
                                                   api, staff_headers):
    settings = settings_for(settings, telegram=telegram_double_unlimited)
    people = await add_people(db, 1)
    await _invite(db, CampaignsPort(settings, clock=lambda: NOW), people)
    async with db.session() as session:
        piece = await session.scalar(select(Piece))
    headers = await staff_headers("talento_humano")
    image = await api.get(f"/api/v1/campaigns/{piece.campaign_id}/pieces/{piece.id}/image",
                          headers=headers)
    assert image.status_code == 404 and "solo texto" in image.text
    listed = (await api.get("/api/v1/campaigns", headers=headers)).json()
    assert listed[0]["kind"] == "encuesta" and listed[0]["pieces"][0]["image_url"] is None
