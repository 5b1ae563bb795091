"""Linking a chat to the directory from the bot: invitations (/start v<token>) and /vincular
with a code e-mailed through a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from bot.core.engine import DialogueCore
from bot.core.types import TELEGRAM, WEB, PersonRef
from bot.models import Conversation
from nucleo.directory import link
from nucleo.models import AuditEntry, Person
from nucleo.services import Services
from tests.bot.helpers import Chat, onboard
from tests.fakes.mail import Inbox, settings_for
from tests.fakes.waiting import eventually

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
EMAIL = "ana.munoz@alcaldia.gov.co"


async def directory_person(services: Services, email: str = EMAIL, **extra: object) -> int:
    async with services.db.session() as session:
        person = Person(full_name="Ana Muñoz", document_id=str(extra.pop("document_id", "1001")),
                        email=email, source="directorio", **extra)
        session.add(person)
        await session.commit()
        return person.id


async def invitation(services: Services, person_id: int) -> str:
    async with services.db.session() as session:
        person = await session.get(Person, person_id)
        assert person is not None
        token = await link.issue_token(session, services.signer, person)
        await session.commit()
    return link.start_parameter(token)


async def people(services: Services) -> list[Person]:
    async with services.db.session() as session:
        return list((await session.execute(select(Person).order_by(Person.id))).scalars())


async def test_invitation_asks_consent_then_links_and_asks_the_purposes(
        chat: Chat, services: Services) -> None:
    services.clock = lambda: NOW
    target = await directory_person(services)
    parameter = await invitation(services, target)
    replies = await chat.send(f"/start {parameter}")
    assert "Ley 1581" in replies[-1].text_html
    # Someone else's link says whose it is (only the name) before anything is linked.
    assert "invitación personal es para <b>Ana Muñoz</b>" in replies[-1].text_html
    assert "@" not in replies[-1].text_html and "1001" not in replies[-1].text_html
    assert [b.data for row in replies[-1].buttons for b in row] == ["vinculo:si", "vinculo:no"]
    assert (await people(services))[0].linked_at is None  # nothing before consent
    await chat.tap("vinculo:si")
    assert "quedó vinculado" in "".join(chat.texts()[-4:])
    assert "inicio:si:campanas" in [b.data for row in chat.replies[-1].buttons for b in row]
    await chat.tap("inicio:si:campanas")
    await chat.tap("inicio:no:estadisticas")
    await chat.tap("inicio:no:seguimiento")
    [person] = await people(services)
    assert person.id == target and person.telegram_chat_id == 1001 and person.linked_at == NOW
    assert person.subscribed
    # The same link again: used once.
    other = Chat(chat.core, PersonRef(TELEGRAM, "2002"))
    replies = await other.send(f"/start {parameter}")
    assert "ya se usó" in replies[-1].text_html


async def test_declining_the_invitation_stores_nothing(chat: Chat, services: Services) -> None:
    target = await directory_person(services)
    await chat.send(f"/start {await invitation(services, target)}")
    replies = await chat.tap("vinculo:no")
    assert "no vinculamos nada" in replies[-1].text_html
    [person] = await people(services)
    assert person.linked_at is None and person.telegram_chat_id is None
    async with services.db.session() as session:
        assert (await session.execute(select(func.count()).select_from(Conversation))
                ).scalar_one() == 0


async def test_a_bot_user_who_accepts_is_merged_not_duplicated(
        chat: Chat, services: Services) -> None:
    target = await directory_person(services)
    await onboard(chat, statistics=False)
    assert len(await people(services)) == 2
    await chat.send(f"/start {await invitation(services, target)}")
    await chat.tap("vinculo:si")
    assert "Menú" in chat.last or chat.replies[-1].buttons  # decided before: the menu
    [person] = await people(services)
    assert person.id == target and person.telegram_chat_id == 1001 and person.subscribed
    replies = await chat.send("/misdatos")
    assert replies


async def test_bad_invitations_get_a_clear_message(chat: Chat, services: Services) -> None:
    target = await directory_person(services)
    good = await invitation(services, target)
    for parameter, expected in ((good[:-3] + "abc", "no es válido"),
                                ("v" + "A" * 63, "no es válido"),
                                ("v", None)):
        replies = await chat.send(f"/start {parameter}")
        if expected:
            assert expected in replies[0].text_html, replies[0].text_html
    async with services.db.session() as session:
        await link.revoke_tokens(session, target)
    replies = await chat.send(f"/start {good}")
    assert "anulada" in replies[0].text_html
    fresh = await invitation(services, target)
    services.clock = lambda: datetime.now(UTC) + timedelta(days=31)
    replies = await chat.send(f"/start {fresh}")
    assert "venció" in replies[0].text_html


async def test_a_person_linked_to_another_telegram_chat_needs_confirmation(
        core: DialogueCore, services: Services) -> None:
    target = await directory_person(services, telegram_chat_id=7777, linked_at=NOW)
    parameter = await invitation(services, target)
    chat = Chat(core, PersonRef(TELEGRAM, "8888"))
    await chat.send(f"/start {parameter}")
    replies = await chat.tap("vinculo:si")
    assert "otro chat" in replies[-1].text_html
    assert (await people(services))[0].telegram_chat_id == 7777
    await chat.tap("vinculo:forzar")
    [person] = await people(services)
    assert person.telegram_chat_id == 8888


async def test_web_chat_and_telegram_are_one_person(core: DialogueCore,
                                                    services: Services) -> None:
    services.clock = lambda: NOW
    target = await directory_person(services)
    telegram = Chat(core, PersonRef(TELEGRAM, "1001"))
    web = Chat(core, PersonRef(WEB, "w-cookie-1"))
    await telegram.send(f"/start {await invitation(services, target)}")
    await telegram.tap("vinculo:si")
    # Two invitations signed in the same second are the same token: issue the next one later.
    services.clock = lambda: NOW + timedelta(minutes=1)
    await web.send(f"/start {await invitation(services, target)}")
    replies = await web.tap("vinculo:si")
    assert "quedó vinculado" in replies[0].text_html, [r.text_html for r in replies]
    [_person] = await people(services)
    async with services.db.session() as session:
        linked = (await session.execute(select(Conversation.channel)
                                        .where(Conversation.person_id == target))).scalars()
        assert sorted(linked) == [TELEGRAM, WEB]
        entries = (await session.execute(select(AuditEntry.details))).scalars().all()
    assert [e["canal"] for e in entries] == [TELEGRAM, WEB]


# -- /vincular -----------------------------------------------------------------------------

def code_in(inbox: Inbox, address: str) -> str:
    [message] = inbox.to(address)
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    found = re.search(r"\b(\d{6})\b", body.get_content())
    assert found
    return found.group(1)


async def test_vincular_by_email_code(chat: Chat, services: Services,
                                      smtp_server) -> None:
    controller, inbox = smtp_server
    services.settings = settings_for(services.settings, smtp=controller)
    target = await directory_person(services)
    await chat.send("/vincular")
    replies = await chat.send("  Ana.Munoz@ALCALDIA.gov.co ")
    known_answer = replies[-1].text_html
    await eventually(lambda: len(inbox.messages) == 1)
    code = code_in(inbox, EMAIL)
    replies = await chat.send(code)
    assert "Ley 1581" in replies[-1].text_html
    await chat.tap("vinculo:si")
    [person] = await people(services)
    assert person.id == target and person.telegram_chat_id == 1001 and person.linked_at
    # An address outside the directory gets the very same answer and no e-mail.
    other = Chat(chat.core, PersonRef(TELEGRAM, "3003"))
    await other.send("/vincular")
    replies = await other.send("nadie@alcaldia.gov.co")
    assert replies[-1].text_html == known_answer
    replies = await other.send("123456")
    assert "no coincide" in replies[-1].text_html
    assert len(inbox.messages) == 1


async def test_vincular_wrong_codes_then_pause(chat: Chat, services: Services,
                                               smtp_server) -> None:
    controller, inbox = smtp_server
    services.settings = settings_for(services.settings, smtp=controller)
    await directory_person(services)
    await chat.send("/vincular")
    for bad in ("no soy un correo", "x" * 4000, "ana@@alcaldia.gov.co", "🙂@🙂"):
        replies = await chat.send(bad)
        assert "no parece un correo" in replies[-1].text_html
    await chat.send(EMAIL)
    await eventually(lambda: len(inbox.messages) == 1)
    code = code_in(inbox, EMAIL)
    wrong = "000000" if code != "000000" else "111111"
    answers = [(await chat.send(guess))[-1].text_html
               for guess in (wrong, "12", "9" * 4000, "abcdef", wrong)]
    assert "4 intentos" in answers[0] and "1 intentos" in answers[3]
    assert "demasiados intentos" in answers[4]
    replies = await chat.send(code)  # the flow ended: the right code now is a question
    assert "Ley 1581" not in replies[-1].text_html
    await chat.send("/vincular")
    replies = await chat.send(code)
    assert "no parece un correo" in replies[-1].text_html
    [person] = await people(services)
    assert person.linked_at is None


async def test_vincular_limits_codes_per_address_across_chats(chat: Chat, services: Services,
                                                              smtp_server) -> None:
    """Chats that each stay under their own limit still cannot flood one mailbox: the 4th
    code for the same address (written differently) in a few minutes is refused, with a
    Spanish message, and nothing is e-mailed; the service's clock moves the pause."""
    controller, inbox = smtp_server
    services.settings = settings_for(services.settings, smtp=controller)
    services.clock = lambda: NOW
    await directory_person(services)
    typed = [EMAIL, " ANA.MUNOZ@alcaldia.gov.co", "ana.munoz@ＡＬＣＡＬＤＩＡ.gov.co", EMAIL]
    answers = []
    for n, address in enumerate(typed):
        other = Chat(chat.core, PersonRef(TELEGRAM, str(4000 + n)))
        await other.send("/vincular")
        answers.append((await other.send(address))[-1].text_html)
    await eventually(lambda: len(inbox.messages) == 3)
    assert "esa dirección" in answers[3] and "espere unos 10 minutos" in answers[3]
    assert EMAIL not in answers[3] and "directorio" not in answers[3]
    services.clock = lambda: NOW + timedelta(minutes=10)
    late = Chat(chat.core, PersonRef(TELEGRAM, "4999"))
    await late.send("/vincular")
    assert "esa dirección" not in (await late.send(EMAIL))[-1].text_html
    await eventually(lambda: len(inbox.messages) == 4)
    assert len(inbox.to(EMAIL)) == 4


