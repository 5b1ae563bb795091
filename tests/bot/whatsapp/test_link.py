"""/vincular on WhatsApp (#17, #20): the number WhatsApp gives (Meta verified the sender owns
it) is matched against the directory's mobiles; a match names the record and asks for consent
like Telegram's shared contact; the number is stored only after the «Sí». Both engines."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import func, select

from bot.consultas.tables import ConsultationTicket
from bot.core.types import WHATSAPP, PersonRef
from bot.service import dialogue_core
from foro.models import Suggestion
from nucleo.directory import link
from nucleo.directory.models import WhatsAppContact
from nucleo.models import AuditEntry, Consent, Person
from nucleo.outbox import OutboxState
from nucleo.services import Services
from tests.bot.whatsapp.conftest import Clock, say
from tests.bot.whatsapp.test_notices import queue_and_run, register
from tests.fakes.mail import settings_for
from tests.fakes.whatsapp import WhatsAppDouble

ANA = "573001112233"  # Ana's WhatsApp: her directory mobile is +573001112233
OTHER = "573209998877"  # a number nobody in the directory has


async def directory_person(services: Services, mobile: str | None = "+573001112233",
                           **extra: object) -> int:
    async with services.db.session() as session:
        person = Person(full_name=str(extra.pop("full_name", "Ana Muñoz")),
                        document_id=str(extra.pop("document_id", "1001")),
                        email=str(extra.pop("email", "ana@alcaldia.gov.co")), mobile=mobile,
                        source="directorio", **extra)
        session.add(person)
        await session.commit()
        return person.id


async def count(services: Services, model: type) -> int:
    async with services.db.session() as session:
        return int((await session.execute(select(func.count()).select_from(model))).scalar_one())


async def links(services: Services) -> list[AuditEntry]:
    async with services.db.session() as session:
        return list((await session.execute(select(AuditEntry).where(
            AuditEntry.action == "directorio.vincular"))).scalars())


def chat_key(services: Services, wa_id: str) -> str:
    return dialogue_core(services).keys.key(PersonRef(WHATSAPP, wa_id))


async def test_own_number_matches_then_consent_links(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services) -> None:
    target = await directory_person(services)
    asked = double.text_from(ANA, "/vincular")
    matched, notice = await say(wa, double, ANA, asked)
    assert "a nombre de *Ana Muñoz*" in matched.text
    assert "1001" not in matched.text and "ana@" not in matched.text  # the name only
    assert "Ley 1581" in notice.text
    assert [option for option, _ in notice.options()] == ["vinculo:si", "vinculo:no"]
    # Nothing linked and no number stored before the «Sí»; a replayed webhook is answered once.
    assert await say(wa, double, ANA, asked) == []
    async with services.db.session() as session:
        assert (await session.get(Person, target)).linked_at is None  # type: ignore[union-attr]  # the person exists
    assert await count(services, WhatsAppContact) == 0 and await count(services, Person) == 1

    yes = double.tap_from(ANA, "vinculo:si")
    replies = await say(wa, double, ANA, yes)
    assert "quedó vinculado" in replies[0].text
    assert await say(wa, double, ANA, yes) == []  # the same tap again: nothing twice
    [entry] = await links(services)
    assert entry.target_id == str(target) and entry.details["via"] == "whatsapp"
    assert entry.details["canal"] == WHATSAPP
    assert ANA not in str(entry.details) and "3001112233" not in str(entry.details)
    async with services.db.session() as session:
        person = await session.get(Person, target)
        assert person is not None and person.linked_at is not None
        contact = await session.get(WhatsAppContact, target)
        assert contact is not None and contact.wa_id == ANA  # stored after consent
    again = await say(wa, double, ANA, double.text_from(ANA, "/vincular"))
    assert "ya está vinculado" in again[-1].text
    assert double.violations == [] and double.window_violations == []


async def test_no_match_offers_the_email_code(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services,
        smtp_server) -> None:
    await directory_person(services)
    [told] = await say(wa, double, OTHER, double.text_from(OTHER, "/vincular"))
    assert "no está en el directorio" in told.text and "invitación personal" in told.text
    assert "correo" not in told.text  # no SMTP: no code to offer

    controller, _inbox = smtp_server
    services.settings = settings_for(services.settings, smtp=controller)
    [told] = await say(wa, double, OTHER, double.text_from(OTHER, "/vincular"))
    assert "no está en el directorio" in told.text and "*correo institucional*" in told.text
    [sent] = await say(wa, double, OTHER, double.text_from(OTHER, "ana@alcaldia.gov.co"))
    assert "código de 6 dígitos" in sent.text
    assert await count(services, WhatsAppContact) == 0 and await links(services) == []


async def test_numbers_that_prove_nothing(wa: httpx.AsyncClient, double: WhatsAppDouble,
                                          services: Services) -> None:
    """A retired person's number, a foreign number and one that is not a mobile never match;
    the answer is the same honest «not in the directory»."""
    await directory_person(services)
    await directory_person(services, mobile="+573110000000", document_id="2002",
                           email="retirada@alcaldia.gov.co", status="inactiva")
    for wa_id in ("573110000000", "12025550143", "5716011234", OTHER):
        [told] = await say(wa, double, wa_id, double.text_from(wa_id, "/vincular"))
        assert "no está en el directorio" in told.text, wa_id
        assert "Ana" not in told.text
    assert await links(services) == [] and await count(services, WhatsAppContact) == 0


async def test_retired_between_the_match_and_the_yes(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services) -> None:
    target = await directory_person(services)
    await say(wa, double, ANA, double.text_from(ANA, "/vincular"))
    async with services.db.session() as session:
        person = await session.get(Person, target)
        assert person is not None
        person.status, person.retired_at = "inactiva", services.clock()
        await session.commit()
    [refused] = await say(wa, double, ANA, double.tap_from(ANA, "vinculo:si"))
    assert "fue retirada" in refused.text
    assert await links(services) == [] and await count(services, WhatsAppContact) == 0


async def test_a_late_yes_speaks_of_the_number(wa: httpx.AsyncClient, double: WhatsAppDouble,
                                               services: Services, clock: Clock) -> None:
    await directory_person(services)
    await say(wa, double, ANA, double.text_from(ANA, "/vincular"))
    clock.advance(timedelta(minutes=16))
    [late] = await say(wa, double, ANA, double.tap_from(ANA, "vinculo:si"))
    assert late.text.startswith("Pasaron más de 15 minutos desde que reconocimos su número")
    assert "código" not in late.text and await links(services) == []


async def test_without_mobiles_in_the_directory_the_old_paths(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services) -> None:
    await directory_person(services, mobile=None)
    [told] = await say(wa, double, ANA, double.text_from(ANA, "/vincular"))
    assert "no está disponible" in told.text and "número" not in told.text


async def test_number_of_someone_linked_to_another_whatsapp_chat(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services) -> None:
    """Ana linked her old phone's chat; her new number (now in the directory) writes, having
    registered on its own first: confirming moves the link, merges the new chat's record into
    hers, and her notices go to the new number only."""
    old = "573005550000"
    target = await directory_person(services)
    await say(wa, double, old, double.text_from(old, "hola"))  # the old chat exists
    async with services.db.session() as session:
        await link.link_chat(session, person_id=target, current_person_id=None,
                             chat=link.ChatRef(WHATSAPP, chat_key(services, old)),
                             via="correo", now=services.clock())
    await say(wa, double, old, double.text_from(old, "/ayuda"))  # the old chat's number stored
    await register(wa, double, ANA)  # the new chat's own record, with its consents
    assert await count(services, Person) == 2 and await count(services, WhatsAppContact) == 2

    await say(wa, double, ANA, double.text_from(ANA, "/vincular"))
    [taken] = await say(wa, double, ANA, double.tap_from(ANA, "vinculo:si"))
    assert "ya está vinculada a otro chat" in taken.text
    assert [o for o, _ in taken.options()] == ["vinculo:forzar", "vinculo:no"]
    assert len(await links(services)) == 1  # nothing moved without the confirmation
    replies = await say(wa, double, ANA, double.tap_from(ANA, "vinculo:forzar"))
    assert "quedó vinculado" in replies[0].text
    entries = await links(services)
    assert len(entries) == 2 and entries[-1].details["revinculacion"] is True
    assert entries[-1].details["fusion"] is True
    async with services.db.session() as session:
        assert (await session.execute(select(Person.id))).scalars().all() == [target]
        rows = (await session.execute(select(WhatsAppContact))).scalars().all()
        assert [(r.person_id, r.wa_id) for r in rows] == [(target, ANA)]
    [menu_reply] = await say(wa, double, old, double.text_from(old, "/vincular"))
    assert "ya está vinculado" not in menu_reply.text  # the old chat is anonymous again
    assert double.violations == [] and double.window_violations == []


@pytest.mark.parametrize("via", ["numero", "invitacion"])
async def test_a_record_registered_from_a_new_number_merges_when_she_is_identified(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services, clock: Clock,
        via: str) -> None:
    """Ana's directory record is linked to her old phone. She writes from a new number and
    registers there (a fresh record: consents, a ticket, a suggestion); then she is identified
    (her directory mobile is the new number, or her invitation). The fresh record merges into
    hers: one person, her consents with their dates, ticket and suggestion; from the moment
    of the link only the new number reaches her, never the old one (it may change owner)."""
    old = "573005550000"
    target = await directory_person(services)
    await say(wa, double, old, double.text_from(old, "hola"))
    async with services.db.session() as session:
        await link.link_chat(session, person_id=target, current_person_id=None,
                             chat=link.ChatRef(WHATSAPP, chat_key(services, old)),
                             via="correo", now=services.clock())
    await say(wa, double, old, double.text_from(old, "/ayuda"))  # the old number stored
    clock.advance(timedelta(days=40))
    await register(wa, double, ANA)
    async with services.db.session() as session:
        fresh = (await session.execute(select(Person.id).where(Person.id != target))).scalar()
        assert fresh is not None
        consents = sorted((c.purpose, c.granted, c.recorded_at) for c in (await session.execute(
            select(Consent).where(Consent.person_id == fresh))).scalars())
        session.add(ConsultationTicket(question="¿Puedo evaluar a mi primo?", person_id=fresh,
                                       due_on=clock.now.date()))
        session.add(Suggestion(ref="s1", title="Pausas activas", text="Más pausas activas",
                               source="bot", author_person_id=fresh))
        await session.commit()
    assert consents and await count(services, WhatsAppContact) == 2

    chat = link.ChatRef(WHATSAPP, chat_key(services, ANA))
    async with services.db.session() as session:
        if via == "invitacion":
            token = await link.issue_token(session, services.signer,
                                           await session.get(Person, target))
            await session.commit()
            await link.use_token(session, services.signer, token, chat=chat,
                                 current_person_id=fresh, now=clock.now, relink=True)
        else:
            await link.link_chat(session, person_id=target, chat=chat, current_person_id=fresh,
                                 via="whatsapp", now=clock.now, relink=True)
    async with services.db.session() as session:  # before the chat writes again
        assert (await session.execute(select(Person.id))).scalars().all() == [target]
        rows = (await session.execute(select(WhatsAppContact))).scalars().all()
        assert [(r.person_id, r.wa_id) for r in rows] == [(target, ANA)]
        assert sorted((c.purpose, c.granted, c.recorded_at) for c in (await session.execute(
            select(Consent).where(Consent.person_id == target))).scalars()) == consents
        assert (await session.execute(select(ConsultationTicket.person_id))).scalars().all() \
            == [target]
        assert (await session.execute(select(Suggestion.author_person_id))).scalars().all() \
            == [target]
    await say(wa, double, ANA, double.text_from(ANA, "hola"))  # her window is open
    before_old = len(double.to(old))
    row = await queue_and_run(services, clock, "Su consulta fue respondida.")
    assert row.state == OutboxState.ENVIADA and row.person_id == target
    assert double.to(ANA)[-1].text == "Su consulta fue respondida."
    assert len(double.to(old)) == before_old  # the old number gets nothing of hers
    [reply] = await say(wa, double, old, double.text_from(old, "/vincular"))
    assert "ya está vinculado" not in reply.text  # whoever has the old number is nobody
    assert double.violations == [] and double.window_violations == []


async def test_the_link_itself_gives_the_chat_s_number_to_its_person_and_no_one_else(
        wa: httpx.AsyncClient, double: WhatsAppDouble, services: Services) -> None:
    """The number is stored in the link's own transaction (no message needed after it), and
    a directory person the chat leaves loses it there too: their notices must not reach the
    phone of the person now linked."""
    ana = await directory_person(services)
    beto = await directory_person(services, mobile=None, full_name="Beto Ruiz",
                                  document_id="1002", email="beto@alcaldia.gov.co")
    await say(wa, double, ANA, double.text_from(ANA, "hola"))
    chat = link.ChatRef(WHATSAPP, chat_key(services, ANA), whatsapp_id=ANA)

    async def contacts() -> list[tuple[int, str]]:
        async with services.db.session() as session:
            return [(r.person_id, r.wa_id) for r in
                    (await session.execute(select(WhatsAppContact))).scalars()]

    async with services.db.session() as session:
        await link.link_chat(session, person_id=beto, chat=chat, current_person_id=None,
                             via="correo", now=services.clock())
    assert await contacts() == [(beto, ANA)]
    async with services.db.session() as session:
        await link.link_chat(session, person_id=ana, chat=chat, current_person_id=beto,
                             via="whatsapp", now=services.clock(), relink=True)
    assert await contacts() == [(ana, ANA)]
