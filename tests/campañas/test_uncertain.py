"""Deliveries «incierta» (in flight when their worker died): HR resends them or counts them as
received, one or all; the engine never resends them by itself, and refusals change nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from campañas import actions
from campañas import messages as msg
from campañas.models import Delivery
from campañas.runtime import CampaignRuntime
from campañas.stats import campaign_stats
from campañas.store import DeliveryStore
from campañas.uncertain import list_uncertain, resolve
from nucleo.errors import Conflict, InvalidInput, NotFound
from nucleo.models import AuditEntry, Person
from nucleo.services import Services
from tests.campañas.conftest import NOW, add_people, campaign_with_pieces, make_staff, settings_for

LATER = NOW + timedelta(hours=2)


async def _sent_campaign(db, settings, people: int) -> int:
    await add_people(db, people)
    campaign_id = await campaign_with_pieces(db, settings)
    async with db.session() as session:
        await actions.send_now(session, settings=settings, campaign_id=campaign_id, now=NOW)
    return campaign_id


async def _worker_died_sending(db, ids: list[int]) -> None:
    """Rows that a worker had started to send when it was killed, then the periodic reclaim."""
    async with db.session() as session:
        await session.execute(update(Delivery).where(Delivery.id.in_(ids)).values(
            state="enviando", claimed_by="muerto:8000~0", attempts=1,
            lease_until=NOW + timedelta(minutes=10)))
        await session.commit()
    reclaimed = await DeliveryStore(db, "otro").outbox.reclaim(NOW + timedelta(minutes=11))
    assert reclaimed.uncertain == len(ids)


async def _states(db) -> dict[int, str]:
    async with db.session() as session:
        return dict((await session.execute(select(Delivery.id, Delivery.state))).all())


async def _chats(db) -> dict[int, int]:
    """Each delivery's Telegram chat (delivery ids follow no particular person order)."""
    async with db.session() as session:
        return dict((await session.execute(
            select(Delivery.id, Person.telegram_chat_id)
            .join(Person, Person.id == Delivery.person_id))).all())


async def _drain(db, settings) -> None:
    runtime = CampaignRuntime(Services(settings=settings, db=db, clock=lambda: LATER), worker="t")
    await runtime.engine.drain()
    await runtime.close()


async def test_hr_marks_one_received_resends_the_rest_and_each_arrives_once(
        db, settings, telegram_double_unlimited) -> None:
    tg = telegram_double_unlimited
    settings = settings_for(settings, telegram=tg)
    campaign_id = await _sent_campaign(db, settings, people=4)
    await _worker_died_sending(db, [1, 2])
    await _drain(db, settings)  # the engine sends the two never started, never the uncertain
    assert await _states(db) == {1: "incierta", 2: "incierta", 3: "enviada", 4: "enviada"}
    chats = await _chats(db)  # delivery id -> the person's chat
    assert [len(tg.messages_to(chats[i])) for i in (1, 2, 3, 4)] == [0, 0, 1, 1]
    staff = await make_staff(db)

    async with db.session() as session:
        total, rows = await list_uncertain(session, campaign_id)
    assert total == 2 and [(r.id, r.person, r.channel) for r in rows] == [
        (1, f"Persona {chats[1] - 1000}", "telegram"),
        (2, f"Persona {chats[2] - 1000}", "telegram")]

    async with db.session() as session:  # Persona 0 told HR the piece arrived
        assert await resolve(session, campaign_id=campaign_id, decision="recibida",
                             delivery_id=1, now=LATER, actor=staff) == 1
    async with db.session() as session:
        assert await resolve(session, campaign_id=campaign_id, decision="reenviar",
                             delivery_id=None, now=LATER, actor=staff) == 1
    await _drain(db, settings)

    assert await _states(db) == {1: "enviada", 2: "enviada", 3: "enviada", 4: "enviada"}
    assert [len(tg.messages_to(chats[i])) for i in (1, 2, 3, 4)] == [0, 1, 1, 1]
    async with db.session() as session:
        first = await session.get(Delivery, 1)
        assert first.sent_at == first.next_attempt_at == NOW  # counted when it was due
        stats = await campaign_stats(session, campaign_id)
        actions_logged = list(await session.scalars(
            select(AuditEntry.action).where(AuditEntry.action.like("campaign.uncertain%"))
            .order_by(AuditEntry.id)))
        details = list(await session.scalars(
            select(AuditEntry.details).where(AuditEntry.action.like("campaign.uncertain%"))))
    assert stats["totals"]["sent"] == 4 and stats["totals"]["uncertain"] == 0
    assert actions_logged == ["campaign.uncertain_received", "campaign.uncertain_resent"]
    assert details == [{"deliveries": 1}, {"deliveries": 1}]  # counts, no personal data

    async with db.session() as session:
        with pytest.raises(Conflict) as none_left:
            await resolve(session, campaign_id=campaign_id, decision="reenviar",
                          delivery_id=None, now=LATER)
    assert none_left.value.message == msg.UNCERTAIN_NONE