async def test_vincular_without_smtp_says_so(chat: Chat) -> None:
    replies = await chat.send("/vincular")
    assert "no está disponible" in replies[-1].text_html


# -- /misdatos: the directory record and unlinking a channel -------------------------------

async def test_my_data_shows_the_directory_record_and_unlinks_a_channel(
        core: DialogueCore, services: Services) -> None:
    from nucleo.models import Department

    services.clock = lambda: NOW
    async with services.db.session() as session:
        department = Department(name="Secretaría de <Hacienda>",
                                normalized_name="secretaria de hacienda")
        session.add(department)
        await session.commit()
        department_id = department.id
    target = await directory_person(services, department_id=department_id)
    telegram = Chat(core, PersonRef(TELEGRAM, "1001"))
    web = Chat(core, PersonRef(WEB, "w-cookie-1"))
    await telegram.send(f"/start {await invitation(services, target)}")
    await telegram.tap("vinculo:si")
    services.clock = lambda: NOW + timedelta(minutes=1)
    await web.send(f"/start {await invitation(services, target)}")
    await web.tap("vinculo:si")
    shown = (await telegram.send("/misdatos"))[0]
    for needed in ("Ana Muñoz", "Secretaría de &lt;Hacienda&gt;", "a***@alcaldia.gov.co",
                   "Chats vinculados: Telegram, Chat web", "nombre, documento"):
        assert needed in shown.text_html, shown.text_html
    assert EMAIL not in shown.text_html and "<Hacienda>" not in shown.text_html
    assert [b.data for row in shown.buttons for b in row if "desv" in b.data] == [
        "datos:desv:telegram", "datos:desv:web"]
    # Unlink the web chat from Telegram: confirmation first, «No» keeps it.
    replies = await telegram.tap("datos:desv:web")
    assert "Chat web" in replies[0].text_html and "Ese chat" in replies[0].text_html
    assert (await telegram.send("sí"))[0].text_html == replies[0].text_html  # buttons only
    assert "no desvinculé" in (await telegram.tap("datos:quitar:no"))[0].text_html
    assert "datos:quitar:si" not in [b.data for r in (await telegram.tap("datos:quitar:si"))
                                     for row in r.buttons for b in row]  # stale now
    await telegram.tap("datos:desv:web")
    replies = await telegram.tap("datos:quitar:si")
    assert "Chat web quedó desvinculado" in replies[0].text_html
    assert "Chats vinculados: Telegram\n" in replies[1].text_html
    assert "No tenemos ningún dato" in (await web.send("/misdatos"))[0].text_html
    # Now the Telegram chat itself: it becomes an anonymous chat; the row is not linked.
    await telegram.tap("datos:desv:telegram")
    replies = await telegram.tap("datos:quitar:si")
    assert "Telegram quedó desvinculado" in replies[0].text_html
    assert "No tenemos ningún dato" in (await telegram.send("/misdatos"))[0].text_html
    [person] = await people(services)
    assert person.id == target and person.linked_at is None
    assert person.telegram_chat_id is None and person.full_name == "Ana Muñoz"
    async with services.db.session() as session:
        assert (await session.execute(select(func.count()).select_from(Conversation).where(
            Conversation.person_id == target))).scalar_one() == 0
        entries = (await session.execute(select(AuditEntry).where(
            AuditEntry.action == "directorio.desvincular").order_by(AuditEntry.id))).scalars().all()
    assert [(e.target_id, e.details) for e in entries] == [
        (str(target), {"canal": "web", "quedan": 1}),
        (str(target), {"canal": "telegram", "quedan": 0})]
    assert not any("Ana" in str(e.details) or "1001" in str(e.details) for e in entries)
    # An unlink button left in the chat does nothing now.
    replies = await telegram.tap("datos:desv:telegram")
    assert "ya no está vinculado" in replies[0].text_html


async def test_a_bot_user_sees_no_directory_section(chat: Chat) -> None:
    await onboard(chat)
    shown = (await chat.send("/misdatos"))[0]
    assert "directorio" not in shown.text_html and "No guardamos su nombre" in shown.text_html
    assert not [b for row in shown.buttons for b in row if "desv" in b.data]
    assert "ya no está vinculado" in (await chat.tap("datos:desv:telegram"))[0].text_html


async def test_a_proven_code_is_refused_after_hr_revokes(chat: Chat, services: Services,
                                                         smtp_server) -> None:
    controller, inbox = smtp_server
    services.settings = settings_for(services.settings, smtp=controller)
    target = await directory_person(services)
    await chat.send("/vincular")
    await chat.send(EMAIL)
    await eventually(lambda: len(inbox.messages) == 1)
    replies = await chat.send(code_in(inbox, EMAIL))
    assert "Ley 1581" in replies[-1].text_html
    async with services.db.session() as session:
        await link.revoke_links(session, target, now=datetime.now(UTC))
    replies = await chat.tap("vinculo:si")
    assert "Se anularon las invitaciones y los códigos" in replies[-1].text_html
    [person] = await people(services)
    assert person.linked_at is None and person.telegram_chat_id is None
