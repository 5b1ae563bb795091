"""/baja and /alta."""

from __future__ import annotations

from sqlalchemy import select

from bot import messages
from nucleo.models import Consent, Person
from nucleo.ports import CAMPAIGNS
from nucleo.services import Services
from tests.bot.helpers import Chat, onboard


async def subscribed(services: Services) -> bool:
    async with services.db.session() as session:
        return (await session.execute(select(Person.subscribed))).scalar_one()


async def unsubscribe_nonce(services: Services) -> int | None:
    async with services.db.session() as session:
        return (await session.execute(select(Person.unsubscribe_nonce))).scalar_one()


async def test_unsubscribe_and_subscribe_again(chat: Chat, services: Services, fakes: dict) -> None:
    await onboard(chat)
    assert fakes[CAMPAIGNS].subscribed       # this week's piece was queued on consent
    first = await unsubscribe_nonce(services)
    assert (await chat.send("/baja"))[0].text_html == messages.UNSUBSCRIBED
    assert not await subscribed(services)
    assert (await chat.send("/baja"))[0].text_html == messages.NOT_SUBSCRIBED
    assert await unsubscribe_nonce(services) == first  # unsubscribing voids no link
    assert (await chat.send("/alta"))[0].text_html == messages.SUBSCRIBED
    assert await subscribed(services)
    again = await unsubscribe_nonce(services)  # links e-mailed before /alta no longer work
    assert again is not None and again != first
    assert (await chat.send("/alta"))[0].text_html == messages.ALREADY_SUBSCRIBED
    assert await unsubscribe_nonce(services) == again
    assert len(fakes[CAMPAIGNS].subscribed) == 2


async def test_subscribe_asks_consent_first(chat: Chat, services: Services) -> None:
    await onboard(chat, campaigns=False)
    replies = await chat.send("/alta")
    assert replies[0].text_html == messages.SUBSCRIBE_NEEDS_CONSENT
    assert (await chat.tap("susc:no"))[0].text_html == messages.SUBSCRIBE_DECLINED
    assert not await subscribed(services)
    await chat.send("/alta")
    await chat.tap("susc:si")
    assert await subscribed(services)
    async with services.db.session() as session:
        consent = (await session.execute(select(Consent).where(
            Consent.purpose == "campanas"))).scalar_one()
    assert consent.granted


async def test_subscribe_without_any_person_creates_one_with_consent(
        chat: Chat, services: Services) -> None:
    await chat.send("/alta")
    await chat.tap("susc:si")
    assert await subscribed(services)