@pytest.mark.parametrize("decision", ["", "REENVIAR", "borrar", "reenviar\u200b", None, 3])
async def test_an_unknown_decision_is_refused_in_spanish(db, settings, telegram_double_unlimited,
                                                         decision) -> None:
    settings = settings_for(settings, telegram=telegram_double_unlimited)  # configured only
    campaign_id = await _sent_campaign(db, settings, people=1)
    await _worker_died_sending(db, [1])
    async with db.session() as session:
        with pytest.raises(InvalidInput) as refused:
            await resolve(session, campaign_id=campaign_id, decision=decision,
                          delivery_id=None, now=LATER)
    assert refused.value.message == msg.UNCERTAIN_BAD_DECISION
    assert await _states(db) == {1: "incierta"}


async def test_other_campaigns_settled_rows_and_cancelled_campaigns(
        db, settings, telegram_double_unlimited) -> None:
    settings = settings_for(settings, telegram=telegram_double_unlimited)  # configured only
    first = await _sent_campaign(db, settings, people=2)
    second = await campaign_with_pieces(db, settings)
    async with db.session() as session:
        await actions.send_now(session, settings=settings, campaign_id=second, now=NOW)
    await _worker_died_sending(db, [1, 3])  # one row of each campaign
    before = await _states(db)

    for campaign_id, delivery_id in ((first, 3), (second, 1), (first, 2), (first, 999)):
        async with db.session() as session:
            with pytest.raises(NotFound) as missing:
                await resolve(session, campaign_id=campaign_id, decision="recibida",
                              delivery_id=delivery_id, now=LATER)
        assert missing.value.message == msg.UNCERTAIN_NOT_FOUND.format(delivery_id=delivery_id)
    with pytest.raises(NotFound):
        async with db.session() as session:
            await resolve(session, campaign_id=4242, decision="recibida", delivery_id=None,
                          now=LATER)

    async with db.session() as session:
        await actions.cancel(session, campaign_id=second, now=NOW)
    async with db.session() as session:
        with pytest.raises(Conflict) as cancelled:
            await resolve(session, campaign_id=second, decision="reenviar", delivery_id=None,
                          now=LATER)
    assert cancelled.value.message == msg.UNCERTAIN_CANCELLED
    assert await _states(db) == {**before, 4: "cancelada"}
    async with db.session() as session:  # what HR knows can still be written down
        assert await resolve(session, campaign_id=second, decision="recibida",
                             delivery_id=None, now=LATER) == 1
    assert (await _states(db))[3] == "enviada"


async def test_a_resend_waits_while_the_campaign_is_paused_even_in_a_finished_run(
        db, settings, telegram_double_unlimited) -> None:
    """A weekly campaign between runs: last week's run is finished, HR paused the campaign
    and resends its uncertain rows. The page says they leave on «reanudar»: nothing is sent
    before (late subscribers of finished runs wait too), and each leaves once after."""
    from campañas.models import Campaign, Run

    tg = telegram_double_unlimited
    settings = settings_for(settings, telegram=tg)
    campaign_id = await _sent_campaign(db, settings, people=3)
    await _worker_died_sending(db, [1])
    await _drain(db, settings)
    async with db.session() as session:  # what a weekly campaign paused between runs looks like
        assert await session.scalar(select(Run.state)) == "finalizada"
        campaign = await session.get(Campaign, campaign_id)
        campaign.status, campaign.schedule_kind = "pausada", "semanal"
        await session.commit()
    async with db.session() as session:
        assert await resolve(session, campaign_id=campaign_id, decision="reenviar",
                             delivery_id=None, now=LATER) == 1
    await _drain(db, settings)
    chat = (await _chats(db))[1]
    assert len(tg.messages_to(chat)) == 0 and (await _states(db))[1] == "pendiente"
    async with db.session() as session:
        (await session.get(Campaign, campaign_id)).status = "programada"  # «reanudar»
        await session.commit()
    await _drain(db, settings)
    assert len(tg.messages_to(chat)) == 1 and (await _states(db))[1] == "enviada"
