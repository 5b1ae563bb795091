"""«Compartir mi número» in /vincular (#17): only the sender's own contact, matched against the
directory's mobile numbers, then consent as in the other paths; the web chat keeps e-mail."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.core.engine import DialogueCore
from bot.core.types import CONTACT_BUTTON, HIDE_KEYBOARD, TELEGRAM, WEB, Input, PersonRef
from bot.telegram.render import keyboard
from nucleo.directory import link
from nucleo.models import AuditEntry, Person
from nucleo.ports import Button
from nucleo.services import Services
from tests.bot.helpers import Chat
from tests.fakes.mail import settings_for

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
MOBILE = "+573001234567"


async def directory_person(services: Services, mobile: str | None = MOBILE, **extra: object) -> int:
    async with services.db.session() as session:
        person = Person(full_name="Ana Muñoz", document_id=str(extra.pop("document_id", "1001")),
                        email=str(extra.pop("email", "ana@alcaldia.gov.co")), mobile=mobile,
                        source="directorio", **extra)
        session.add(person)
        await session.commit()
        return person.id


async def share(chat: Chat, phone: str, owner: str | None = None) -> list:
    owner = chat.ref.user_id if owner is None else owner
    return await chat._run(Input.contact(chat.ref, phone, owner, chat.ref.user_id))


def datas(chat: Chat) -> list[str]:
    return [b.data for row in chat.replies[-1].buttons for b in row]


async def test_own_contact_links_after_consent(chat: Chat, services: Services) -> None:
    services.clock = lambda: NOW
    target = await directory_person(services)
    replies = await chat.send("/vincular")
    assert "Compartir mi número" in replies[-1].text_html
    assert datas(chat) == [CONTACT_BUTTON]
    replies = await share(chat, "573001234567")  # Telegram's form: no «+»
    assert "Ley 1581" in replies[-1].text_html
    assert [b.data for row in replies[0].buttons for b in row] == [HIDE_KEYBOARD]
    async with services.db.session() as session:
        assert (await session.get(Person, target)).linked_at is None  # nothing before «Sí»
    await chat.tap("vinculo:si")
    assert any("quedó vinculado" in t for t in chat.texts()[-4:])
    async with services.db.session() as session:
        person = await session.get(Person, target)
        assert person is not None and person.telegram_chat_id == 1001
        entry = await session.scalar(select(AuditEntry).where(
            AuditEntry.action == "directorio.vincular").order_by(AuditEntry.id.desc()))
        assert entry is not None and entry.details.get("via") == "celular"
        assert MOBILE not in str(entry.details)  # no personal data in the audit
    for code in ("campanas", "estadisticas", "seguimiento"):
        if f"inicio:no:{code}" in datas(chat):
            await chat.tap(f"inicio:no:{code}")
    replies = await chat.send("/misdatos")
    text = "".join(r.text_html for r in replies)
    assert "Celular: *** ***4567" in text and "300" not in text


async def test_someone_elses_contact_is_refused(chat: Chat, services: Services) -> None:
    await directory_person(services)
    await chat.send("/vincular")
    for owner in ("2002", ""):  # another user's contact; a contact with no Telegram user
        replies = await share(chat, "573001234567", owner=owner)
        assert "no es el suyo" in replies[-1].text_html
    async with services.db.session() as session:
        assert (await session.scalar(select(Person))).telegram_chat_id is None


async def test_unknown_or_nasty_numbers_are_answered_honestly(chat: Chat,
                                                              services: Services) -> None:
    await directory_person(services)
    await directory_person(services, mobile="+573110000000", document_id="2002",
                           email="retirada@alcaldia.gov.co", status="inactiva")
    for phone in ("573209999999", "abc", "9" * 60, "", "+12025550143", "573110000000"):
        await chat.send("/vincular")
        replies = await share(chat, phone)
        assert "no está en el directorio" in replies[-1].text_html, phone
        assert "invitación personal" in replies[-1].text_html


async def test_contact_outside_vincular_is_just_media(chat: Chat, services: Services) -> None:
    await directory_person(services)
    replies = await share(chat, "573001234567")
    assert "solo" in replies[-1].text_html.lower() or "texto" in replies[-1].text_html.lower()


async def test_no_button_without_mobiles_or_on_the_web(core: DialogueCore,
                                                       services: Services) -> None:
    await directory_person(services, mobile=None)
    telegram = Chat(core, PersonRef(TELEGRAM, "1001"))
    replies = await telegram.send("/vincular")  # no numbers, no SMTP: the old answer
    assert "no está disponible" in replies[-1].text_html and not replies[-1].buttons
    await directory_person(services, document_id="3003", email="b@alcaldia.gov.co")
    web = Chat(core, PersonRef(WEB, "w-cookie-1"))
    replies = await web.send("/vincular")
    assert CONTACT_BUTTON not in [b.data for r in replies for row in r.buttons for b in row]


async def test_with_email_both_paths_are_offered(chat: Chat, services: Services,
                                                 smtp_server) -> None:
    controller, _inbox = smtp_server
    services.settings = settings_for(services.settings, smtp=controller)
    await directory_person(services)
    replies = await chat.send("/vincular")
    assert "correo institucional" in replies[-1].text_html and datas(chat) == [CONTACT_BUTTON]
    replies = await share(chat, "573209999999")
    assert "escribir aquí su <b>correo institucional</b>" in replies[-1].text_html
    replies = await chat.send("ana@alcaldia.gov.co")  # still in the e-mail step
    assert "código" in replies[-1].text_html
    assert datas(chat) == [HIDE_KEYBOARD]  # the contact keyboard goes away
    hidden = keyboard(chat.replies[-1].buttons)
    assert hidden is not None and hidden.to_dict() == {"remove_keyboard": True}


def test_contact_button_renders_as_a_one_time_reply_keyboard() -> None:
    markup = keyboard([[Button("📱 Compartir mi número", CONTACT_BUTTON)]])
    assert markup is not None
    api = markup.to_dict()
    assert api == {"keyboard": [[{"text": "📱 Compartir mi número", "request_contact": True}]],
                   "resize_keyboard": True, "one_time_keyboard": True}
    inline = keyboard([[Button("Sí", "vinculo:si")]])
    assert inline is not None and "inline_keyboard" in inline.to_dict()


def hides(reply) -> bool:
    return [b.data for row in reply.buttons for b in row] == [HIDE_KEYBOARD]


async def test_the_keyboard_goes_away_on_cancel_and_at_the_end(chat: Chat,
                                                               services: Services) -> None:
    await directory_person(services)
    await chat.send("/vincular")
    replies = await chat.send("/cancelar")
    assert hides(replies[0]) and replies[0].text_html == "Quité el botón «Compartir mi número»."
    assert "lo dejamos ahí" in replies[1].text_html
    replies = await chat.send("/ayuda")  # once removed, never again
    assert not any(hides(r) for r in replies)
    await chat.send("/vincular")
    replies = await share(chat, "573209999999")  # no e-mail path: the flow ends
    assert hides(replies[-1]) and "invitación personal" in replies[-1].text_html
    await chat.send("/vincular")
    replies = await chat.send("/menu")  # another command replaces the flow
    assert hides(replies[0])


async def test_a_late_or_revoked_number_is_told_so(chat: Chat, services: Services) -> None:
    """The contact path never speaks of a code: too late, or revoked, in its own words."""
    clock = [NOW]
    services.clock = lambda: clock[0]
    target = await directory_person(services)
    await chat.send("/vincular")
    await share(chat, "573001234567")
    clock[0] = NOW + timedelta(minutes=16)
    replies = await chat.tap("vinculo:si")
    assert replies[-1].text_html == ("Pasaron más de 15 minutos desde que compartió su número. "
                                     "Escriba /vincular para compartirlo de nuevo.")
    clock[0] = NOW
    await chat.send("/vincular")
    await share(chat, "573001234567")
    async with services.db.session() as session:
        await link.revoke_links(session, target, now=NOW)
    replies = await chat.tap("vinculo:si")
    assert "código" not in replies[-1].text_html
    assert replies[-1].text_html.startswith("Se anularon las invitaciones y la vinculación")
    async with services.db.session() as session:
        assert (await session.get(Person, target)).linked_at is None


async def test_a_first_invitation_meanwhile_is_no_revocation(chat: Chat,
                                                             services: Services) -> None:
    """A person without a nonce gets one when a proof names them, so HR issuing their first
    invitation before the «Sí» does not look like a revocation."""
    services.clock = lambda: NOW
    target = await directory_person(services)
    await chat.send("/vincular")
    await share(chat, "573001234567")
    async with services.db.session() as session:
        person = await session.get(Person, target)
        assert person is not None and person.token_nonce is not None
        await link.issue_token(session, services.signer, person)
        await session.commit()
    await chat.tap("vinculo:si")
    assert any("quedó vinculado" in t for t in chat.texts()[-4:])


async def test_a_foreign_contact_is_read_with_its_country_code(chat: Chat,
                                                              services: Services) -> None:
    """A Telegram contact carries its country code without «+»: «34612345678» is the Spanish
    +34 612 345 678 of the directory (HR would have to type it with «+»)."""
    await directory_person(services, mobile="+34612345678")
    await chat.send("/vincular")
    replies = await share(chat, "34612345678")
    assert "Ley 1581" in replies[-1].text_html
