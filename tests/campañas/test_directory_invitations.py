"""Personal directory invitations (#17) through the campaign engine and a real SMTP server:
one e-mail per selected person, each with its own working link, exactly once per round."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select, update

from campañas.invitations import DirectorySelection, invite_directory
from campañas.models import Campaign, Delivery
from campañas.runtime import CampaignRuntime
from nucleo.directory import link
from nucleo.errors import Conflict, InvalidInput
from nucleo.models import AuditEntry, Department, Person
from nucleo.services import Services
from tests.campañas.conftest import NOW, settings_for

LINK = re.compile(r"https://t\.me/valor_bot\?start=(v[A-Za-z0-9_-]+)")


async def directory(db, count: int, *, department: int | None = None) -> list[int]:
    async with db.session() as session:
        people = [Person(full_name=f"Persona {i}", email=f"p{i}.{department}@alcaldia.gov.co",
                         source="directorio", department_id=department) for i in range(count)]
        session.add_all(people)
        await session.commit()
        return [p.id for p in people]


def configured(settings, smtp):
    return settings_for(settings, smtp=smtp).model_copy(
        update={"telegram_bot_username": "valor_bot"})


async def test_invitations_are_sent_once_each_with_a_working_personal_link(
        db, settings, smtp_server) -> None:
    controller, inbox = smtp_server
    settings = configured(settings, controller)
    async with db.session() as session:
        session.add(Department(name="Hacienda", normalized_name="hacienda"))
        await session.commit()
    people = await directory(db, 5, department=1)
    others = await directory(db, 2)
    async with db.session() as session:  # linked already, retired, no e-mail: not invited
        await session.execute(update(Person).where(Person.id == people[3]).values(linked_at=NOW))
        await session.execute(update(Person).where(Person.id == people[4])
                              .values(retired_at=NOW, status="inactiva"))
        session.add(Person(full_name="Sin correo", document_id="77", source="directorio"))
        session.add(Person(source="bot", email="bot@alcaldia.gov.co"))
        await session.commit()
    services = Services(settings=settings, db=db, clock=lambda: NOW)
    runtime = CampaignRuntime(services, worker="w")
    try:
        async with db.session() as session:
            run = await invite_directory(session, DirectorySelection(), settings=settings, now=NOW)
        assert run.targeted == 5  # people[0..2] and the two without dependencia
        async with db.session() as session:  # the same round again: nobody new
            again = await invite_directory(session, DirectorySelection(), settings=settings,
                                           now=NOW)
        assert again.targeted == 5
        await runtime.engine.drain()
    finally:
        await runtime.close()
    assert len(inbox.messages) == 5
    invited = people[:3] + others
    async with db.session() as session:
        states = dict((await session.execute(select(Delivery.state, func.count())
                                             .group_by(Delivery.state))).all())
        campaign = (await session.execute(select(Campaign))).scalar_one()
        entries = (await session.execute(select(AuditEntry.details))).scalars().all()
    assert states == {"enviada": 5} and campaign.kind == "vinculo"
    assert [e["nuevas"] for e in entries] == [5, 0]
    for details in entries:
        assert "alcaldia" not in repr(details)
    # Each e-mail carries its own link, and the link names its addressee.
    for person_id in invited:
        async with db.session() as session:
            person = await session.get(Person, person_id)
            assert person is not None and person.token_nonce
            [message] = inbox.to(person.email or "")
        body = message.get_body(preferencelist=("html",))
        assert body is not None
        found = LINK.search(body.get_content())
        assert found, body.get_content()
        token = found.group(1)[1:]
        async with db.session() as session:
            assert await link.check_token(session, services.signer, token) == person_id


async def test_one_dependencia_and_refusals(db, settings, smtp_server) -> None:
    controller, _inbox = smtp_server
    async with db.session() as session:
        session.add(Department(name="Hacienda", normalized_name="hacienda"))
        await session.commit()
    await directory(db, 2, department=1)
    await directory(db, 3)
    async with db.session() as session:
        with pytest.raises(Conflict):  # no bot username, no SMTP
            await invite_directory(session, DirectorySelection(), settings=settings, now=NOW)
    settings = configured(settings, controller)
    async with db.session() as session:
        run = await invite_directory(session, DirectorySelection(department_id=1),
                                     settings=settings, now=NOW)
    assert run.targeted == 2
    async with db.session() as session:
        with pytest.raises(InvalidInput):
            await invite_directory(session, DirectorySelection(department_id=99),
                                   settings=settings, now=NOW)


async def test_with_a_public_address_the_email_also_opens_the_web_chat(
        db, settings, smtp_server) -> None:
    controller, inbox = smtp_server
    settings = configured(settings, controller).model_copy(
        update={"public_url": "https://valor.alcaldia.gov.co/"})
    [person_id] = await directory(db, 1)
    services = Services(settings=settings, db=db, clock=lambda: NOW)
    runtime = CampaignRuntime(services, worker="w")
    try:
        async with db.session() as session:
            await invite_directory(session, DirectorySelection(), settings=settings, now=NOW)
        await runtime.engine.drain()
    finally:
        await runtime.close()
    [message] = inbox.messages
    body = message.get_body(preferencelist=("html",))
    assert body is not None
    content = body.get_content()
    telegram = LINK.search(content)
    web = re.search(r"https://valor\.alcaldia\.gov\.co/chat\?v=([A-Za-z0-9_-]+)", content)
    assert telegram and web, content
    assert "invalid" not in content
    # One invitation, two doors: the same token, so it works once whichever is opened.
    assert telegram.group(1)[1:] == web.group(1)
    async with db.session() as session:
        assert await link.check_token(session, services.signer, web.group(1)) == person_id
